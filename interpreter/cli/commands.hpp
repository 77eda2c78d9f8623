#pragma once
// The subcommands of `kader`, one file each.
#include "interpreter/cli/options.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kader::cli {

struct Command {
    CommandSpec spec;
    int (*run)(const CommandSpec& spec, const Args& args);
    // A command that is a program of its own, next to kader (run with the
    // command's arguments), or null: kader-serve and kader-repl, so that the
    // libraries only serving or line editing needs are loaded by no other
    // command (each took a part of every command's start: docs/performance.md).
    const char* program = nullptr;
};

const std::vector<Command>& commands();

// Runs `program`, found in the folder of the running kader, with `args` in
// place of this process; returns only when it cannot be run, having said why.
int run_sibling_program(const CommandSpec& spec, const char* program,
                        const std::vector<std::string>& args);

// The arguments of `kader serve` and `kader repl`: the table of commands
// shows them, and kader-serve and kader-repl read their arguments by them.
CommandSpec serve_spec();
CommandSpec repl_spec();

// A command run with its arguments (those after its name): read by `spec`,
// then `run`; a usage error is exit code 2, a defect 3 with a word, never an
// exception out. kader runs its commands so, kader-serve and kader-repl theirs.
int run_command(const CommandSpec& spec, int (*run)(const CommandSpec&, const Args&),
                const std::vector<std::string>& args);
// `code`, once what the command wrote to standard output is out; when it
// could not be written (a full disk), says so and gives exit code 2 in place
// of 0 or 1.
int output_written(std::string_view command, int code);

int run_eval(const CommandSpec&, const Args&);
int run_batch(const CommandSpec&, const Args&);
int run_check(const CommandSpec&, const Args&);
int run_fmt(const CommandSpec&, const Args&);
int run_test(const CommandSpec&, const Args&);
int run_doc(const CommandSpec&, const Args&);
int run_diff(const CommandSpec&, const Args&);
int run_repl(const CommandSpec&, const Args&);
int run_explain(const CommandSpec&, const Args&);
int run_whynot(const CommandSpec&, const Args&);
int run_memo(const CommandSpec&, const Args&);
int run_log(const CommandSpec&, const Args&);
int run_replay(const CommandSpec&, const Args&);
int run_serve(const CommandSpec&, const Args&);
int run_lsp(const CommandSpec&, const Args&);

} // namespace kader::cli
