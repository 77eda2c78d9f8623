#pragma once
// The one location type of the project: every AST node, diagnostic and
// explanation points into a rule file with it.
#include <cstdint>
#include <string>

namespace kader {

struct Source;

struct Location {
    const Source* source = nullptr; // owned by the program's source list; null for case/CLI input
    std::uint32_t line = 0;
    std::uint32_t column = 0; // 1-based, in bytes
    std::uint32_t length = 1;

    bool known() const { return line != 0; }
};

// "file:line:col" as shown in diagnostics and decisions.
std::string to_string(const Location& loc);

} // namespace kader
