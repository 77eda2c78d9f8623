// kader repl: placeholder until the REPL lands.
#include "interpreter/cli/commands.hpp"

#include <iostream>

namespace kader::cli {

int run_repl(const CommandSpec& spec, const Args&) {
    usage_error(spec, "the REPL is not built yet");
    return exit_bad_input;
}

} // namespace kader::cli
