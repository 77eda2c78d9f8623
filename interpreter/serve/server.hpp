#pragma once
// kader serve: the decision service, an HTTP JSON API over the interpreter
// (docs/serve.md). Decides with a snapshot of the rule set per request,
// reloads it on SIGHUP or POST /v1/reload, logs what it decides with --log.
#include "interpreter/decision_log.hpp"
#include "interpreter/rule_loader.hpp"
#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

#include <cstddef>
#include <memory>
#include <string>

namespace kader::serve {

struct ServeOptions {
    RuleSources rules; // read again on reload
    std::string host = "127.0.0.1";
    int port = 8080;      // 0: a free port, chosen by the system
    unsigned threads = 1; // workers; each serves one connection at a time
    std::size_t max_body = std::size_t{16} << 20;
    int timeout_seconds = 30; // reading a request, writing an answer
    RenderStyle stderr_style;
};

// Serves until SIGINT or SIGTERM. Prints one line on standard output once it
// listens (`kader serve: listening on http://HOST:PORT (rules sha256:...)`).
// Returns the exit code: 0 after a clean stop, 2 when it cannot listen.
int serve(const ServeOptions& options, std::shared_ptr<const Program> program,
          std::unique_ptr<DecisionLog> log);

} // namespace kader::serve
