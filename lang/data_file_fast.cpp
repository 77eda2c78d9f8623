#include "lang/data_file_fast.hpp"

#include <algorithm>
#include <simdjson.h>

namespace kader {

namespace {

namespace dom = simdjson::dom;

// Data files are flat: an array, or an object or two around one. Deeper ones
// go to the strict reading, whose own limit (json_max_depth) is larger.
constexpr std::size_t max_depth = 32;

// simdjson does not look for repeated keys, which the strict reading refuses
// (a repeated key would let the data depend on which copy a reader keeps).
bool has_repeated_key(dom::element root) {
    std::vector<dom::element> pending{root};
    std::vector<std::string_view> keys;
    while (!pending.empty()) {
        dom::element e = pending.back();
        pending.pop_back();
        if (dom::array array; !e.get_array().get(array)) {
            for (dom::element child : array)
                pending.push_back(child);
        } else if (dom::object object; !e.get_object().get(object)) {
            keys.clear();
            for (auto field : object) {
                keys.push_back(field.key);
                pending.push_back(field.value);
            }
            std::sort(keys.begin(), keys.end());
            if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) return true;
        }
    }
    return false;
}

// A token that indexes an array as the strict reading's JSON pointer does:
// decimal digits without a leading zero.
std::optional<std::size_t> array_index(const std::string& token) {
    if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0') ||
        !std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::stoul(token);
}

std::optional<dom::element> at_pointer(dom::element e, const std::vector<std::string>& pointer) {
    for (const std::string& token : pointer) {
        if (dom::object object; !e.get_object().get(object)) {
            if (object.at_key(token).get(e)) return std::nullopt;
        } else if (dom::array array; !e.get_array().get(array)) {
            auto index = array_index(token);
            if (!index || array.at(*index).get(e)) return std::nullopt;
        } else {
            return std::nullopt;
        }
    }
    return e;
}

// An object's note, when it is a text.
std::string note(dom::object object, const char* key) {
    std::string_view text;
    return object.at_key(key).get_string().get(text) ? std::string{} : std::string(text);
}

} // namespace

struct FastDataFile::Parsed {
    dom::parser parser;
    dom::element root;
};

FastDataFile::FastDataFile(std::string_view text) {
    // The strict reading allows a byte order mark before the value.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    auto parsed = std::make_unique<Parsed>();
    // parse() copies the text into a padded buffer of its own.
    if (parsed->parser.allocate(text.size(), max_depth) ||
        parsed->parser.parse(text.data(), text.size(), true).get(parsed->root) ||
        has_repeated_key(parsed->root))
        return;
    parsed_ = std::move(parsed);
}

FastDataFile::~FastDataFile() = default;

std::optional<DataFileEntries>
FastDataFile::entries_at(const std::vector<std::string>& pointer) const {
    if (!parsed_) return std::nullopt;
    auto data = at_pointer(parsed_->root, pointer);
    if (!data) return std::nullopt;
    DataFileEntries out;
    dom::array list;
    if (dom::object object; !data->get_object().get(object)) {
        out.in_object = true;
        out.source = note(object, "source");
        out.reliability = note(object, "reliability");
        if (object.at_key("entries").get_array().get(list)) return std::nullopt;
    } else if (data->get_array().get(list)) {
        return std::nullopt;
    }
    out.entries.reserve(list.size());
    for (dom::element entry : list) {
        std::string_view s;
        if (entry.get_string().get(s) || s.empty()) return std::nullopt;
        out.entries.emplace_back(s);
    }
    return out;
}

} // namespace kader
