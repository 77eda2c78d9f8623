#pragma once
// Reading a user's file whole: rule files, data files, case files. The size
// is checked before a byte is read, and only regular files are read, so that
// `load "/dev/zero"` or `-r /dev/stdin` cannot read until memory runs out.
#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace kader {

// Limits on what is read whole (see docs/reliability.md).
inline constexpr std::size_t max_rule_file_bytes = 64u << 20;
inline constexpr std::size_t max_data_file_bytes = 64u << 20;
inline constexpr std::size_t max_case_file_bytes = 64u << 20;

// The file's bytes, or nothing with `error` saying why in words for people
// ("is a folder, not a file", "is 80 MiB; at most 64 MiB is read").
std::optional<std::string> read_regular_file(const std::string& path, std::size_t limit,
                                             std::string& error);

// At most `limit` bytes of a stream (standard input); more is an error.
std::optional<std::string> read_stream(std::istream& in, std::size_t limit, std::string& error);

// The byte offset of the first byte that does not belong to a well-formed
// UTF-8 sequence (overlong forms, surrogates and code points past U+10FFFF
// included), or npos when the whole text is UTF-8.
std::size_t first_invalid_utf8(std::string_view text);

} // namespace kader
