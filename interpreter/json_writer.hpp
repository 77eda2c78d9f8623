#pragma once
// A minimal streaming JSON writer for the decision, the hot path of
// `kader batch`: building an nlohmann document per decision took more time
// than deciding (docs/performance.md). Its output is byte-identical to
// nlohmann's dump() of the same document, which the tests check.
#include <cmath>
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
        out_ += ':';
        after_key_ = true;
    }
    void value(std::string_view s) {
        comma();
        string_literal(s);
    }
    void value(const char* s) { value(std::string_view(s)); }
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
        out_ += c;
        first_.push_back(true);
    }
    void close(char c) {
        out_ += c;
        first_.pop_back();
    }
    void comma() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (!first_.empty()) {
            if (!first_.back()) out_ += ',';
            first_.back() = false;
        }
    }
    void string_literal(std::string_view s);

    std::string& out_;
    std::vector<bool> first_;
    bool after_key_ = false;
};

} // namespace kader
