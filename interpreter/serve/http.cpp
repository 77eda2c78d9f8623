#include "interpreter/serve/http.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iostream>

namespace kader::serve {

namespace {

Json location_json(const Span& s) {
    Json j{{"input", s.input}};
    if (s.known()) {
        j["line"] = s.line;
        j["column"] = s.column;
    }
    return j;
}

void send_too_large(httplib::Response& res, std::size_t limit) {
    send_error(res, 413,
               fmt::format("the request body is larger than {} bytes, the most this service "
                           "takes (--max-body)",
                           limit));
}

std::string joined(std::initializer_list<std::string_view> names) {
    std::string out;
    for (auto n : names)
        out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

// Reads one parameter into `q`; false when its value is not one it takes.
bool read_parameter(const std::string& key, const std::string& value, DecideQuery& q,
                    Diagnostics& diags) {
    auto refuse = [&](std::string message, std::string help) {
        diags.error(Code::bad_argument, whole_input("query"), std::move(message), std::move(help));
        return false;
    };
    if (key == "as_of") {
        q.options.as_of = ast::parse_date(value);
        return q.options.as_of ||
               refuse(fmt::format("`as_of={}` is not a date in the calendar (YYYY-MM-DD)", value),
                      "leave `as_of` out to decide as of the case's own `date`");
    }
    if (key == "explain") {
        return set_explain(q.options, value) ||
               refuse(fmt::format("`explain={}`: choose rules, brief or full", value), "");
    }
    q.text = value == "text";
    return value == "text" || value == "json" ||
           refuse(fmt::format("`format={}`: choose json or text", value), "");
}

} // namespace

std::string dump_line(const Json& j) {
    return j.dump(-1, ' ', false, Json::error_handler_t::replace) + '\n';
}

Json diagnostic_json(const Diagnostic& d) {
    Json related = Json::array();
    for (const auto& r : d.related)
        related.push_back({{"message", r.message}, {"location", location_json(r.location)}});
    return {{"severity", d.severity == Severity::error ? "error" : "warning"},
            {"code", code_name(d.code)},
            {"message", d.message},
            {"help", d.help},
            {"location", location_json(d.location)},
            {"related", std::move(related)}};
}

Json diagnostics_json(const Diagnostics& diags) {
    Json list = Json::array();
    for (const auto& d : diags.all())
        list.push_back(diagnostic_json(d));
    return list;
}

std::string rendered(const Diagnostics& diags) {
    std::string text = render(diags, {false, false});
    if (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
}

void send_json(httplib::Response& res, int status, const Json& body) {
    res.status = status;
    res.set_content(dump_line(body), json_type);
}

void send_error(httplib::Response& res, int status, const std::string& error,
                const Diagnostics& diags) {
    send_json(res, status, {{"error", error}, {"diagnostics", diagnostics_json(diags)}});
}

void send_refused(httplib::Response& res, int status, const Diagnostics& diags) {
    send_error(res, status, rendered(diags), diags);
}

void send_internal(httplib::Response& res, const std::string& what) {
    std::string message =
        fmt::format("internal error: {} (a defect in Kader: please report it)", what);
    std::cerr << "kader serve: " << message << '\n';
    Diagnostics diags;
    diags.error(Code::internal, whole_input("request"), message);
    send_refused(res, 500, diags);
}

std::optional<std::string> read_body(const httplib::Request& req, httplib::Response& res,
                                     const httplib::ContentReader& reader, std::size_t limit) {
    if (req.is_multipart_form_data()) {
        discard_body(req, res, reader, limit);
        send_error(res, 415,
                   "a multipart form is not read: send the JSON itself as the body "
                   "(Content-Type: application/json)");
        return std::nullopt;
    }
    std::string body;
    bool too_large = false;
    std::size_t dropped = 0;
    // httplib checks Content-Length against the limit, but not a chunked or a
    // compressed body: the limit is kept here, on the bytes as decoded. Past
    // it, the rest is read and dropped, so that the client can finish sending
    // and read the 413 (closing with its data unread would reset the
    // connection under the answer); a client that sends as much again is cut off.
    bool read = reader([&](const char* data, std::size_t n) {
        if (!too_large && n <= limit - body.size()) {
            body.append(data, n);
            return true;
        }
        if (!too_large) std::string().swap(body);
        too_large = true;
        dropped += n;
        return dropped <= limit;
    });
    if (read && !too_large) return body;
    if (too_large || res.status == 413) {
        send_too_large(res, limit);
        if (too_large && !read) res.set_header("Connection", "close"); // the rest is unread
    } else if (res.status == 415) {
        send_error(res, 415, "the body's Content-Encoding is not one this service reads");
    } else {
        send_error(res, 400, "the request body could not be read to its end");
    }
    return std::nullopt;
}

void discard_body(const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader, std::size_t limit) {
    std::size_t seen = 0;
    auto drop = [&](const char*, std::size_t n) {
        seen += n;
        return seen <= limit;
    };
    // A multipart body must be read through httplib's multipart parser.
    bool read = req.is_multipart_form_data()
                    ? reader([](const httplib::MultipartFormData&) { return true; }, drop)
                    : reader(drop);
    if (!read) res.set_header("Connection", "close"); // the rest is unread
}

std::optional<DecideQuery> parse_query(const httplib::Request& req,
                                       std::initializer_list<std::string_view> allowed,
                                       Diagnostics& diags) {
    DecideQuery q;
    std::vector<std::string> seen;
    bool ok = true;
    for (const auto& [key, value] : req.params) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            diags.error(Code::bad_argument, whole_input("query"),
                        fmt::format("unknown query parameter `{}`", key),
                        allowed.size() == 0
                            ? "this endpoint takes no query parameters"
                            : fmt::format("this endpoint takes {}", joined(allowed)));
            ok = false;
        } else if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
            diags.error(Code::bad_argument, whole_input("query"),
                        fmt::format("the query parameter `{}` is given twice", key),
                        "give it once");
            ok = false;
        } else {
            seen.push_back(key);
            ok = read_parameter(key, value, q, diags) && ok;
        }
    }
    if (!ok) return std::nullopt;
    return q;
}

} // namespace kader::serve
