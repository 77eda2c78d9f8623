#pragma once
// The wire of the Language Server Protocol: JSON-RPC messages framed by a
// `Content-Length` header, and the protocol's positions (0-based lines,
// columns in UTF-16 code units) against Kader's (1-based lines, columns in
// bytes).
#include <cstdint>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kader::lsp {

using json = nlohmann::json;

// A message body larger than this is refused: an editor never sends one, and
// a broken client must not make the server allocate without bound.
inline constexpr std::size_t max_message_bytes = 64u << 20;

// What reading the next message gave.
struct Incoming {
    enum Kind { message, end, bad_frame } kind = end;
    std::string body; // the JSON text (message)
    std::string why;  // bad_frame: what was wrong with the header
};

// Reads one framed message. `end` when the input ends between messages.
Incoming read_message(std::istream& in);
// Writes one framed message and flushes it.
void write_message(std::ostream& out, const json& message);

// The JSON-RPC error codes the server answers with.
enum class ErrorCode : int {
    parse_error = -32700,
    invalid_request = -32600,
    method_not_found = -32601,
    invalid_params = -32602,
    internal_error = -32603,
    server_not_initialized = -32002,
    request_failed = -32803,
};

json error_response(const json& id, ErrorCode code, std::string message);
json result_response(const json& id, json result);
json notification(std::string method, json params);

// The UTF-16 column (0-based) of byte column `byte_column` (1-based) of `line`.
std::uint32_t utf16_column(std::string_view line, std::uint32_t byte_column);
// The byte offset in `line` of UTF-16 column `column` (0-based); clamped to the line.
std::size_t byte_offset(std::string_view line, std::uint32_t column);

// "file:///a%20b/c.kader" <-> "/a b/c.kader". Not a file URI: nullopt.
std::optional<std::string> path_of_uri(std::string_view uri);
std::string uri_of_path(std::string_view path);

} // namespace kader::lsp
