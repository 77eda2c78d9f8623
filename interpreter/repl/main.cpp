// kader-repl: the REPL (`kader repl`), the program that `kader repl` runs
// with its arguments. A program of its own, so that libedit and what it
// loads (ncurses' terminfo, libbsd, libmd) start with no other command.
#include "interpreter/cli/commands.hpp"

int main(int argc, char** argv) {
    using namespace kader::cli;
    return run_command(repl_spec(), run_repl, {argv + 1, argv + argc});
}
