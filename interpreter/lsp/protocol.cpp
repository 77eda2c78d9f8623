#include "interpreter/lsp/protocol.hpp"

#include <charconv>
#include <istream>
#include <ostream>

namespace kader::lsp {

namespace {

// One header line without its CR LF; nullopt at the end of the input.
// Header lines are short: a longer one is a broken frame, not a reason to
// read without bound.
std::optional<std::string> header_line(std::istream& in, bool& too_long) {
    std::string line;
    char c;
    while (in.get(c)) {
        if (c == '\n') {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            return line;
        }
        if (line.size() >= 1024) {
            too_long = true;
            return line;
        }
        line.push_back(c);
    }
    if (line.empty()) return std::nullopt;
    return line;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
    return true;
}

Incoming bad(std::string why) {
    return {Incoming::bad_frame, {}, std::move(why)};
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The length of the UTF-8 character that starts with byte `c`.
std::size_t utf8_width(unsigned char c) {
    if (c < 0x80) return 1;
    if ((c >> 5) == 0x6) return 2;
    if ((c >> 4) == 0xE) return 3;
    if ((c >> 3) == 0x1E) return 4;
    return 1;
}

} // namespace

Incoming read_message(std::istream& in) {
    std::optional<std::size_t> length;
    bool first = true;
    for (;;) {
        bool too_long = false;
        auto line = header_line(in, too_long);
        if (!line) {
            if (first) return {};
            return bad("the input ended inside a message header");
        }
        if (too_long) return bad("a header line is longer than 1024 bytes");
        first = false;
        if (line->empty()) break;
        auto colon = line->find(':');
        if (colon == std::string::npos) return bad("a header line has no `:`: " + *line);
        std::string_view name = std::string_view(*line).substr(0, colon);
        std::string_view value = std::string_view(*line).substr(colon + 1);
        while (!value.empty() && value.front() == ' ')
            value.remove_prefix(1);
        if (!equals_ignoring_case(name, "Content-Length")) continue; // Content-Type and others
        std::size_t n = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (ec != std::errc() || end != value.data() + value.size())
            return bad("`Content-Length` is not a number: " + std::string(value));
        length = n;
    }
    if (!length) return bad("a message has no `Content-Length` header");
    if (*length > max_message_bytes)
        return bad("a message of " + std::to_string(*length) + " bytes is over the limit of " +
                   std::to_string(max_message_bytes));
    std::string body(*length, '\0');
    if (!in.read(body.data(), static_cast<std::streamsize>(*length)))
        return bad("the input ended inside a message body");
    return {Incoming::message, std::move(body), {}};
}

void write_message(std::ostream& out, const json& message) {
    // Invalid UTF-8 in a rule file must not stop the server: replace it.
    std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
    out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
    out.flush();
}

json error_response(const json& id, ErrorCode code, std::string message) {
    return {{"jsonrpc", "2.0"},
            {"id", id},
            {"error", {{"code", static_cast<int>(code)}, {"message", std::move(message)}}}};
}

json result_response(const json& id, json result) {
    return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json notification(std::string method, json params) {
    return {{"jsonrpc", "2.0"}, {"method", std::move(method)}, {"params", std::move(params)}};
}

// UTF-8 lead bytes say how long a character is; a character of four bytes
// is two UTF-16 code units. Stray continuation bytes count as one unit each,
// as an editor shows a replacement character for each.
std::uint32_t utf16_column(std::string_view line, std::uint32_t byte_column) {
    std::size_t end = std::min<std::size_t>(byte_column > 0 ? byte_column - 1 : 0, line.size());
    std::uint32_t units = 0;
    for (std::size_t i = 0; i < end;) {
        std::size_t width = utf8_width(static_cast<unsigned char>(line[i]));
        units += width == 4 ? 2 : 1;
        i += width;
    }
    return units + static_cast<std::uint32_t>(
                       byte_column > line.size() + 1 ? byte_column - 1 - line.size() : 0);
}

std::size_t byte_offset(std::string_view line, std::uint32_t column) {
    std::uint32_t units = 0;
    std::size_t i = 0;
    while (i < line.size() && units < column) {
        std::size_t width = utf8_width(static_cast<unsigned char>(line[i]));
        units += width == 4 ? 2 : 1;
        i = std::min(line.size(), i + width);
    }
    return i;
}

std::optional<std::string> path_of_uri(std::string_view uri) {
    constexpr std::string_view scheme = "file://";
    if (uri.substr(0, scheme.size()) != scheme) return std::nullopt;
    uri.remove_prefix(scheme.size());
    if (uri.empty() || uri.front() != '/') return std::nullopt; // file://host/...: not ours
    std::string path;
    for (std::size_t i = 0; i < uri.size(); ++i) {
        if (uri[i] == '%' && i + 2 < uri.size() && hex_value(uri[i + 1]) >= 0 &&
            hex_value(uri[i + 2]) >= 0) {
            path.push_back(static_cast<char>(hex_value(uri[i + 1]) * 16 + hex_value(uri[i + 2])));
            i += 2;
        } else {
            path.push_back(uri[i]);
        }
    }
    if (path.find('\0') != std::string::npos) return std::nullopt;
    return path;
}

std::string uri_of_path(std::string_view path) {
    static const char* digits = "0123456789ABCDEF";
    std::string uri = "file://";
    for (char ch : path) {
        auto c = static_cast<unsigned char>(ch);
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '/' || c == '-' || c == '_' || c == '.' || c == '~';
        if (plain) {
            uri.push_back(ch);
        } else {
            uri.push_back('%');
            uri.push_back(digits[c >> 4]);
            uri.push_back(digits[c & 15]);
        }
    }
    return uri;
}

} // namespace kader::lsp
