#pragma once
// A minimal streaming JSON writer for the decision, the hot path of
// `kader batch`: building an nlohmann document per decision took more time
// than deciding (docs/performance.md). Its output is byte-identical to
// nlohmann's dump() of the same document, which the tests check.
#include <cmath>
#include <cstdint>
#include <fmt/format.h>
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
        comma();
        out_.append("\"", 1);
        out_.append(k, N - 1);
        out_.append("\":", 2);
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
    void value(bool b) {
        comma();
        out_ += b ? "true" : "false";
    }
    // The shortest text that reads back as `d` (16, not 16.0); JSON has no
    // infinities, so a non-finite number is null.
    void number(double d) {
        comma();
        out_ += std::isfinite(d) ? fmt::format("{}", d) : "null";
    }
    void null() {
        comma();
        out_ += "null";
    }
    void strings(const std::vector<std::string>& list) {
        begin_array();
        for (const auto& s : list)
            value(std::string_view(s));
        end_array();
    }

private:
    void open(char c) {
        comma();
        out_.append(1, c);
        first_.push_back(1);
    }
    void close(char c) {
        out_.append(1, c);
        first_.pop_back();
    }
    void comma() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (!first_.empty()) {
            if (!first_.back()) out_.append(",", 1);
            first_.back() = 0;
        }
    }
    void string_literal(std::string_view s);
    void escaped(std::string_view s); // the inside of a string literal

    std::string& out_;
    std::vector<unsigned char> first_; // per open object or array: nothing written in it yet
    bool after_key_ = false;
};

} // namespace kader
