// The fast reading of data files (simdjson) takes only what the strict
// reading takes, and finds the same entries and notes; everything else it
// leaves to the strict reading, which reports it.
#include "kader_catch.hpp"

#include "lang/data_file_fast.hpp"
#include "lang/json_input.hpp"

#include <fmt/format.h>
#include <string>
#include <vector>

namespace {

using Tokens = std::vector<std::string>;

// What the strict reading (set_loading.cpp) finds, or nothing where it reports an error.
std::optional<kader::DataFileEntries> read_strictly(const std::string& text,
                                                    const Tokens& pointer) {
    kader::JsonError error;
    auto json = kader::parse_json_strict(text, error);
    if (!json) return std::nullopt;
    const nlohmann::json* data = &*json;
    for (const auto& token : pointer) {
        if (data->is_object() && data->contains(token))
            data = &(*data)[token];
        else if (data->is_array() && !token.empty() && token.size() < 9 &&
                 token.find_first_not_of("0123456789") == std::string::npos &&
                 (token == "0" || token[0] != '0') && std::stoul(token) < data->size())
            data = &(*data)[std::stoul(token)];
        else
            return std::nullopt;
    }
    kader::DataFileEntries out;
    if (data->is_object()) {
        out.in_object = true;
        if (data->contains("source") && (*data)["source"].is_string())
            out.source = (*data)["source"];
        if (data->contains("reliability") && (*data)["reliability"].is_string())
            out.reliability = (*data)["reliability"];
        if (!data->contains("entries")) return std::nullopt;
        data = &(*data)["entries"];
    }
    if (!data->is_array()) return std::nullopt;
    for (const auto& v : *data) {
        if (!v.is_string() || v.get_ref<const std::string&>().empty()) return std::nullopt;
        out.entries.push_back(v);
    }
    return out;
}

void check_same(const kader::DataFileEntries& a, const kader::DataFileEntries& b) {
    CHECK(a.entries == b.entries);
    CHECK(a.source == b.source);
    CHECK(a.reliability == b.reliability);
    CHECK(a.in_object == b.in_object);
}

} // namespace

TEST_CASE("data files the strict reading takes are read fast, to the same entries") {
    struct Example {
        std::string text;
        Tokens pointer;
    };
    const std::vector<Example> taken = {
        {R"(["RU", "BY"])", {}},
        {"\xEF\xBB\xBF[\"RU\"]", {}},
        {R"({"source": "Reg. 833/2014", "reliability": "checked", "entries": ["RU", "B\u0059"]})",
         {}},
        {R"({"source": 7, "entries": ["RU"], "other": {"deep": [1, 2.5, -0, 1e-400, null, true]}})",
         {}},
        {R"({"embargo": ["RU"], "groups": {"north": {"entries": ["NO", "SE"]}}})",
         {"groups", "north"}},
        {R"({"a/b": ["X"], "m~n": ["Y"]})", {"a/b"}},
        {R"({"lists": [["A"], ["B", "C"]]})", {"lists", "1"}},
        {R"(["\u00e9t\u00e9", "€", "𝄞"])", {}},
        {"[\"RU\"]  \n\t", {}},
    };
    for (const auto& [text, pointer] : taken) {
        INFO(text);
        auto fast = kader::FastDataFile(text).entries_at(pointer);
        auto strict = read_strictly(text, pointer);
        REQUIRE(fast);
        REQUIRE(strict);
        check_same(*fast, *strict);
    }
}

TEST_CASE("data files with anything wrong or unusual are left to the strict reading") {
    struct Example {
        std::string text;
        Tokens pointer;
    };
    std::string deep = std::string(40, '[') + std::string(40, ']');
    const std::vector<Example> declined = {
        {R"(["RU"] x)", {}},                                       // trailing bytes
        {std::string("[\"RU\"]\0", 7), {}},                        // a NUL after the value
        {R"({"entries": ["RU"], "entries": ["BY"]})", {}},         // a repeated key
        {R"({"entries": ["RU"], "notes": {"a": 1, "a": 2}})", {}}, // one where the entries are not
        {R"({"entries": ["RU"], "n": 1e999})", {}},                // a number out of range
        {R"(["RU", 7])", {}},                                      // an entry that is no text
        {R"(["RU", ""])", {}},                                     // an empty entry
        {R"({"source": "x"})", {}},                                // no entries
        {R"({"entries": "RU"})", {}},
        {R"("RU")", {}},
        {R"(["R	U"])", {}},    // a raw tab in a text
        {R"(["\ud800"])", {}}, // half a surrogate pair
        {"[\"\xFF\"]", {}},    // not UTF-8
        {R"(["RU",])", {}},
        {R"({"lists": [["A"], ["B"]]})", {"lists", "01"}}, // not an index
        {R"({"lists": [["A"], ["B"]]})", {"lists", "2"}},
        {R"({"lists": [["A"], ["B"]]})", {"lists", "-"}},
        {R"({"embargo": ["RU"]})", {"embargo", "x"}},
        {R"({"embargo": ["RU"]})", {"missing"}},
        {"{\"entries\": [\"RU\"], \"deep\": " + deep + "}", {}}, // deeper than a data file needs
        {"", {}},
    };
    for (const auto& [text, pointer] : declined) {
        INFO(text);
        CHECK_FALSE(kader::FastDataFile(text).entries_at(pointer));
    }
    // Nesting the strict reading takes is only slower: declined, then read.
    CHECK(read_strictly("{\"entries\": [\"RU\"], \"deep\": " + deep + "}", {}));
}

TEST_CASE("a data file parsed once answers for each part a set loads, and declines as a whole") {
    const kader::FastDataFile groups(R"({"east": ["RU", "BY"], "west": {"entries": ["GB"]}})");
    CHECK_FALSE(groups.declined());
    auto east = groups.entries_at({"east"});
    REQUIRE(east);
    CHECK(east->entries == std::vector<std::string>{"RU", "BY"});
    CHECK_FALSE(east->in_object);
    auto west = groups.entries_at({"west"});
    REQUIRE(west);
    CHECK(west->entries == std::vector<std::string>{"GB"});
    CHECK(west->in_object);
    CHECK_FALSE(groups.entries_at({"north"})); // nothing there: the strict reading says so
    // A file with a repeated key anywhere is declined for every part of it.
    const kader::FastDataFile repeated(R"({"east": ["RU"], "west": ["GB"], "east": ["BY"]})");
    CHECK(repeated.declined());
    CHECK_FALSE(repeated.entries_at({"west"}));
}
