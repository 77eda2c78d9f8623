#include "interpreter/cli/commands.hpp"

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

} // namespace kader::cli
