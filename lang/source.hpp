#pragma once
// A rule file's text, kept for the whole life of a program so that every
// location can show its source line.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kader {

struct Source {
    std::string name; // as the user named it: a path, or "<stdlib>/..." for built-in rules
    std::string text;
    std::vector<std::size_t> line_starts; // byte offset of each line
    bool builtin = false;                 // part of the standard library compiled into the binary

    Source(std::string name, std::string text);
    std::string_view line(std::size_t number) const; // 1-based, without the newline
};

} // namespace kader
