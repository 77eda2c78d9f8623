#pragma once
// What every route of `kader serve` shares: JSON bodies, the error body with
// its structured diagnostics, reading a bounded request body, and the query
// parameters of a decision.
#include "interpreter/decide.hpp"
#include "lang/diagnostic.hpp"

#include <cstddef>
#include <httplib.h>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kader::serve {

using Json = nlohmann::ordered_json;

inline constexpr const char* json_type = "application/json";
inline constexpr const char* json_lines_type = "application/x-ndjson";
inline constexpr const char* text_type = "text/plain; charset=utf-8";

// One line of JSON and a newline. Text from the request (a case, a rule file)
// may hold bytes that are not UTF-8: they are replaced, never an exception.
std::string dump_line(const Json& j);

// {"severity", "code", "message", "help", "location": {"input", "line", "column"}, "related"}.
Json diagnostic_json(const Diagnostic& d);
// Every diagnostic, the counts of those left out included.
Json diagnostics_json(const Diagnostics& diags);
// The diagnostics as `kader` prints them, without the lines they quote.
std::string rendered(const Diagnostics& diags);

void send_json(httplib::Response& res, int status, const Json& body);
// {"error": ERROR, "diagnostics": [...]}: the body of every answer but 2xx.
void send_error(httplib::Response& res, int status, const std::string& error,
                const Diagnostics& diags = {});
// 400 or another status for refused input: `error` is the diagnostics rendered.
void send_refused(httplib::Response& res, int status, const Diagnostics& diags);
// A defect in Kader: 500, and a line on standard error.
void send_internal(httplib::Response& res, const std::string& what);

// Reads the body, at most `limit` bytes once decoded. Nothing, with the answer
// (413, 415, 400) already set, when it cannot be read or is too large.
std::optional<std::string> read_body(const httplib::Request& req, httplib::Response& res,
                                     const httplib::ContentReader& reader, std::size_t limit);
// Reads and drops the body of a request that is answered without it, so that
// the connection stays in step; closes the connection when it is too large.
void discard_body(const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader, std::size_t limit);

// The query parameters of /v1/decide and /v1/batch.
struct DecideQuery {
    DecideOptions options; // as_of, explain
    bool text = false;     // format=text
};
// Reads the parameters of `allowed` from the query; an unknown, repeated or
// bad parameter is an error (K0906) in `diags`.
std::optional<DecideQuery> parse_query(const httplib::Request& req,
                                       std::initializer_list<std::string_view> allowed,
                                       Diagnostics& diags);

} // namespace kader::serve
