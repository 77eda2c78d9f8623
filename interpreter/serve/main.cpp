// kader-serve: the decision service (docs/serve.md), the program that
// `kader serve` runs with its arguments. A program of its own, so that the
// HTTP library and what it loads (OpenSSL, brotli, zlib) start with no other
// command of kader.
#include "interpreter/cli/commands.hpp"

#include <exception>
#include <fmt/format.h>
#include <iostream>

int main(int argc, char** argv) {
    using namespace kader::cli;
    const CommandSpec spec = serve_spec();
    try {
        auto parsed = parse_args(spec, std::vector<std::string>(argv + 1, argv + argc));
        if (!parsed) return exit_bad_input;
        return run_serve(spec, *parsed);
    } catch (const std::exception& e) {
        // A defect, not the user's fault; still no crash without a word.
        std::cerr << fmt::format("kader serve: internal error: {}\n", e.what());
        return exit_internal;
    }
}
