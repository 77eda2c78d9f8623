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

class Diagnostics {
public:
    void error(Location loc, std::string message, std::string help = {});
    void warning(Location loc, std::string message, std::string help = {});
    void add(Diagnostic d) { list_.push_back(std::move(d)); }
    void append(const Diagnostics& other);

    bool has_errors() const;
    std::size_t error_count() const;
    bool empty() const { return list_.empty(); }
    const std::vector<Diagnostic>& list() const { return list_; }
    // Orders by file, line and column so that output is stable.
    void sort();
    // Keeps the sources of failed loads alive, so that their locations can still be shown.
    void keep(std::shared_ptr<const Source> source) { sources_.push_back(std::move(source)); }

private:
    std::vector<Diagnostic> list_;
    std::vector<std::shared_ptr<const Source>> sources_;
};

std::string render(const Diagnostic& d);
std::string render(const Diagnostics& ds);

} // namespace kader
