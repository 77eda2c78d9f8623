#include "interpreter/json_writer.hpp"

#include "lang/byte_words.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/format.h>

namespace kader {

namespace {

// The length of the well-formed UTF-8 sequence at s[i] (RFC 3629), or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    std::size_t n = c >= 0xC2 && c <= 0xDF   ? 2
                    : c >= 0xE0 && c <= 0xEF ? 3
                    : c >= 0xF0 && c <= 0xF4 ? 4
                                             : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    unsigned char c1 = byte(i + 1);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) || (c == 0xF0 && c1 < 0x90) ||
        (c == 0xF4 && c1 >= 0x90))
        return 0; // overlong, surrogate or beyond U+10FFFF
    return n;
}

// A byte JSON takes as it is: printable ASCII other than the quote and the backslash.
bool plain(char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x80 && c != '"' && c != '\\';
}

// Where the run of plain bytes from s[i] ends: words with no byte that
// is not plain are passed whole, the rest looked at byte by byte.
std::size_t plain_run_end(std::string_view s, std::size_t i) {
    using namespace byte_words;
    i = skip_words(s, i, [](auto w) {
        return (not_ascii(w) | below(w, 0x20) | equal(w, '"') | equal(w, '\\')) != 0;
    });
    while (i < s.size() && plain(s[i]))
        ++i;
    return i;
}

// The two-character escape JSON has for c, or "" when it has none.
std::string_view short_escape(char c) {
    switch (c) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '\b':
        return "\\b";
    case '\f':
        return "\\f";
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    case '\t':
        return "\\t";
    default:
        return {};
    }
}

} // namespace

void JsonWriter::grow(std::size_t n) {
    // Grown, never shrunk: room kept by a caller stays at the size of the
    // largest decision written into it.
    room_.resize(std::max({2 * room_.size(), at_ + n, std::size_t{4096}}));
}

// Writes the byte at s[i] that is not plain, escaped (or the UTF-8 sequence
// it starts); the index after what was written.
std::size_t JsonWriter::escape_at(std::string_view s, std::size_t i) {
    char c = s[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
        // Rule files are not checked for UTF-8; JSON must be UTF-8, so
        // a byte that starts no valid sequence becomes U+FFFD.
        std::size_t n = utf8_length(s, i);
        if (n == 0) {
            put("\xEF\xBF\xBD", 3);
            return i + 1;
        }
        put(s.data() + i, n);
        return i + n;
    }
    if (std::string_view e = short_escape(c); !e.empty()) {
        put(e.data(), e.size());
    } else {
        char text[8];
        auto end = fmt::format_to_n(text, sizeof text, "\\u{:04x}", static_cast<unsigned char>(c));
        put(text, end.size);
    }
    return i + 1;
}

// Plain runs are copied whole: most texts of a decision have nothing to
// escape, and appending them byte by byte was most of the time spent
// writing decisions (docs/performance.md).
void JsonWriter::escaped(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t run = plain_run_end(s, i);
        put(s.data() + i, run - i);
        if (run == s.size()) break;
        i = escape_at(s, run);
    }
}

bool JsonWriter::needs_no_escape(std::string_view s) {
    return plain_run_end(s, 0) == s.size();
}

void JsonWriter::string_literal(std::string_view s) {
    // Most texts are short and have nothing to escape: quotes and text in
    // one piece.
    constexpr std::size_t short_text = 64;
    if (s.size() <= short_text && plain_run_end(s, 0) == s.size()) {
        quoted(s);
        return;
    }
    put('"');
    escaped(s);
    put('"');
}

void JsonWriter::place(std::string_view file, std::uint32_t line, std::uint32_t column) {
    comma();
    put('"');
    escaped(file);
    // ":LINE:COLUMN\"": two numbers of at most 10 digits each.
    char* to = room_for(24);
    char* start = to;
    for (std::uint32_t n : {line, column}) {
        *to++ = ':';
        to = std::to_chars(to, to + 10, n).ptr;
    }
    *to++ = '"';
    at_ += static_cast<std::size_t>(to - start);
}

void JsonWriter::raw_number(double d) {
    if (!std::isfinite(d)) {
        put("null", 4);
        return;
    }
    // The shortest text of a double is at most 24 bytes ("-2.2250738585072014e-308").
    char text[32];
    auto end = fmt::format_to_n(text, sizeof text, "{}", d);
    put(text, std::min(end.size, sizeof text));
}

} // namespace kader
