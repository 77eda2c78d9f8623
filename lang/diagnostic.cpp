#include "lang/diagnostic.hpp"

#include "lang/source.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kader {

std::string to_string(const Location& loc) {
    if (!loc.source) return {};
    return fmt::format("{}:{}:{}", loc.source->name, loc.line, loc.column);
}

namespace {

// Moves `at` back to the start of the UTF-8 sequence it is inside.
std::size_t char_start(std::string_view text, std::size_t at) {
    while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
        --at;
    return at;
}

} // namespace

Span make_span(std::string input, std::uint32_t line, std::uint32_t column, std::uint32_t length,
               std::string_view text) {
    std::size_t at = std::min<std::size_t>(column ? column - 1 : 0, text.size());
    std::string before, after;
    if (text.size() > max_quoted_line_bytes) {
        std::size_t begin =
            char_start(text, at > max_quoted_line_bytes / 2 ? at - max_quoted_line_bytes / 2 : 0);
        std::size_t end = char_start(text, std::min(text.size(), begin + max_quoted_line_bytes));
        if (begin > 0) before = "...";
        if (end < text.size()) after = "...";
        text = text.substr(begin, end - begin);
        at = at - begin + before.size();
    }
    return {std::move(input),
            line,
            column,
            length,
            before + std::string(text) + after,
            static_cast<std::uint32_t>(at)};
}

Span span_of(const Location& loc) {
    if (!loc.source) return {};
    return make_span(loc.source->name, loc.line, loc.column, loc.length,
                     loc.known() ? loc.source->line(loc.line) : std::string_view());
}

Related related(const Location& loc, std::string message) {
    return {span_of(loc), std::move(message)};
}

void Diagnostics::error(Code code, const Location& loc, std::string message, Help help,
                        std::vector<Related> related) {
    add({Severity::error, code, span_of(loc), std::move(message), std::move(help.text),
         std::move(related), std::move(help.suggestion)});
}

void Diagnostics::warning(Code code, const Location& loc, std::string message, Help help,
                          std::vector<Related> related) {
    add({Severity::warning, code, span_of(loc), std::move(message), std::move(help.text),
         std::move(related), std::move(help.suggestion)});
}

void Diagnostics::error(Code code, Span at, std::string message, Help help,
                        std::vector<Related> related) {
    add({Severity::error, code, std::move(at), std::move(message), std::move(help.text),
         std::move(related), std::move(help.suggestion)});
}

namespace {

// The file a diagnostic is about.
const std::string& file_of(const Diagnostic& d) {
    return d.location.input;
}

} // namespace

void Diagnostics::add(Diagnostic d) {
    const std::string& file = file_of(d);
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
        return std::make_tuple(std::cref(d.location.input), d.location.line, d.location.column);
    };
    std::stable_sort(list_.begin(), list_.end(),
                     [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
}

namespace {

// The span's line, as shown: tabs as spaces so the caret lines up, and a
// long line cut to a window around the caret.
std::string caret_lines(const Span& at) {
    std::string shown = at.text;
    std::replace(shown.begin(), shown.end(), '\t', ' ');
    std::size_t column = std::min<std::size_t>(at.text_offset, shown.size());
    std::size_t length = std::max<std::size_t>(1, at.length);
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
std::string painted_carets(const Span& at, const Paint& paint) {
    std::string lines = caret_lines(at);
    std::size_t second = lines.find('\n') + 1;
    std::size_t marks = lines.find_first_not_of(' ', second);
    if (!paint.on || marks == std::string::npos) return lines;
    return lines.substr(0, marks) + paint("1;32", lines.substr(marks, lines.size() - 1 - marks)) +
           "\n";
}

// "INPUT:LINE:COL: ", "INPUT: " or nothing, before the severity.
std::string place(const Span& at, const Paint& paint) {
    if (at.input.empty()) return {};
    if (!at.known()) return paint("1", at.input) + ": ";
    return paint("1", fmt::format("{}:{}:{}", at.input, at.line, at.column)) + ": ";
}

std::string snippet(const Span& at, const Paint& paint, const RenderStyle& style) {
    return style.snippets && at.known() && !at.text.empty() ? painted_carets(at, paint)
                                                            : std::string();
}

} // namespace

std::string render(const Diagnostic& d, RenderStyle style) {
    Paint paint{style.colour};
    std::string kind = d.severity == Severity::error
                           ? paint("1;31", "error[" + code_name(d.code) + "]")
                           : paint("1;35", "warning[" + code_name(d.code) + "]");
    std::string out =
        fmt::format("{}{}: {}\n", place(d.location, paint), kind, paint("1", d.message));
    out += snippet(d.location, paint, style);
    for (const auto& r : d.related)
        out +=
            fmt::format("{}{}: {}\n", place(r.location, paint), paint("1;36", "note"), r.message) +
            snippet(r.location, paint, style);
    if (!d.help.empty()) out += fmt::format("{} {}\n", paint("1;36", "help:"), d.help);
    return out;
}

std::ostream& operator<<(std::ostream& out, const Diagnostic& d) {
    std::string text = render(d);
    if (!text.empty() && text.back() == '\n') text.pop_back();
    return out << text;
}

std::string render(const Diagnostics& ds, RenderStyle style) {
    std::string out;
    for (const auto& d : ds.list())
        out += render(d, style);
    for (const auto& s : ds.suppressed())
        out += render_suppressed(s);
    return out;
}

namespace {

// "3 more errors not shown (at most 50 are shown per file)".
std::string suppressed_message(const Diagnostics::Suppressed& s) {
    auto count = [](std::size_t n, const char* word) {
        return fmt::format("{} more {}{}", n, word, n == 1 ? "" : "s");
    };
    std::string what = s.errors && s.warnings
                           ? count(s.errors, "error") + " and " + count(s.warnings, "warning")
                       : s.errors ? count(s.errors, "error")
                                  : count(s.warnings, "warning");
    return fmt::format("{} not shown (at most {} are shown per file)", what,
                       max_diagnostics_per_file);
}

} // namespace

std::vector<Diagnostic> Diagnostics::all() const {
    std::vector<Diagnostic> out = list_;
    for (const auto& s : suppressed_) {
        Diagnostic d;
        d.severity = s.errors ? Severity::error : Severity::warning;
        d.code = Code::too_many_diagnostics;
        d.location.input = s.file;
        d.message = suppressed_message(s);
        out.push_back(std::move(d));
    }
    return out;
}

std::string render_suppressed(const Diagnostics::Suppressed& s) {
    return fmt::format("{}: note: {}\n", s.file.empty() ? "input" : s.file, suppressed_message(s));
}

} // namespace kader
