#pragma once
// The subcommands of `kader`, one file each.
#include "interpreter/cli/options.hpp"

#include <string>
#include <vector>

namespace kader::cli {

struct Command {
    CommandSpec spec;
    int (*run)(const CommandSpec& spec, const Args& args);
};

const std::vector<Command>& commands();

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
