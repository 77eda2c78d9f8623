#pragma once
// Collecting diagnostics (the type itself is public: kader/diagnostic.hpp).
// Message style: lowercase, no trailing period, the user's own text in
// backticks; advice goes in `help`, never in the message.
#include "lang/location.hpp"

#include <kader/diagnostic.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kader {

// At most this many diagnostics are kept per file; the rest are counted and
// reported as one line, so that a broken file cannot produce unbounded output.
inline constexpr std::size_t max_diagnostics_per_file = 50;
// A diagnostic quotes at most this many bytes of its source line, around the caret.
inline constexpr std::size_t max_quoted_line_bytes = 120;

// A span of an input whose line is `line_text` (a window of it, when long).
Span make_span(std::string input, std::uint32_t line, std::uint32_t column, std::uint32_t length,
               std::string_view line_text);
// An input as a whole: a file, a case, a batch line.
inline Span whole_input(std::string input) {
    Span s;
    s.input = std::move(input);
    return s;
}
// The place a rule-file location points to, with its line's text.
Span span_of(const Location& loc);
// A related place, as in "first declared here".
Related related(const Location& loc, std::string message);

// A diagnostic's advice: words for people, and the correction it proposes
// when it is a did-you-mean (checking::did_you_mean makes both).
struct Help {
    std::string text;
    std::optional<Suggestion> suggestion;

    Help() = default;
    Help(std::string words) : text(std::move(words)) {}
    Help(const char* words) : text(words) {}
};

class Diagnostics {
public:
    void error(Code code, const Location& loc, std::string message, Help help = {},
               std::vector<Related> related = {});
    void warning(Code code, const Location& loc, std::string message, Help help = {},
                 std::vector<Related> related = {});
    // An error about an input as a whole or at a span of it (a case, a test file, a line).
    void error(Code code, Span at, std::string message, Help help = {},
               std::vector<Related> related = {});
    void add(Diagnostic d);
    void append(const Diagnostics& other);

    bool has_errors() const;
    std::size_t error_count() const;
    bool empty() const { return list_.empty(); }
    const std::vector<Diagnostic>& list() const { return list_; }
    // Files whose diagnostics went past the cap, with the errors and warnings left out.
    struct Suppressed {
        std::string file;
        std::size_t errors = 0, warnings = 0;
    };
    const std::vector<Suppressed>& suppressed() const { return suppressed_; }
    // Orders by file, line and column so that output is stable.
    void sort();
    // Everything, the suppressed counts as one diagnostic per file at the end
    // (for the embedding API, which has no other way to say so).
    std::vector<Diagnostic> all() const;

private:
    std::vector<Diagnostic> list_;
    std::vector<Suppressed> suppressed_;
    std::vector<std::pair<std::string, std::size_t>> kept_; // diagnostics kept per file
};

std::string render(const Diagnostics& ds, RenderStyle style = {});
std::string render_suppressed(const Diagnostics::Suppressed& s);

} // namespace kader
