#pragma once
// JSON text as Kader accepts it from a user: case files, batch lines, REPL
// values, data files. One strict reading for all of them, so that no input
// path can be laxer than another:
//
//   - the whole text is exactly one JSON value (a UTF-8 byte order mark
//     before it is allowed; anything after it, a NUL byte included, is not);
//   - an object names each key once (a repeated key would let the verdict
//     depend on which copy a reader keeps);
//   - numbers are finite doubles (1e999 is an error, never infinity);
//   - nesting is at most `json_max_depth` levels deep, so that no reader,
//     printer or destructor down the line can exhaust the stack.
//
// Every error names the input and the line and column where it was found.
#include "lang/diagnostic.hpp"

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kader {

// Far deeper than any case schema (a case nests four or five levels) and far
// shallower than what a 1 MB thread stack can take.
inline constexpr std::size_t json_max_depth = 128;

// The place of a byte offset into `text`, for a diagnostic about the input `input`.
Span json_span(std::string_view text, std::size_t offset, const std::string& input);

// Parses `text` strictly (see above). On error adds one located diagnostic
// to `diags` and returns nothing. Never throws.
std::optional<nlohmann::json> parse_json_strict(std::string_view text, const std::string& origin,
                                                Diagnostics& diags);
std::optional<nlohmann::ordered_json>
parse_ordered_json_strict(std::string_view text, const std::string& origin, Diagnostics& diags);

// The same, for a caller that points at the error itself (the REPL puts a
// caret under its own line).
struct JsonError {
    std::size_t offset = 0; // byte offset into the text
    std::string message;
    std::string help;
    bool syntax = false; // the text is not JSON at all (rather than JSON Kader refuses)
    std::optional<std::size_t> first; // a repeated key: where it is first given
};
std::optional<nlohmann::json> parse_json_strict(std::string_view text, JsonError& error);
std::optional<nlohmann::ordered_json> parse_ordered_json_strict(std::string_view text,
                                                                JsonError& error);

// "line L, column C" of a byte offset, for messages about a file named elsewhere.
std::string json_line_column(std::string_view text, std::size_t offset);

// The byte offset of each element of the array found at `path` in `text`,
// JSON that the strict reading accepted. `path` holds object keys and array
// indices (as decimal text), the tokens of a JSON pointer. Empty when there
// is no array there. Lets a message point at one entry of a data file.
std::vector<std::size_t> json_array_offsets(std::string_view text,
                                            const std::vector<std::string>& path);

// The byte offset of the value found at `path` (as for json_array_offsets);
// nothing when there is none.
std::optional<std::size_t> json_value_offset(std::string_view text,
                                             const std::vector<std::string>& path);

// A JSON value as a short text for messages: at most `limit` bytes, never
// cut inside a UTF-8 sequence, and computed without recursion, so that it is
// safe on a value of any depth (an embedder can build one without parsing).
std::string json_excerpt(const nlohmann::json& v, std::size_t limit = 40);
std::string json_excerpt(const nlohmann::ordered_json& v, std::size_t limit = 40);

// How deep `v` nests (a scalar is 0), counted without recursion, stopping
// at `limit + 1`.
std::size_t json_depth(const nlohmann::json& v, std::size_t limit = json_max_depth);
std::size_t json_depth(const nlohmann::ordered_json& v, std::size_t limit = json_max_depth);

} // namespace kader
