// kader check: load and statically check a rule set.
#include "interpreter/cli/commands.hpp"

#include <fmt/format.h>
#include <iostream>

namespace kader::cli {

int run_check(const CommandSpec&, const Args& args) {
    Diagnostics diags;
    // A rule file that cannot be read is bad input (exit 2), like for every
    // other command; rules that do not check are a failed check (exit 1).
    auto sources = read_rule_sources(args.rules, diags);
    if (!sources) {
        std::cerr << render(diags, stderr_style());
        return exit_bad_input;
    }
    auto program = compile(std::move(*sources), read_rule_data, diags);
    std::cerr << render(diags, stderr_style());
    if (!program) {
        std::cerr << fmt::format("{} error{} found\n", diags.error_count(),
                                 diags.error_count() == 1 ? "" : "s");
        return exit_failed;
    }
    std::size_t warnings = diags.list().size();
    std::cout << fmt::format("ok: {} modules, {} rules, {} sets{}\n", program->modules.size(),
                             program->rules.size(), program->sets.size(),
                             warnings ? fmt::format(", {} warnings", warnings) : "");
    return exit_ok;
}

} // namespace kader::cli
