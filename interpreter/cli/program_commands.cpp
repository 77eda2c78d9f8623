// The commands that are programs of their own, next to kader (kader-serve,
// kader-repl): their arguments, which kader's table of commands shows and
// each program reads its own by; and how any command is run (run_command).
#include "interpreter/cli/commands.hpp"

#include <cerrno>
#include <cstring>
#include <exception>
#include <fmt/format.h>
#include <iostream>

namespace kader::cli {

CommandSpec serve_spec() {
    return {"serve",
            "serve [-r PATH]... [--no-stdlib] [--host ADDR] [--port N] [--threads N] "
            "[--log FILE.db] [--max-body BYTES] [--timeout SECONDS]",
            "a decision service: an HTTP JSON API on 127.0.0.1 (docs/serve.md)",
            {"--host", "--port", "--threads", "--log", "--max-body", "--timeout"},
            {},
            0,
            0};
}

CommandSpec repl_spec() {
    return {"repl",
            "repl [-r PATH]... [--no-stdlib] [CASE.json]",
            "explore hypothetical cases interactively",
            {},
            {},
            0,
            1};
}

int run_command(const CommandSpec& spec, int (*run)(const CommandSpec&, const Args&),
                const std::vector<std::string>& args) {
    try {
        auto parsed = parse_args(spec, args);
        return output_written(spec.name, parsed ? run(spec, *parsed) : exit_bad_input);
    } catch (const std::exception& e) {
        // A defect, not the user's fault; still no crash without a word.
        std::cerr << fmt::format("kader {}: internal error: {}\n", spec.name, e.what());
        return exit_internal;
    }
}

int output_written(std::string_view command, int code) {
    // An output that did not reach its file (a full disk) is no success:
    // whoever reads it would take what is there for all there is.
    errno = 0;
    std::cout.flush();
    if (std::cout) return code;
    const int error = errno;
    std::cerr << fmt::format("kader {}: error: cannot write the output{}{}\n", command,
                             error ? ": " : "", error ? std::strerror(error) : "");
    return code == exit_ok || code == exit_failed ? exit_bad_input : code;
}

} // namespace kader::cli
