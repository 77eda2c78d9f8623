// Edits the server proposes: the canonical layout of a file (`kader fmt`)
// and the checker's did-you-mean corrections as quick fixes.
#include "interpreter/lsp/features.hpp"
#include "lang/ascii.hpp"
#include "lang/formatter.hpp"
#include "lang/parser.hpp"

#include <fmt/format.h>

namespace kader::lsp {

namespace {

// Where `name` stands as a whole word within bytes [from, to) of `line`.
std::optional<std::size_t> word_within(std::string_view line, std::size_t from, std::size_t to,
                                       std::string_view name) {
    for (std::size_t p = line.find(name, from);
         p != std::string_view::npos && p + name.size() <= to; p = line.find(name, p + 1)) {
        bool starts = p == 0 || !ascii::is_name_char(line[p - 1]);
        bool ends = p + name.size() >= line.size() || !ascii::is_name_char(line[p + name.size()]);
        if (starts && ends) return p;
    }
    return std::nullopt;
}

bool overlaps(const json& a, std::uint32_t line) {
    return a.at("start").at("line").get<std::int64_t>() <= static_cast<std::int64_t>(line) &&
           static_cast<std::int64_t>(line) <= a.at("end").at("line").get<std::int64_t>();
}

} // namespace

std::optional<json> formatting(const Workspace& ws, const std::string& file) {
    const Source* source = ws.source(file);
    if (!source) return std::nullopt;
    Diagnostics diags;
    ast::Module module = parse_module(*source, diags);
    if (diags.has_errors()) return std::nullopt;
    std::string formatted = format_module(module);
    json edits = json::array();
    if (formatted == source->text) return edits;
    auto lines = static_cast<std::uint32_t>(source->line_starts.size());
    edits.push_back({{"range",
                      {{"start", {{"line", 0}, {"character", 0}}},
                       {"end", {{"line", lines}, {"character", 0}}}}},
                     {"newText", formatted}});
    return edits;
}

json code_actions(Files& files, const Workspace& ws, const std::string& file, const json& range) {
    json out = json::array();
    const Source* source = ws.source(file);
    const auto& all = ws.current().diagnostics;
    auto found = all.find(file);
    if (!source || found == all.end()) return out;
    for (const auto& d : found->second) {
        if (!d.suggestion || !d.location.known() || d.location.line > source->line_starts.size())
            continue;
        std::uint32_t line = d.location.line - 1;
        if (!overlaps(range, line)) continue;
        std::string_view text = source->line(d.location.line);
        std::size_t from = d.location.column - 1, to = from + d.location.length;
        auto at = word_within(text, from, std::min(to, text.size()), d.suggestion->replace);
        if (!at) continue;
        json edit = {
            {"range", range_of(source, d.location.line, static_cast<std::uint32_t>(*at + 1),
                               static_cast<std::uint32_t>(d.suggestion->replace.size()))},
            {"newText", d.suggestion->with}};
        json diagnostic = published_diagnostics(files, ws, file, {d})["diagnostics"][0];
        out.push_back({{"title", fmt::format("Change `{}` to `{}`", d.suggestion->replace,
                                             d.suggestion->with)},
                       {"kind", "quickfix"},
                       {"isPreferred", true},
                       {"diagnostics", json::array({diagnostic})},
                       {"edit", {{"changes", {{files.uri(file), json::array({edit})}}}}}});
    }
    return out;
}

json published_diagnostics(Files& files, const Workspace& ws, const std::string& file,
                           const std::vector<Diagnostic>& diagnostics) {
    const Source* source = ws.source(file);
    json list = json::array();
    for (const auto& d : diagnostics) {
        std::string message = d.message;
        if (!d.help.empty()) message += "\nhelp: " + d.help;
        json j = {
            {"range", range_of(source, d.location.line, d.location.column, d.location.length)},
            {"severity", d.severity == Severity::error ? 1 : 2},
            {"code", code_name(d.code)},
            {"source", "kader"},
            {"message", message}};
        json related = json::array();
        for (const auto& r : d.related) {
            const Source* other = ws.source(r.location.input);
            std::string uri = files.uri(r.location.input);
            if (uri.empty() || !r.location.known()) continue;
            related.push_back({{"location",
                                {{"uri", uri},
                                 {"range", range_of(other, r.location.line, r.location.column,
                                                    r.location.length)}}},
                               {"message", r.message}});
        }
        if (!related.empty()) j["relatedInformation"] = related;
        list.push_back(std::move(j));
    }
    return {{"uri", files.uri(file)}, {"diagnostics", list}};
}

} // namespace kader::lsp
