// kader doc: the rule set's reference, generated from the rule files so it
// never drifts from them. The words are the renderer's
// (interpreter/render_reference.cpp); this command only loads and prints.
#include "interpreter/cli/commands.hpp"
#include "interpreter/render_reference.hpp"

#include <iostream>

namespace kader::cli {

int run_doc(const CommandSpec&, const Args& args) {
    auto program = load_or_report(args);
    if (!program) return exit_bad_input;
    std::cout << render_reference(*program);
    return exit_ok;
}

} // namespace kader::cli
