// The HTTP server of `kader serve`: cpp-httplib's Server with its thread pool,
// limits and timeouts, the routes of routes.hpp, JSON for every error (404,
// 405, 413 and httplib's own), and the signals.
#include "interpreter/serve/server.hpp"
#include "interpreter/serve/http.hpp"
#include "interpreter/serve/routes.hpp"
#include "interpreter/serve/signals.hpp"

#include <atomic>
#include <charconv>
#include <chrono>
#include <fmt/format.h>
#include <iostream>
#include <optional>
#include <sys/socket.h>
#include <thread>

namespace kader::serve {

namespace {

using httplib::Request;
using httplib::Response;

// Every route and its method, for 405 and the Allow header.
struct Route {
    const char* path;
    const char* method;
};
constexpr Route routes[] = {{"/healthz", "GET"},   {"/openapi.json", "GET"},
                            {"/v1/rules", "GET"},  {"/v1/decide", "POST"},
                            {"/v1/batch", "POST"}, {"/v1/reload", "POST"}};

// "GET, HEAD" or "POST" for a path that is served; empty for one that is not.
std::string allowed_methods(const std::string& path) {
    for (const auto& r : routes)
        if (path == r.path) return std::string(r.method) == "GET" ? "GET, HEAD" : r.method;
    return {};
}

// A path no route took: not served at all (404), or not with this method (405).
void no_route(const Request& req, Response& res) {
    std::string allow = allowed_methods(req.path);
    if (allow.empty()) return send_error(res, 404, fmt::format("no such endpoint: `{}`", req.path));
    res.set_header("Allow", allow);
    if (req.method == "OPTIONS") {
        res.status = 204;
        return;
    }
    std::string methods = allow == "GET, HEAD" ? "GET or HEAD" : allow;
    send_error(res, 405, fmt::format("`{}` takes {}, not {}", req.path, methods, req.method));
}

// A handler must never throw: whatever escapes is a defect, answered with 500.
template <class F> void guard(Response& res, F&& f) {
    try {
        f();
    } catch (const std::exception& e) {
        send_internal(res, e.what());
    } catch (...) {
        send_internal(res, "an exception that is not a std::exception");
    }
}

using Plain = void (*)(Service&, const Request&, Response&);
using Reading = void (*)(Service&, const Request&, Response&, const httplib::ContentReader&);

httplib::Server::Handler plain(Service& s, Plain route) {
    return
        [&s, route](const Request& req, Response& res) { guard(res, [&] { route(s, req, res); }); };
}

httplib::Server::HandlerWithContentReader reading(Service& s, Reading route) {
    return [&s, route](const Request& req, Response& res, const httplib::ContentReader& reader) {
        guard(res, [&] { route(s, req, res, reader); });
    };
}

void add_routes(httplib::Server& server, Service& s) {
    server.Get("/healthz", plain(s, health_route));
    server.Get(R"(/openapi\.json)", plain(s, openapi_route));
    server.Get("/v1/rules", plain(s, rules_route));
    server.Post("/v1/decide", reading(s, decide_route));
    server.Post("/v1/batch", reading(s, batch_route));
    server.Post("/v1/reload", reading(s, reload_route));
    // Everything else, in the order registered: after the routes above.
    auto none = [](Service&, const Request& req, Response& res) { no_route(req, res); };
    auto none_with_body = [](Service& s, const Request& req, Response& res,
                             const httplib::ContentReader& reader) {
        discard_body(req, res, reader, s.max_body);
        no_route(req, res);
    };
    server.Get(".*", plain(s, none));
    server.Options(".*", plain(s, none));
    server.Post(".*", reading(s, none_with_body));
    server.Put(".*", reading(s, none_with_body));
    server.Patch(".*", reading(s, none_with_body));
    server.Delete(".*", reading(s, none_with_body));
}

// The error of an answer httplib made itself, before or without a route.
std::string httplib_error(int status, std::size_t max_body) {
    switch (status) {
    case 400:
        return "the request is not valid HTTP/1.1";
    case 404:
        return "no such endpoint";
    case 413:
        return fmt::format("the request body is larger than {} bytes, the most this service "
                           "takes (--max-body)",
                           max_body);
    case 414:
        return "the request line is too long";
    case 415:
        return "the body's Content-Encoding is not one this service reads";
    case 416:
        return "the Range header is not valid";
    case 500:
        return "internal error (a defect in Kader: please report it)";
    default:
        return fmt::format("the request could not be served (HTTP status {})", status);
    }
}

std::optional<std::uint64_t> content_length(const Request& req) {
    if (!req.has_header("Content-Length")) return std::nullopt;
    std::string text = req.get_header_value("Content-Length");
    std::uint64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return n;
}

void set_error_answers(httplib::Server& server, std::size_t max_body) {
    // Called for every answer of status 400 and above; the routes' own have a body.
    using Outcome = httplib::Server::HandlerResponse;
    server.set_error_handler(
        httplib::Server::HandlerWithResponse([max_body](const Request&, Response& res) {
            if (!res.body.empty()) return Outcome::Unhandled;
            try {
                send_error(res, res.status, httplib_error(res.status, max_body));
            } catch (...) {
                return Outcome::Unhandled; // httplib's bare answer, then
            }
            return Outcome::Handled;
        }));
    server.set_exception_handler([](const Request&, Response& res, std::exception_ptr e) {
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& ex) {
            send_internal(res, ex.what());
        } catch (...) {
            send_internal(res, "an exception that is not a std::exception");
        }
    });
    // A client that asks first is told before it sends a body that is too large.
    server.set_expect_100_continue_handler([max_body](const Request& req, Response& res) {
        auto length = content_length(req);
        if (length && *length > max_body) return res.status = 413;
        return 100;
    });
}

void configure(httplib::Server& server, const ServeOptions& o) {
    unsigned threads = o.threads;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_payload_max_length(o.max_body);
    server.set_read_timeout(o.timeout_seconds, 0);
    server.set_write_timeout(o.timeout_seconds, 0);
    // An answer goes out in two writes (head, body): without this, Nagle's
    // algorithm and the client's delayed ACK hold the second for 40 ms.
    server.set_tcp_nodelay(true);
    // httplib sets SO_REUSEPORT, which lets a second server bind the same port
    // and take part of its requests, perhaps with other rules. SO_REUSEADDR
    // alone allows a restart while old connections linger in TIME_WAIT.
    server.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    });
    server.set_pre_routing_handler([](const Request& req, Response&) {
        // RFC 9112 6.3: a request with neither Content-Length nor
        // Transfer-Encoding has no body. httplib 0.11 would read one until the
        // client closes; say so for it. The Request is not const, only the
        // reference httplib hands out.
        if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding"))
            const_cast<Request&>(req).set_header("Content-Length", "0");
        return httplib::Server::HandlerResponse::Unhandled;
    });
}

std::string url(const std::string& host, int port) {
    bool ipv6 = host.find(':') != std::string::npos;
    return fmt::format("http://{}{}{}:{}", ipv6 ? "[" : "", host, ipv6 ? "]" : "", port);
}

// The port listened on, or -1.
int bind_port(httplib::Server& server, const ServeOptions& o) {
    if (o.port == 0) return server.bind_to_any_port(o.host);
    return server.bind_to_port(o.host, o.port) ? o.port : -1;
}

// Accepts connections on another thread and takes the signals on this one,
// until SIGINT or SIGTERM. False when accepting failed.
bool run_until_stopped(httplib::Server& server, Service& service) {
    std::atomic<bool> ended{false};
    bool accepted = true;
    std::thread listener([&] {
        accepted = server.listen_after_bind();
        ended = true;
    });
    // stop() only stops a server that runs: wait until it does.
    while (!server.is_running() && !ended)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    auto reload = [&] {
        try {
            reload_on_signal(service);
        } catch (const std::exception& e) {
            std::cerr << "kader serve: internal error while reloading: " << e.what() << '\n';
        }
    };
    wait_for_stop(reload, [&] { return ended.load(); });
    // Requests in flight are answered before the workers end, but httplib
    // breaks off an answer still streaming: let the batches finish first.
    if (service.batches_in_flight > 0) {
        std::cerr << "kader serve: stopping once the batches in flight are answered "
                     "(SIGTERM again to stop now)\n";
        wait_for_stop(reload, [&] { return ended || service.batches_in_flight == 0; });
    }
    server.stop();
    listener.join();
    return accepted;
}

} // namespace

int serve(const ServeOptions& options, std::shared_ptr<const Program> program,
          std::unique_ptr<DecisionLog> log) {
    block_signals(); // before any thread starts, so that every thread inherits it
    std::string fingerprint = program->fingerprint;
    RuleHolder rules(options.rules, std::move(program));
    std::optional<DecisionRecorder> recorder;
    if (log) recorder.emplace(std::move(log));
    Service service{rules, recorder ? &*recorder : nullptr, options.max_body, options.stderr_style};
    httplib::Server server;
    configure(server, options);
    set_error_answers(server, options.max_body);
    add_routes(server, service);
    int port = bind_port(server, options);
    if (port < 0) {
        std::cerr << fmt::format(
            "kader serve: error: cannot listen on {}:{}\nhelp: the port may be in use, or the "
            "address not one of this machine's\n",
            options.host, options.port);
        return 2;
    }
    std::cout << fmt::format("kader serve: listening on {} (rules {})\n", url(options.host, port),
                             fingerprint)
              << std::flush;
    if (!run_until_stopped(server, service)) {
        std::cerr << "kader serve: error: the server stopped accepting connections\n";
        return 2;
    }
    std::cerr << "kader serve: stopped\n";
    return 0;
}

} // namespace kader::serve
