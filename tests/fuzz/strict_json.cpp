#include "strict_json.hpp"

#include <nlohmann/json.hpp>
#include <set>
#include <vector>

namespace kader::fuzz {

namespace {

using json = nlohmann::json;

// Tracks the open containers; an object remembers its keys.
class StrictSax : public nlohmann::json_sax<json> {
public:
    std::string problem;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t value, const string_t& text) override {
        if (std::isfinite(value)) return true;
        return refuse("number out of range: " + text);
    }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return refuse("binary value"); }
    bool start_object(std::size_t) override { return open(true); }
    bool key(string_t& k) override {
        if (stack_.back().keys.insert(k).second) return true;
        return refuse("repeated key \"" + k + "\"");
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(false); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& e) override {
        return refuse("at byte " + std::to_string(position) + ": " + e.what());
    }

private:
    struct Open {
        bool object = false;
        std::set<std::string> keys;
    };
    std::vector<Open> stack_;

    bool refuse(std::string why) {
        if (problem.empty()) problem = std::move(why);
        return false;
    }
    bool open(bool object) {
        stack_.push_back({object, {}});
        if (stack_.size() <= strict_max_depth) return true;
        return refuse("nested deeper than " + std::to_string(strict_max_depth) + " levels");
    }
    bool close() {
        stack_.pop_back();
        return true;
    }
};

} // namespace

std::string strict_json_problem(std::string_view text) {
    // nlohmann's lexer takes a NUL for the end of the input, so it would pass
    // "{...}\0garbage"; JSON allows no raw NUL anywhere.
    if (std::size_t nul = text.find('\0'); nul != std::string_view::npos)
        return "a NUL byte at byte " + std::to_string(nul);
    StrictSax sax;
    bool ok =
        json::sax_parse(text.begin(), text.end(), &sax, nlohmann::json::input_format_t::json, true);
    if (!ok && sax.problem.empty()) return "refused by the SAX parser";
    return sax.problem;
}

} // namespace kader::fuzz
