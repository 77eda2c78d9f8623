#include "lang/json_input.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <iterator>
#include <unordered_map>
#include <vector>

namespace kader {

namespace {

// An iterator over the text that remembers the last byte nlohmann's lexer
// read: the SAX interface reports no positions, but at each event the lexer
// has just read the token that caused it.
class TrackingIterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    TrackingIterator(const char* p, const char** last) : p_(p), last_(last) {}
    reference operator*() const {
        *last_ = p_;
        return *p_;
    }
    TrackingIterator& operator++() {
        ++p_;
        return *this;
    }
    TrackingIterator operator++(int) {
        TrackingIterator old = *this;
        ++p_;
        return old;
    }
    bool operator==(const TrackingIterator& o) const { return p_ == o.p_; }
    bool operator!=(const TrackingIterator& o) const { return p_ != o.p_; }

private:
    const char* p_;
    const char** last_;
};

// The opening quote of the string whose closing quote is at `close`.
std::size_t string_start(std::string_view text, std::size_t close) {
    std::size_t i = close;
    while (i > 0) {
        --i;
        if (text[i] != '"') continue;
        std::size_t slashes = 0;
        while (i > slashes && text[i - 1 - slashes] == '\\')
            ++slashes;
        if (slashes % 2 == 0) return i;
    }
    return 0;
}

// nlohmann's messages carry a "[json.exception.parse_error.101] parse error
// at line 1, column 5: " prefix; people want only what went wrong.
std::string plain_message(const nlohmann::detail::exception& ex) {
    std::string message = ex.what();
    if (auto p = message.find("] "); p != std::string::npos) message = message.substr(p + 2);
    if (message.rfind("parse error", 0) == 0)
        if (auto p = message.find(": "); p != std::string::npos) message = message.substr(p + 2);
    return message;
}

// 1-based line and column of a byte offset.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t line = 1 + static_cast<std::size_t>(std::count(
                               text.begin(), text.begin() + static_cast<long>(offset), '\n'));
    std::size_t line_start = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
    std::size_t column = line_start == std::string_view::npos ? offset + 1 : offset - line_start;
    return {line, column};
}

// Builds the DOM from nlohmann's SAX events, refusing what the strict
// reading refuses (see json_input.hpp).
template <class J> class StrictBuilder {
public:
    using number_integer_t = typename J::number_integer_t;
    using number_unsigned_t = typename J::number_unsigned_t;
    using number_float_t = typename J::number_float_t;
    using string_t = typename J::string_t;
    using binary_t = typename J::binary_t;

    StrictBuilder(std::string_view text, const char* const* last, JsonError& error)
        : text_(text), last_(last), error_(error) {}

    J& root() { return root_; }

    bool null() { return put(J(nullptr)); }
    bool boolean(bool b) { return put(J(b)); }
    bool number_integer(number_integer_t v) { return put(J(v)); }
    bool number_unsigned(number_unsigned_t v) { return put(J(v)); }
    bool number_float(number_float_t v, const string_t& written) {
        if (!std::isfinite(v))
            return error(here(), fmt::format("the number {} is out of range", written));
        return put(J(v));
    }
    bool string(string_t& s) { return put(J(std::move(s))); }
    bool binary(binary_t& b) { return put(J::binary(std::move(b))); }

    bool start_object(std::size_t) { return open(J::object()); }
    bool start_array(std::size_t) { return open(J::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(string_t& k) {
        std::size_t at = string_start(text_, here());
        auto [it, fresh] = keys_.back().emplace(k, at);
        if (!fresh) {
            error(at, fmt::format("the key \"{}\" appears twice in this object", k),
                  "keep one of the two");
            error_.first = it->second;
            return false;
        }
        key_ = std::move(k);
        return true;
    }

    bool parse_error(std::size_t position, const std::string& token,
                     const nlohmann::detail::exception& ex) {
        // nlohmann counts the bytes read, the failing one included.
        std::size_t at = position > 0 ? position - 1 : 0;
        if (ex.id == 406) at = position >= token.size() ? position - token.size() : 0;
        if (ex.id == 406)
            error(std::min(at, text_.size()), fmt::format("the number {} is out of range", token),
                  "a number must fit in a double, about 1.8e308 at most");
        else
            error(std::min(at, text_.size()), "malformed JSON: " + plain_message(ex));
        error_.syntax = ex.id != 406;
        return false;
    }

private:
    std::size_t here() const { return static_cast<std::size_t>(*last_ - text_.data()); }

    bool put(J value) {
        if (stack_.empty()) {
            root_ = std::move(value);
            return true;
        }
        J& top = *stack_.back();
        if (top.is_array())
            top.push_back(std::move(value));
        else
            top[key_] = std::move(value);
        return true;
    }

    // The new container's address stays valid while it is open: its parent
    // grows only after it is closed.
    bool open(J container) {
        if (stack_.size() >= json_max_depth)
            return error(here(),
                         fmt::format("the JSON nests deeper than {} levels", json_max_depth),
                         "a case is a flat record of facts; this is not one");
        bool object = container.is_object();
        J* placed = nullptr;
        if (stack_.empty()) {
            root_ = std::move(container);
            placed = &root_;
        } else if (stack_.back()->is_array()) {
            stack_.back()->push_back(std::move(container));
            placed = &stack_.back()->back();
        } else {
            placed = &((*stack_.back())[key_] = std::move(container));
        }
        stack_.push_back(placed);
        if (object) keys_.emplace_back();
        return true;
    }

    bool close() {
        if (stack_.back()->is_object()) keys_.pop_back();
        stack_.pop_back();
        return true;
    }

    bool error(std::size_t offset, std::string message, std::string help = {}) {
        error_ = {offset, std::move(message), std::move(help), false, std::nullopt};
        return false;
    }

    std::string_view text_;
    const char* const* last_;
    JsonError& error_;
    J root_;
    std::vector<J*> stack_;
    std::vector<std::unordered_map<std::string, std::size_t>> keys_;
    string_t key_;
};

template <class J> std::optional<J> parse_strict(std::string_view text, JsonError& error) {
    if (auto nul = text.find('\0'); nul != std::string_view::npos) {
        // nlohmann's lexer takes a NUL byte for the end of the input and
        // would silently ignore everything after it.
        error = {nul, "a NUL byte is not allowed in JSON text", {}, false, std::nullopt};
        return std::nullopt;
    }
    const char* last = text.data();
    StrictBuilder<J> builder(text, &last, error);
    try {
        if (J::sax_parse(TrackingIterator(text.data(), &last),
                         TrackingIterator(text.data() + text.size(), &last), &builder))
            return std::move(builder.root());
        if (error.message.empty()) error = {0, "malformed JSON", {}, false, std::nullopt};
    } catch (const std::exception& e) {
        // Only allocation failure can get here; it is still the input's fault.
        error = {0, fmt::format("cannot read this JSON: {}", e.what()), {}, false, std::nullopt};
    }
    return std::nullopt;
}

template <class J>
std::optional<J> parse_located(std::string_view text, const std::string& origin,
                               Diagnostics& diags) {
    JsonError error;
    auto json = parse_strict<J>(text, error);
    if (!json) {
        Diagnostic d{
            Severity::error,          Code::json_syntax,     json_span(text, error.offset, origin),
            std::move(error.message), std::move(error.help), {},       {}};
        if (error.first)
            d.related.push_back({json_span(text, *error.first, origin), "first given here"});
        diags.add(std::move(d));
    }
    return json;
}

template <class J> std::string excerpt(const J& v, std::size_t limit) {
    auto scalar = [](const J& x) {
        return x.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace);
    };
    struct Frame {
        const J* value;
        typename J::const_iterator next;
        bool first;
    };
    std::string out;
    std::vector<Frame> stack;
    auto emit = [&](const J& x) {
        if (x.is_structured()) {
            out += x.is_object() ? '{' : '[';
            stack.push_back({&x, x.cbegin(), true});
        } else {
            out += scalar(x);
        }
    };
    emit(v);
    while (!stack.empty() && out.size() <= limit) {
        Frame& f = stack.back();
        if (f.next == f.value->cend()) {
            out += f.value->is_object() ? '}' : ']';
            stack.pop_back();
            continue;
        }
        if (!f.first) out += ',';
        f.first = false;
        if (f.value->is_object()) out += scalar(J(f.next.key())) + ":";
        const J& child = *f.next;
        ++f.next;
        emit(child); // may grow the stack: `f` is not used after this
    }
    if (out.size() <= limit) return out;
    std::size_t cut = limit > 3 ? limit - 3 : 0;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
        --cut;
    return out.substr(0, cut) + "...";
}

template <class J> std::size_t depth(const J& v, std::size_t limit) {
    std::vector<std::pair<const J*, std::size_t>> todo{{&v, 0}};
    std::size_t deepest = 0;
    while (!todo.empty()) {
        auto [x, d] = todo.back();
        todo.pop_back();
        if (!x->is_structured()) continue;
        deepest = std::max(deepest, d + 1);
        if (deepest > limit) return deepest;
        for (const auto& child : *x)
            todo.push_back({&child, d + 1});
    }
    return deepest;
}

} // namespace

Span json_span(std::string_view text, std::size_t offset, const std::string& input) {
    auto [line, column] = line_column(text, offset);
    std::size_t begin = std::min(offset, text.size()) - (column - 1);
    std::size_t end = text.find('\n', begin);
    std::string_view line_text =
        text.substr(begin, end == std::string_view::npos ? end : end - begin);
    if (!line_text.empty() && line_text.back() == '\r') line_text.remove_suffix(1);
    return make_span(input, static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(column), 1,
                     line_text);
}

std::optional<nlohmann::json> parse_json_strict(std::string_view text, const std::string& origin,
                                                Diagnostics& diags) {
    return parse_located<nlohmann::json>(text, origin, diags);
}

std::optional<nlohmann::ordered_json>
parse_ordered_json_strict(std::string_view text, const std::string& origin, Diagnostics& diags) {
    return parse_located<nlohmann::ordered_json>(text, origin, diags);
}

std::optional<nlohmann::json> parse_json_strict(std::string_view text, JsonError& error) {
    return parse_strict<nlohmann::json>(text, error);
}

std::string json_line_column(std::string_view text, std::size_t offset) {
    auto [line, column] = line_column(text, offset);
    return fmt::format("line {}, column {}", line, column);
}

std::optional<nlohmann::ordered_json> parse_ordered_json_strict(std::string_view text,
                                                                JsonError& error) {
    return parse_strict<nlohmann::ordered_json>(text, error);
}

std::string json_excerpt(const nlohmann::json& v, std::size_t limit) {
    return excerpt(v, limit);
}
std::string json_excerpt(const nlohmann::ordered_json& v, std::size_t limit) {
    return excerpt(v, limit);
}
std::size_t json_depth(const nlohmann::json& v, std::size_t limit) {
    return depth(v, limit);
}
std::size_t json_depth(const nlohmann::ordered_json& v, std::size_t limit) {
    return depth(v, limit);
}

} // namespace kader
