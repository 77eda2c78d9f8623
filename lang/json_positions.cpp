// Where the values of a JSON text lie, so that a bad entry of a data file or
// a bad key of a test file is reported at its own line and column. The text has passed
// the strict reading (json_input.cpp), so this scanner may trust it to be
// well formed and at most `json_max_depth` levels deep.
#include "lang/json_input.hpp"

namespace kader {

namespace {

class Scanner {
public:
    explicit Scanner(std::string_view text) : t_(text) {
        if (t_.substr(0, 3) == "\xEF\xBB\xBF") at_ = 3; // a byte order mark
    }

    std::optional<std::size_t> offset(const std::vector<std::string>& path) {
        space();
        for (const auto& token : path)
            if (!enter(token)) return std::nullopt;
        return at_;
    }

    std::vector<std::size_t> offsets(const std::vector<std::string>& path) {
        space();
        for (const auto& token : path)
            if (!enter(token)) return {};
        if (peek() != '[') return {};
        std::vector<std::size_t> out;
        each_element([&] { out.push_back(at_); });
        return out;
    }

private:
    char peek() const { return at_ < t_.size() ? t_[at_] : '\0'; }

    void space() {
        while (at_ < t_.size() &&
               (t_[at_] == ' ' || t_[at_] == '\t' || t_[at_] == '\n' || t_[at_] == '\r'))
            ++at_;
    }

    // Moves to the value that `token` names in the current object or array.
    bool enter(const std::string& token) {
        if (peek() == '{') {
            bool found = false;
            each_member([&](const std::string& key) { return found = key == token; });
            return found;
        }
        if (peek() == '[') {
            std::size_t index = 0, wanted = 0;
            if (token.empty() || token.find_first_not_of("0123456789") != std::string::npos)
                return false;
            wanted = std::stoul(token);
            bool found = false;
            each_element([&] { found = found || index == wanted; }, &index, wanted);
            return found;
        }
        return false;
    }

    // Calls `visit` at each element (at its first byte) and skips it, unless
    // `stop_at` is reached: then it stays at that element.
    template <class F>
    void each_element(F visit, std::size_t* index = nullptr,
                      std::size_t stop_at = static_cast<std::size_t>(-1)) {
        ++at_; // [
        space();
        for (std::size_t i = 0; peek() != ']' && at_ < t_.size(); ++i) {
            if (index) *index = i;
            visit();
            if (i == stop_at) return;
            skip_value();
            space();
            if (peek() == ',') ++at_, space();
        }
        ++at_; // ]
    }

    // Calls `visit(key)` with each member's key; when it returns true, stays
    // at that member's value.
    template <class F> void each_member(F visit) {
        ++at_; // {
        space();
        while (peek() == '"') {
            std::string key = string();
            space();
            ++at_; // :
            space();
            if (visit(key)) return;
            skip_value();
            space();
            if (peek() == ',') ++at_, space();
        }
        ++at_; // }
    }

    std::string string() {
        std::size_t start = at_++;
        while (at_ < t_.size() && t_[at_] != '"')
            at_ += t_[at_] == '\\' ? 2 : 1;
        ++at_;
        try { // the key as JSON decodes it, escapes and all
            return nlohmann::json::parse(t_.substr(start, at_ - start)).get<std::string>();
        } catch (const nlohmann::json::exception&) {
            return {};
        }
    }

    void skip_value() {
        char c = peek();
        if (c == '"') {
            string();
        } else if (c == '[') {
            each_element([] {});
        } else if (c == '{') {
            each_member([](const std::string&) { return false; });
        } else {
            while (at_ < t_.size() && t_[at_] != ',' && t_[at_] != ']' && t_[at_] != '}' &&
                   t_[at_] != ' ' && t_[at_] != '\n' && t_[at_] != '\r' && t_[at_] != '\t')
                ++at_;
        }
    }

    std::string_view t_;
    std::size_t at_ = 0;
};

} // namespace

std::vector<std::size_t> json_array_offsets(std::string_view text,
                                            const std::vector<std::string>& path) {
    return Scanner(text).offsets(path);
}

std::optional<std::size_t> json_value_offset(std::string_view text,
                                             const std::vector<std::string>& path) {
    return Scanner(text).offset(path);
}

} // namespace kader
