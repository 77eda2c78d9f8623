#pragma once
// The one diagnostic type of the project (parse, check, case validation,
// command line) and its one rendering:
//
//   FILE:LINE:COL: error: MESSAGE
//     source line
//     ^~~~
//   help: ADVICE
//
// Message style: lowercase, no trailing period, the user's own text in
// backticks; advice goes in `help`, never in the message.
#include "lang/location.hpp"

#include <memory>
#include <string>
#include <vector>

namespace kader {

struct Source;

enum class Severity { error, warning };

struct Diagnostic {
    Severity severity = Severity::error;
    Location location;
    std::string message;
    std::string help;   // optional advice on its own line
    std::string origin; // where the input came from when there is no source location
};

// At most this many diagnostics are kept per file; the rest are counted and
// reported as one line, so that a broken file cannot produce unbounded output.
inline constexpr std::size_t max_diagnostics_per_file = 50;
// A diagnostic quotes at most this many bytes of its source line, around the caret.
inline constexpr std::size_t max_quoted_line_bytes = 120;

class Diagnostics {
public:
    void error(Location loc, std::string message, std::string help = {});
    void warning(Location loc, std::string message, std::string help = {});
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
    // Keeps the sources of failed loads alive, so that their locations can still be shown.
    void keep(std::shared_ptr<const Source> source) { sources_.push_back(std::move(source)); }

private:
    std::vector<Diagnostic> list_;
    std::vector<Suppressed> suppressed_;
    std::vector<std::pair<std::string, std::size_t>> kept_; // diagnostics kept per file
    std::vector<std::shared_ptr<const Source>> sources_;
};

// How diagnostics are shown: with colour on a terminal that wants it (the
// command line decides: a tty, and no NO_COLOR in the environment).
struct RenderStyle {
    bool colour = false;
};

std::string render(const Diagnostic& d, RenderStyle style = {});
std::string render(const Diagnostics& ds, RenderStyle style = {});
std::string render_suppressed(const Diagnostics::Suppressed& s);

} // namespace kader
