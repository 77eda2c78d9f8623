#pragma once
// A minimal streaming JSON writer for the decision, the hot path of
// `kader batch`: building an nlohmann document per decision took more time
// than deciding (docs/performance.md). Its output is byte-identical to
// nlohmann's dump() of the same document, which the tests check.
#include "lang/ast.hpp"

#include <array>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kader {

class JsonWriter {
public:
    // Writes at the end of `out`. The bytes go first into `room`, raw,
    // without std::string's bookkeeping per piece (a decision is hundreds of
    // small pieces), and reach `out` in one piece with finish(). A hot path
    // passes room it keeps from one use to the next.
    JsonWriter(std::string& out, std::string& room) : out_(out), room_(room) {}
    explicit JsonWriter(std::string& out) : out_(out), room_(own_room_) {}
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    // Appends what was written to `out`; the writer can go on writing after.
    void finish() {
        out_.append(room_.data(), at_);
        at_ = 0;
    }

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    void key(std::string_view k) {
        comma();
        string_literal(k);
        put(':');
        after_key_ = true;
    }
    // A key written in the code: a name in plain ASCII, with nothing to
    // escape, written in one piece. (Keys are most of the calls.)
    template <std::size_t N> void key(const char (&k)[N]) {
        // `,"k":` in one piece (the compiler folds it from the literal); the
        // comma is left off when the key is the first in its object.
        // Both lengths are copied as one of a size known here, which the
        // compiler writes as a few moves (a copy of either length was a
        // call to memcpy): `,"k"` and then `:`, or `"k":` and a `:` past
        // the end that the next piece writes over.
        char text[N + 3] = {',', '"'};
        std::memcpy(text + 2, k, N - 1);
        text[N + 1] = '"';
        text[N + 2] = ':';
        bool first = depth_ > 0 && first_in_level();
        char* to = room_for(N + 3);
        std::memcpy(to, text + first, N + 2);
        to[N + 2] = ':';
        at_ += N + 3 - first;
        after_key_ = true;
    }
    // `"k":[]`: most lists of a decision are empty.
    template <std::size_t N> void empty_array(const char (&k)[N]) {
        key(k);
        put("[]", 2);
        after_key_ = false;
    }
    void value(std::string_view s) {
        comma();
        string_literal(s);
    }
    void value(const char* s) { value(std::string_view(s)); }
    // A date, "YYYY-MM-DD", written in place (every decision has one).
    void date(ast::Days day) {
        std::array<char, 10> text;
        if (!ast::format_date(day, text)) return value(ast::format_date(day));
        comma();
        quoted(std::string_view(text.data(), text.size()));
    }
    // The text "FILE:LINE:COLUMN", written without building it first (every
    // reason of a decision has one).
    void place(std::string_view file, std::uint32_t line, std::uint32_t column);
    // Members written earlier by another writer (JsonFragments):
    // `"k":v,"k":v`, without braces, spliced into the open object.
    void members(std::string_view written) {
        comma();
        put(written.data(), written.size());
    }
    void value(bool b) {
        comma();
        if (b)
            put("true", 4);
        else
            put("false", 5);
    }
    // The shortest text that reads back as `d` (16, not 16.0); JSON has no
    // infinities, so a non-finite number is null.
    void number(double d) {
        comma();
        raw_number(d);
    }

    // A value whose every piece the caller places itself (a reason of a
    // decision, with its nested objects): value_follows() once, for the
    // value as a whole, then its bytes without the bookkeeping of commas
    // that each call above does (a reason is dozens of small pieces).
    // raw() writes JSON text as it is; raw_string() a text, quoted and
    // escaped; raw_number() a number as number() writes it.
    void value_follows() { comma(); }
    void raw(std::string_view json) { put(json.data(), json.size()); }
    // JSON text written in the code, copied as a piece of a size known here
    // (a few moves, not a call to memcpy).
    template <std::size_t N> void raw(const char (&json)[N]) {
        std::memcpy(room_for(N - 1), json, N - 1);
        at_ += N - 1;
    }
    void raw_string(std::string_view s) { string_literal(s); }
    // Room for `n` bytes that the caller writes itself, then counts with
    // raw_written (at most `n`): a text made piece by piece goes straight
    // into the output, not through a buffer of its own.
    char* raw_room(std::size_t n) { return room_for(n); }
    void raw_written(std::size_t n) { at_ += n; }
    // A text the caller knows needs no escape (a path into the case: names
    // of the rules' ASCII identifiers, dots, brackets and digits), quoted
    // and copied without looking for characters to escape.
    static bool needs_no_escape(std::string_view s);
    void raw_plain_string(std::string_view s) {
        assert(needs_no_escape(s));
        quoted(s);
    }
    void raw_number(double d);
    void null() {
        comma();
        put("null", 4);
    }
    void strings(const std::vector<std::string>& list) {
        begin_array();
        for (const auto& s : list)
            value(std::string_view(s));
        end_array();
    }

private:
    // Room for n more bytes, where they are to be written.
    char* room_for(std::size_t n) {
        if (room_.size() - at_ < n) grow(n);
        return room_.data() + at_;
    }
    void grow(std::size_t n);
    void put(const char* s, std::size_t n) {
        std::memcpy(room_for(n), s, n);
        at_ += n;
    }
    void put(char c) {
        *room_for(1) = c;
        ++at_;
    }

    void open(char c) {
        // The comma and the bracket without a copy of either length: the
        // bracket goes over the comma when there is to be none.
        bool comma = needs_comma();
        char* to = room_for(2);
        to[0] = ',';
        to[comma] = c;
        at_ += 1 + static_cast<std::size_t>(comma);
        if (depth_ < inline_depth)
            first_[depth_] = true;
        else
            deeper_.push_back(1);
        ++depth_;
    }
    void close(char c) {
        put(c);
        --depth_;
        if (depth_ >= inline_depth) deeper_.pop_back();
    }
    void comma() {
        if (needs_comma()) put(',');
    }
    // Whether nothing was written yet in the innermost open object or
    // array; something is about to be, so from now on it is not the first.
    bool first_in_level() {
        if (depth_ <= inline_depth) return std::exchange(first_[depth_ - 1], false);
        char& f = deeper_.back();
        return std::exchange(f, 0) != 0;
    }
    // Whether what is written next needs a comma before it.
    bool needs_comma() {
        if (after_key_) {
            after_key_ = false;
            return false;
        }
        return depth_ > 0 && !first_in_level();
    }
    void string_literal(std::string_view s);
    // `s`, which needs no escape, between quotes: in one piece.
    void quoted(std::string_view s) {
        char* to = room_for(s.size() + 2);
        to[0] = '"';
        if (!s.empty()) std::memcpy(to + 1, s.data(), s.size());
        to[s.size() + 1] = '"';
        at_ += s.size() + 2;
    }
    void escaped(std::string_view s); // the inside of a string literal
    std::size_t escape_at(std::string_view s, std::size_t i);

    std::string& out_;
    std::string own_room_; // when the caller keeps none
    std::string& room_;
    std::size_t at_ = 0; // bytes written into room_
    // Per open object or array: whether nothing is written in it yet. A
    // decision nests about 12 deep; deeper levels than fit here go on in
    // `deeper_`.
    static constexpr std::size_t inline_depth = 32;
    std::array<bool, inline_depth> first_{};
    std::string deeper_;
    std::size_t depth_ = 0;
    bool after_key_ = false;
};

} // namespace kader
