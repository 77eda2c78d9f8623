#include "lang/diagnostic.hpp"

#include "lang/source.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kader {

std::string to_string(const Location& loc) {
    if (!loc.source) return {};
    return fmt::format("{}:{}:{}", loc.source->name, loc.line, loc.column);
}

void Diagnostics::error(Location loc, std::string message, std::string help) {
    list_.push_back({Severity::error, loc, std::move(message), std::move(help), {}});
}

void Diagnostics::warning(Location loc, std::string message, std::string help) {
    list_.push_back({Severity::warning, loc, std::move(message), std::move(help), {}});
}

void Diagnostics::append(const Diagnostics& other) {
    list_.insert(list_.end(), other.list_.begin(), other.list_.end());
}

bool Diagnostics::has_errors() const {
    return error_count() > 0;
}

std::size_t Diagnostics::error_count() const {
    return std::count_if(list_.begin(), list_.end(),
                         [](const Diagnostic& d) { return d.severity == Severity::error; });
}

void Diagnostics::sort() {
    auto key = [](const Diagnostic& d) {
        return std::make_tuple(d.location.source ? d.location.source->name : d.origin,
                               d.location.line, d.location.column);
    };
    std::stable_sort(list_.begin(), list_.end(),
                     [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
}

namespace {

// Tabs in the source line are shown as spaces so the caret lines up.
std::string caret_lines(const Location& loc) {
    std::string_view text = loc.source->line(loc.line);
    std::string shown(text);
    std::replace(shown.begin(), shown.end(), '\t', ' ');
    std::size_t column = std::min<std::size_t>(loc.column ? loc.column - 1 : 0, shown.size());
    std::size_t length = std::max<std::size_t>(1, loc.length);
    if (column + length > shown.size()) length = std::max<std::size_t>(1, shown.size() - column);
    std::string marks(length, '~');
    marks[0] = '^';
    return fmt::format("  {}\n  {}{}\n", shown, std::string(column, ' '), marks);
}

} // namespace

std::string render(const Diagnostic& d) {
    const char* kind = d.severity == Severity::error ? "error" : "warning";
    std::string out;
    if (d.location.source && d.location.known()) {
        out = fmt::format("{}: {}: {}\n", to_string(d.location), kind, d.message);
        out += caret_lines(d.location);
    } else if (!d.origin.empty()) {
        out = fmt::format("{}: {}: {}\n", d.origin, kind, d.message);
    } else {
        out = fmt::format("{}: {}\n", kind, d.message);
    }
    if (!d.help.empty()) out += fmt::format("help: {}\n", d.help);
    return out;
}

std::string render(const Diagnostics& ds) {
    std::string out;
    for (const auto& d : ds.list())
        out += render(d);
    return out;
}

} // namespace kader
