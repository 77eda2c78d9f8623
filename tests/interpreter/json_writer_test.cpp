// The streaming JSON writer must write exactly what nlohmann would, so that
// `kader batch` and the embedding API agree byte for byte.
#include "interpreter/case_reader.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/json_writer.hpp"
#include "interpreter/render.hpp"
#include "interpreter/rule_loader.hpp"

#include "kader_catch.hpp"
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

using namespace kader;

TEST_CASE("the JSON writer escapes texts exactly as nlohmann does") {
    std::string tricky =
        "quote \" backslash \\ newline \n tab \t bell \x07 unit \x1f euro \xe2\x82\xac";
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    w.key("k");
    w.value(tricky);
    w.key("list");
    w.strings({"a", "", "b"});
    w.key("flag");
    w.value(false);
    w.key("none");
    w.null();
    w.end_object();
    w.finish();
    nlohmann::ordered_json j;
    j["k"] = tricky;
    j["list"] = {"a", "", "b"};
    j["flag"] = false;
    j["none"] = nullptr;
    REQUIRE(out == j.dump());
}

TEST_CASE("a value written piece by piece takes its comma as a whole, as nlohmann writes it") {
    std::string out;
    JsonWriter w(out);
    w.begin_array();
    for (int i = 0; i < 3; ++i) {
        w.value_follows();
        w.raw("{\"text\":");
        w.raw_string("quote \" and\ttab");
        w.raw(std::string_view(",\"n\":"));
        w.raw_number(i == 2 ? 0.5 : i);
        w.raw("}");
    }
    w.end_array();
    w.finish();
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (int i = 0; i < 3; ++i) {
        nlohmann::ordered_json n = i;
        if (i == 2) n = 0.5;
        j.push_back({{"text", "quote \" and\ttab"}, {"n", n}});
    }
    REQUIRE(out == j.dump());
}

TEST_CASE("a text known to need no escape is written as the escaping writer writes it") {
    // Paths, definition names and field names: ASCII identifiers, dots,
    // brackets and digits, written without looking for bytes to escape.
    for (std::string_view text :
         {"", "case", "case.parties[12].country", "screen.covered", "items[0].params.node_nm"}) {
        REQUIRE(JsonWriter::needs_no_escape(text));
        std::string plain, escaped;
        JsonWriter a(plain), b(escaped);
        a.value_follows();
        a.raw_plain_string(text);
        b.value_follows();
        b.raw_string(text);
        a.finish();
        b.finish();
        REQUIRE(plain == escaped);
        REQUIRE(plain == nlohmann::json(std::string(text)).dump());
    }
    for (std::string_view text : {"quote \"", "back\\slash", "tab\t", "caf\xc3\xa9"})
        REQUIRE_FALSE(JsonWriter::needs_no_escape(text));
}

TEST_CASE("a date written in place reads as its text, in and out of four-digit years") {
    // Days since 1970-01-01: the epoch, a leap day, the last day of 9999,
    // the first of 10000 (five digits), the first of year 0 and one before.
    for (ast::Days day : {0, 19782, 2932896, 2932897, -719528, -719529}) {
        INFO(day);
        std::string out;
        JsonWriter w(out);
        w.begin_array();
        w.date(day);
        w.date(day);
        w.end_array();
        w.finish();
        nlohmann::ordered_json j = {ast::format_date(day), ast::format_date(day)};
        CHECK(out == j.dump());
    }
    CHECK(ast::format_date(19782) == "2024-02-29");
    CHECK(ast::format_date(2932896) == "9999-12-31");
    CHECK(ast::format_date(2932897) == "10000-01-01");
    CHECK(ast::format_date(-719528) == "0000-01-01");
    std::array<char, 10> text;
    CHECK_FALSE(ast::format_date(2932897, text));
    CHECK_FALSE(ast::format_date(-719529, text));
    REQUIRE(ast::format_date(0, text));
    CHECK(std::string(text.data(), text.size()) == "1970-01-01");
}

TEST_CASE("an empty list written in one piece reads as nlohmann writes it, first or not") {
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    w.empty_array("first");
    w.key("n");
    w.value(true);
    w.empty_array("later");
    w.key("after");
    w.begin_array();
    w.value(false);
    w.end_array();
    w.end_object();
    w.finish();
    nlohmann::ordered_json j;
    j["first"] = nlohmann::ordered_json::array();
    j["n"] = true;
    j["later"] = nlohmann::ordered_json::array();
    j["after"] = {false};
    REQUIRE(out == j.dump());
}

TEST_CASE("the JSON writer escapes every byte that needs it, wherever it falls in a word") {
    // The writer scans eight bytes at a time: put each kind of byte at each
    // place of a word, in texts of every length around a word or two.
    const std::vector<std::string> specials = {"\"",   "\\",   "\n",       std::string(1, '\0'),
                                               "\x1f", "\x7f", "\xc3\xa9", "\xe2\x82\xac",
                                               "\xff", " ",    "~"};
    for (const auto& special : specials)
        for (std::size_t length = 0; length <= 20; ++length)
            for (std::size_t at = 0; at <= length; ++at) {
                std::string text(length, 'a');
                text.insert(at, special);
                std::string out;
                JsonWriter w(out);
                w.value(text);
                w.finish();
                INFO(nlohmann::json(text).dump(-1, ' ', false,
                                               nlohmann::json::error_handler_t::replace));
                CHECK(out == nlohmann::json(text).dump(-1, ' ', false,
                                                       nlohmann::json::error_handler_t::replace));
            }
}

TEST_CASE("the JSON writer nests objects and arrays deeper than the levels it keeps inline") {
    // Arrays of objects of arrays, 100 levels, with two members per object
    // and two elements per array, so each level has a first and a later one.
    std::string out;
    JsonWriter w(out);
    nlohmann::ordered_json expected = nlohmann::ordered_json::array();
    w.begin_array();
    nlohmann::ordered_json* at = &expected;
    for (int level = 0; level < 50; ++level) {
        w.value(static_cast<bool>(level % 2));
        at->push_back(static_cast<bool>(level % 2));
        w.begin_object();
        w.key("n");
        w.number(level);
        w.key("in");
        w.begin_array();
        at->push_back({{"n", level}, {"in", nlohmann::ordered_json::array()}});
        at = &at->back()["in"];
    }
    for (int level = 0; level < 50; ++level) {
        w.end_array();
        w.end_object();
    }
    w.end_array();
    w.finish();
    REQUIRE(out == expected.dump());
}

namespace {

// Every example case decided under `program`, brief and full; the number of cases.
std::size_t for_each_example_decision(const std::shared_ptr<const Program>& program,
                                      const std::function<void(const DecisionRecord&)>& check) {
    Diagnostics diags;
    std::size_t checked = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(KADER_SOURCE_DIR "/examples/cases")) {
        if (entry.path().extension() != ".json") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        auto c = read_case_text(*program, text.str(), entry.path().string(), diags);
        REQUIRE(c);
        for (bool full : {false, true}) {
            auto decided = decide(program, *c, {std::nullopt, full}, "case", diags);
            REQUIRE(decided);
            check(*decided);
        }
        ++checked;
    }
    return checked;
}

} // namespace

TEST_CASE("a decision rendered as JSON text equals its document form for every example case") {
    Diagnostics diags;
    auto program = load_rules(RuleSources{}, diags);
    REQUIRE(program);
    std::size_t checked = for_each_example_decision(program, [](const DecisionRecord& d) {
        std::string direct = render_json(d);
        REQUIRE(direct == to_json(d).dump());
        REQUIRE(nlohmann::json::parse(direct)["case"] == d.case_id);
    });
    REQUIRE(checked >= 20);
}

TEST_CASE("fragments kept from decision to decision write the same bytes as fresh ones") {
    Diagnostics diags;
    auto program = load_rules(RuleSources{}, diags);
    REQUIRE(program);
    // `kader batch` keeps one per thread for the whole input: every example
    // case, brief and full, goes through the same one here.
    JsonFragments kept(*program);
    // Fragments for another rule set are not used for this one's decisions
    // (its rules and expressions are numbered otherwise).
    RuleSources small{{},
                      {{"small.kader", "module small\n"
                                       "rule R1\n"
                                       "  goal end_use\n"
                                       "  basis \"small R1\"\n"
                                       "  when case.destination == \"RU\"\n"
                                       "  then deny\n"}},
                      true};
    auto other = load_rules(small, diags);
    REQUIRE(other);
    REQUIRE(other->nodes.size() != program->nodes.size());
    JsonFragments foreign(*other);
    std::size_t checked = for_each_example_decision(program, [&](const DecisionRecord& d) {
        std::string fresh = render_json(d);
        CHECK(render_json(d, kept) == fresh);
        CHECK(render_json(d, foreign) == fresh);
    });
    REQUIRE(checked >= 20);
    CHECK(&kept.program() == program.get());
}

TEST_CASE("a fact's path of any length is written as its document form") {
    // render_json writes a path of up to 128 bytes straight into the output,
    // and a longer one as a string first. The second item decides: its path
    // "items[1]." and a field name of 118, 119 and 120 bytes make paths of
    // 127, 128 and 129 bytes.
    for (std::size_t length : {1, 117, 118, 119, 120, 121, 300}) {
        std::string field(length, 'f');
        std::string module = "module deep\n"
                             "schema case {\n"
                             "  date: date\n"
                             "  items: list of record {\n"
                             "    " +
                             field +
                             ": string\n"
                             "  }\n"
                             "}\n"
                             "rule R1\n"
                             "  goal end_use\n"
                             "  basis \"deep R1\"\n"
                             "  when any i in case.items: i." +
                             field +
                             " == \"x\"\n"
                             "  then deny\n";
        Diagnostics diags;
        auto program = load_rules(RuleSources{{}, {{"deep.kader", module}}, false}, diags);
        REQUIRE(program);
        std::string text = R"({"date": "2025-01-01", "items": [{")" + field + R"(": "y"}, {")" +
                           field + R"(": "x"}]})";
        auto c = read_case_text(*program, text, "case", diags);
        REQUIRE(c);
        for (bool full : {false, true}) {
            auto d = decide(program, *c, {std::nullopt, full}, "case", diags);
            REQUIRE(d);
            REQUIRE(d->applied.size() == 1);
            std::string direct = render_json(*d);
            CHECK(direct == to_json(*d).dump());
            CHECK(direct.find("\"path\":\"items[1]." + field + "\"") != std::string::npos);
        }
    }
}
