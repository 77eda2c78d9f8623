// kader check: load and statically check a rule set.
#include "interpreter/cli/commands.hpp"

#include <fmt/format.h>
#include <iostream>

namespace kader::cli {

int run_check(const CommandSpec&, const Args& args) {
    Diagnostics diags;
    auto program = load_rules(args.rules, diags);
    std::cerr << render(diags);
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
