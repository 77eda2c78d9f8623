// kader lsp: the language server for editors (docs/editors.md).
#include "interpreter/cli/commands.hpp"
#include "interpreter/lsp/server.hpp"

#include <iostream>

namespace kader::cli {

int run_lsp(const CommandSpec&, const Args& args) {
    // The protocol's bytes must pass unchanged: no buffering by lines, no
    // synchronisation with C stdio to slow every message down.
    std::ios::sync_with_stdio(false);
    return lsp::serve(args.rules, std::cin, std::cout, std::cerr);
}

} // namespace kader::cli
