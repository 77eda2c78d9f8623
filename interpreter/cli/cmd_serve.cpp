// kader serve: the decision service over HTTP (docs/serve.md).
#include "interpreter/cli/commands.hpp"
#include "interpreter/serve/server.hpp"

#include <charconv>
#include <fmt/format.h>
#include <thread>

namespace kader::cli {

namespace {

// A whole number from `low` to `high`; a usage error otherwise.
template <class N>
bool number_option(const CommandSpec& spec, const Args& args, const std::string& option, N low,
                   N high, const char* what, N& out) {
    auto text = args.value(option);
    if (!text) return true;
    N n{};
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec == std::errc() && end == text->data() + text->size() && n >= low && n <= high) {
        out = n;
        return true;
    }
    usage_error(spec,
                fmt::format("`{} {}`: give {} from {} to {}", option, *text, what, low, high));
    return false;
}

bool serve_options(const CommandSpec& spec, const Args& args, serve::ServeOptions& o) {
    o.rules = args.rules;
    o.host = args.value("--host").value_or("127.0.0.1");
    if (o.host.empty()) {
        usage_error(spec, "`--host` needs an address, such as 127.0.0.1");
        return false;
    }
    o.threads = std::max(1u, std::thread::hardware_concurrency());
    o.stderr_style = stderr_style();
    return number_option(spec, args, "--port", 0, 65535, "a port", o.port) &&
           number_option(spec, args, "--threads", 1u, 1024u, "a number of threads", o.threads) &&
           number_option(spec, args, "--max-body", std::size_t{1}, std::size_t{1} << 40,
                         "a number of bytes", o.max_body) &&
           number_option(spec, args, "--timeout", 1, 86400, "a number of seconds",
                         o.timeout_seconds);
}

} // namespace

int run_serve(const CommandSpec& spec, const Args& args) {
    serve::ServeOptions options;
    if (!serve_options(spec, args, options)) return exit_bad_input;
    auto program = load_or_report(args);
    if (!program) return exit_bad_input;
    bool log_ok = true;
    auto log = open_log_option(args, log_ok);
    if (!log_ok) return exit_bad_input;
    return serve::serve(options, std::move(program), std::move(log));
}

} // namespace kader::cli
