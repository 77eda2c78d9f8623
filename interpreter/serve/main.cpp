// kader-serve: the decision service (docs/serve.md), the program that
// `kader serve` runs with its arguments. A program of its own, so that the
// HTTP library and what it loads (OpenSSL, brotli, zlib) start with no other
// command of kader.
#include "interpreter/cli/commands.hpp"

int main(int argc, char** argv) {
    using namespace kader::cli;
    return run_command(serve_spec(), run_serve, {argv + 1, argv + argc});
}
