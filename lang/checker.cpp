// The checker: modules -> checked program, in passes over the whole rule
// set: symbols, imports, the case schema, sets and their data, rules and
// tables, exceptions, unused declarations. Each pass is in a file of its own
// (symbols.cpp, schema.cpp, set_loading.cpp, rules.cpp, tables.cpp,
// exceptions.cpp); expressions are resolved in resolver.cpp.
#include "lang/checker.hpp"
#include "lang/checker_internal.hpp"
#include "lang/fingerprint.hpp"
#include "lang/parser.hpp"

namespace kader {

using namespace ast;

namespace checking {

void Checker::run(std::vector<Module> modules) {
    index_modules(std::move(modules));
    resolve_imports();
    build_schema();
    load_sets();
    build_rules();
    link_exceptions();
    check_exceptions();
    sort_rules();
    place_rule_frames();
    find_sets_to_review();
    warn_unused();
    find_element_tests(p_);
    find_case_quantifiers(p_);
    plan_truths(p_);
}

} // namespace checking

using checking::Checker;

std::shared_ptr<const Program> compile(std::vector<std::unique_ptr<Source>> sources,
                                       const DataReader& read_data, Diagnostics& diags) {
    auto program = std::make_shared<Program>();
    std::vector<Module> modules;
    for (const auto& s : sources)
        modules.push_back(parse_module(*s, diags));
    auto fail = [&] {
        diags.sort();
        return nullptr;
    };
    if (diags.has_errors()) return fail();
    std::vector<std::string> texts;
    for (const auto& s : sources)
        texts.push_back(s->text);
    // Data files shape decisions as much as rules do, so they are in the fingerprint too.
    DataReader recording = [&](const Source& from, const std::string& path, std::string& error) {
        auto text = read_data(from, path, error);
        if (text) {
            texts.push_back(*text);
            program->data_files.try_emplace(data_file_name(from, path), *text);
        }
        return text;
    };
    Checker(*program, recording, diags).run(std::move(modules));
    program->fingerprint = fingerprint(std::move(texts));
    if (diags.has_errors()) {
        // The nodes point into the sources; drop them before the sources move.
        program.reset();
        return fail();
    }
    program->sources = std::move(sources);
    diags.sort();
    return program;
}

} // namespace kader
