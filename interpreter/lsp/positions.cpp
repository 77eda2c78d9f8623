// Places between the protocol (0-based lines, UTF-16 columns) and Kader
// (1-based lines, byte columns).
#include "interpreter/lsp/features.hpp"

namespace kader::lsp {

std::optional<Place> place_of(const Source& source, const std::string& file, const json& position) {
    auto line = position.at("line").get<std::int64_t>();
    auto character = position.at("character").get<std::int64_t>();
    if (line < 0 || character < 0 || static_cast<std::size_t>(line) >= source.line_starts.size())
        return std::nullopt;
    std::string_view text = source.line(static_cast<std::size_t>(line) + 1);
    std::size_t byte = byte_offset(
        text, static_cast<std::uint32_t>(std::min<std::int64_t>(character, UINT32_MAX)));
    return Place{file, &source, static_cast<std::uint32_t>(line + 1),
                 static_cast<std::uint32_t>(byte + 1)};
}

json range_of(const Source* source, std::uint32_t line, std::uint32_t column,
              std::uint32_t length) {
    if (line == 0)
        return {{"start", {{"line", 0}, {"character", 0}}},
                {"end", {{"line", 0}, {"character", 0}}}};
    std::string_view text =
        source && line <= source->line_starts.size() ? source->line(line) : std::string_view();
    std::uint32_t start = source ? utf16_column(text, column) : column - 1;
    std::uint32_t end =
        source ? utf16_column(text, column + std::max(1u, length)) : column - 1 + length;
    return {{"start", {{"line", line - 1}, {"character", start}}},
            {"end", {{"line", line - 1}, {"character", end}}}};
}

json location_of(Files& files, const Workspace& ws, const Location& at) {
    if (!at.source || !at.known()) return nullptr;
    std::string uri = files.uri(at.source->name);
    if (uri.empty()) return nullptr;
    const Source* source = ws.source(at.source->name);
    return {{"uri", uri},
            {"range", range_of(source ? source : at.source, at.line, at.column, at.length)}};
}

} // namespace kader::lsp
