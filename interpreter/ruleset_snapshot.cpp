#include "interpreter/ruleset_snapshot.hpp"

#include <fmt/format.h>
#include <map>

namespace kader {

RuleSetSnapshot snapshot_of(const Program& program) {
    RuleSetSnapshot s;
    s.fingerprint = program.fingerprint;
    for (const auto& source : program.sources)
        s.modules.push_back({source->name, source->text, source->builtin});
    for (const auto& [name, text] : program.data_files)
        s.data.push_back({name, text, false});
    return s;
}

std::shared_ptr<const Program> compile_snapshot(const RuleSetSnapshot& snapshot,
                                                const std::string& origin, Diagnostics& diags) {
    std::vector<std::unique_ptr<Source>> sources;
    for (const auto& m : snapshot.modules) {
        sources.push_back(std::make_unique<Source>(m.name, m.text));
        sources.back()->builtin = m.builtin;
    }
    std::map<std::string, const std::string*, std::less<>> data;
    for (const auto& d : snapshot.data)
        data.emplace(d.name, &d.text);
    DataReader from_snapshot = [&](const Source& from, const std::string& path,
                                   std::string& error) -> std::optional<std::string> {
        auto it = data.find(data_file_name(from, path));
        if (it == data.end()) {
            error = fmt::format("the stored rule set has no data file `{}`",
                                data_file_name(from, path));
            return std::nullopt;
        }
        return *it->second;
    };
    Diagnostics compiled;
    auto program = compile(std::move(sources), from_snapshot, compiled);
    if (!program) {
        diags.error(Code::log_damaged, whole_input(origin),
                    fmt::format("the stored rule set {} does not compile: {}", snapshot.fingerprint,
                                compiled.list().empty() ? "no reason given"
                                                        : compiled.list().front().message));
        return nullptr;
    }
    if (program->fingerprint != snapshot.fingerprint) {
        diags.error(Code::log_damaged, whole_input(origin),
                    fmt::format("the stored rule set {} compiles to another fingerprint, {}: its "
                                "texts were changed after it was stored",
                                snapshot.fingerprint, program->fingerprint));
        return nullptr;
    }
    return program;
}

} // namespace kader
