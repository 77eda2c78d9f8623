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
    add({Severity::error, loc, std::move(message), std::move(help), {}});
}

void Diagnostics::warning(Location loc, std::string message, std::string help) {
    add({Severity::warning, loc, std::move(message), std::move(help), {}});
}

namespace {

// The file a diagnostic is about: its source, or the input its origin names
// ("cases.json:3:7" is about "cases.json").
std::string file_of(const Diagnostic& d) {
    if (d.location.source) return d.location.source->name;
    return d.origin.substr(0, d.origin.find(':'));
}

} // namespace

void Diagnostics::add(Diagnostic d) {
    std::string file = file_of(d);
    auto kept =
        std::find_if(kept_.begin(), kept_.end(), [&](const auto& k) { return k.first == file; });
    if (kept == kept_.end()) kept = kept_.insert(kept_.end(), {file, 0});
    if (kept->second < max_diagnostics_per_file) {
        ++kept->second;
        list_.push_back(std::move(d));
        return;
    }
    auto s = std::find_if(suppressed_.begin(), suppressed_.end(),
                          [&](const Suppressed& x) { return x.file == file; });
    if (s == suppressed_.end()) s = suppressed_.insert(suppressed_.end(), {file, 0, 0});
    ++(d.severity == Severity::error ? s->errors : s->warnings);
}

void Diagnostics::append(const Diagnostics& other) {
    for (const auto& d : other.list_)
        add(d);
    for (const auto& o : other.suppressed_) {
        auto s = std::find_if(suppressed_.begin(), suppressed_.end(),
                              [&](const Suppressed& x) { return x.file == o.file; });
        if (s == suppressed_.end()) s = suppressed_.insert(suppressed_.end(), {o.file, 0, 0});
        s->errors += o.errors;
        s->warnings += o.warnings;
    }
    sources_.insert(sources_.end(), other.sources_.begin(), other.sources_.end());
}

bool Diagnostics::has_errors() const {
    return error_count() > 0;
}

std::size_t Diagnostics::error_count() const {
    std::size_t n = std::count_if(list_.begin(), list_.end(), [](const Diagnostic& d) {
        return d.severity == Severity::error;
    });
    for (const auto& s : suppressed_)
        n += s.errors;
    return n;
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

// Moves `at` back to the start of the UTF-8 sequence it is inside.
std::size_t char_start(std::string_view text, std::size_t at) {
    while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
        --at;
    return at;
}

// The source line with a caret under the span. Tabs are shown as spaces so
// the caret lines up; a long line is shown as a window around the caret.
std::string caret_lines(const Location& loc) {
    std::string_view text = loc.source->line(loc.line);
    std::size_t column = std::min<std::size_t>(loc.column ? loc.column - 1 : 0, text.size());
    std::size_t length = std::max<std::size_t>(1, loc.length);
    std::string before, after;
    if (text.size() > max_quoted_line_bytes) {
        std::size_t begin = char_start(
            text, column > max_quoted_line_bytes / 2 ? column - max_quoted_line_bytes / 2 : 0);
        std::size_t end = char_start(text, std::min(text.size(), begin + max_quoted_line_bytes));
        if (begin > 0) before = "...";
        if (end < text.size()) after = "...";
        text = text.substr(begin, end - begin);
        column = column - begin + before.size();
    }
    std::string shown = before + std::string(text) + after;
    std::replace(shown.begin(), shown.end(), '\t', ' ');
    if (column + length > shown.size())
        length = std::max<std::size_t>(1, shown.size() - std::min(column, shown.size()));
    std::string marks(length, '~');
    marks[0] = '^';
    return fmt::format("  {}\n  {}{}\n", shown, std::string(column, ' '), marks);
}

} // namespace

namespace {

// ANSI SGR sequences, as compilers colour their diagnostics.
struct Paint {
    bool on;
    std::string operator()(const char* sgr, std::string_view text) const {
        return on ? fmt::format("\x1b[{}m{}\x1b[0m", sgr, text) : std::string(text);
    }
};

// The caret lines with the marks (the second line) coloured.
std::string painted_carets(const Location& at, const Paint& paint) {
    std::string lines = caret_lines(at);
    std::size_t second = lines.find('\n') + 1;
    std::size_t marks = lines.find_first_not_of(' ', second);
    if (!paint.on || marks == std::string::npos) return lines;
    return lines.substr(0, marks) + paint("1;32", lines.substr(marks, lines.size() - 1 - marks)) +
           "\n";
}

} // namespace

std::string render(const Diagnostic& d, RenderStyle style) {
    Paint paint{style.colour};
    std::string kind =
        d.severity == Severity::error ? paint("1;31", "error") : paint("1;35", "warning");
    std::string message = paint("1", d.message);
    std::string out;
    if (d.location.source && d.location.known()) {
        out = fmt::format("{}: {}: {}\n", paint("1", to_string(d.location)), kind, message);
        out += painted_carets(d.location, paint);
    } else if (!d.origin.empty()) {
        out = fmt::format("{}: {}: {}\n", paint("1", d.origin), kind, message);
    } else {
        out = fmt::format("{}: {}\n", kind, message);
    }
    if (!d.help.empty()) out += fmt::format("{} {}\n", paint("1;36", "help:"), d.help);
    return out;
}

std::string render(const Diagnostics& ds, RenderStyle style) {
    std::string out;
    for (const auto& d : ds.list())
        out += render(d, style);
    for (const auto& s : ds.suppressed())
        out += render_suppressed(s);
    return out;
}

std::string render_suppressed(const Diagnostics::Suppressed& s) {
    auto count = [](std::size_t n, const char* word) {
        return fmt::format("{} more {}{}", n, word, n == 1 ? "" : "s");
    };
    std::string what = s.errors && s.warnings
                           ? count(s.errors, "error") + " and " + count(s.warnings, "warning")
                       : s.errors ? count(s.errors, "error")
                                  : count(s.warnings, "warning");
    return fmt::format("{}: note: {} not shown (at most {} are shown per file)\n",
                       s.file.empty() ? "input" : s.file, what, max_diagnostics_per_file);
}

} // namespace kader
