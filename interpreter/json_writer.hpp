#pragma once
// A minimal streaming JSON writer for the decision, the hot path of
// `kader batch`: building an nlohmann document per decision took more time
// than deciding (docs/performance.md). Its output is byte-identical to
// nlohmann's dump() of the same document, which the tests check.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fmt/format.h>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace kader {

class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    void key(std::string_view k) {
        comma();
        string_literal(k);
        out_.append(":", 1);
        after_key_ = true;
    }
    // A key written in the code: a name in plain ASCII, with nothing to
    // escape, written in one piece. (Keys are most of the calls.)
    template <std::size_t N> void key(const char (&k)[N]) {
        // `,"k":` in one piece (the compiler folds it from the literal); the
        // comma is left off when the key is the first in its object.
        char text[N + 3] = {',', '"'};
        std::memcpy(text + 2, k, N - 1);
        text[N + 1] = '"';
        text[N + 2] = ':';
        bool first = first_.back() != 0;
        first_.back() = 0;
        out_.append(text + first, N + 3 - first);
        after_key_ = true;
    }
    void value(std::string_view s) {
        comma();
        string_literal(s);
    }
    void value(const char* s) { value(std::string_view(s)); }
    // The text "FILE:LINE:COLUMN", written without building it first (every
    // reason of a decision has one).
    void place(std::string_view file, std::uint32_t line, std::uint32_t column);
    // Members written earlier by another writer (JsonFragments):
    // `"k":v,"k":v`, without braces, spliced into the open object.
    void members(std::string_view written) {
        comma();
        out_.append(written);
    }
    void value(bool b) {
        comma();
        if (b)
            out_.append("true", 4);
        else
            out_.append("false", 5);
    }
    // The shortest text that reads back as `d` (16, not 16.0); JSON has no
    // infinities, so a non-finite number is null.
    void number(double d) {
        comma();
        if (std::isfinite(d))
            fmt::format_to(std::back_inserter(out_), "{}", d);
        else
            out_.append("null", 4);
    }
    void null() {
        comma();
        out_.append("null", 4);
    }
    void strings(const std::vector<std::string>& list) {
        begin_array();
        for (const auto& s : list)
            value(std::string_view(s));
        end_array();
    }

private:
    void open(char c) {
        // The comma and the bracket in one piece.
        char text[2] = {',', c};
        bool comma = needs_comma();
        out_.append(text + !comma, 1 + comma);
        first_.push_back(1);
    }
    void close(char c) {
        out_.push_back(c);
        first_.pop_back();
    }
    void comma() {
        if (needs_comma()) out_.append(",", 1);
    }
    // Whether what is written next needs a comma before it; it will be
    // written, so it is no longer the first in its object or array.
    bool needs_comma() {
        if (after_key_) {
            after_key_ = false;
            return false;
        }
        if (first_.empty()) return false;
        bool comma = first_.back() == 0;
        first_.back() = 0;
        return comma;
    }
    void string_literal(std::string_view s);
    void escaped(std::string_view s); // the inside of a string literal

    std::string& out_;
    // Per open object or array: 1 while nothing is written in it yet. A
    // string, not a vector: up to 15 levels (a decision is about 12 deep)
    // it lives inside the writer, with no allocation per decision.
    std::string first_;
    bool after_key_ = false;
};

} // namespace kader
