// Whatever the input, the parser answers: an AST or diagnostics, never a
// crash or a hang. Limits are errors at the place where they are reached.
#include "lang/ast_compare.hpp"
#include "lang/formatter.hpp"
#include "lang/parser.hpp"
#include "tests/lang/support.hpp"

#include "kader_catch.hpp"

#include <random>

using namespace kader;
using kader::test::parse;
using Lines = std::vector<std::string>;

namespace {

std::string repeat(std::string_view text, std::size_t times) {
    std::string out;
    out.reserve(text.size() * times);
    for (std::size_t i = 0; i < times; ++i)
        out += text;
    return out;
}

const std::string too_deep = "expression nested more than 200 levels deep";

Lines errors_of(const std::string& text) {
    return test::headlines(parse(text).diags);
}

// Every diagnostic points into the file (or just past its end).
bool locations_inside(const test::Parsed& p) {
    const std::size_t lines = p.source->line_starts.size();
    for (const auto& d : p.diags.list())
        if (d.location.line < 1 || d.location.line > lines + 1 || d.location.column < 1)
            return false;
    return true;
}

// A rule of about 520 bytes, most of it the legal basis and the message as
// real rules have them; `n` makes each one different.
std::string generated_rule(std::size_t n) {
    std::string id = std::to_string(n);
    return "rule r" + id +
           "\n  goal sanctions\n  basis \"Council Regulation (EU) No 833/2014 of 31 July 2014 "
           "concerning restrictive measures in view of Russia's actions destabilising the "
           "situation in Ukraine, Art. 2a(" +
           id +
           "), as amended by Council Regulation (EU) 2022/328 of 25 February 2022 (OJ L 49, "
           "25.2.2022, p. 1)\"\n  when case.destination == \"RU\" and any item in case.items: "
           "item.code under \"3A" +
           id +
           "\"\n  then deny \"item {item.code} is listed in Annex VII of the regulation and may "
           "not be sold, supplied, transferred or exported to Russia, directly or indirectly\"\n\n";
}

} // namespace

TEST_CASE("10,000 nested parentheses are an error at the 201st, not a crash") {
    std::string when = repeat("(", 10000) + "true" + repeat(")", 10000);
    CHECK(errors_of("module m\nrule r\n  when " + when + "\n") ==
          Lines{"t.kader:3:209: error[K0213]: " + too_deep});
}

TEST_CASE("10,000 nested `not` are an error at the 201st, not a crash") {
    CHECK(errors_of("module m\nrule r\n  when " + repeat("not ", 10000) + "true\n") ==
          Lines{"t.kader:3:812: error[K0213]: " + too_deep});
}

TEST_CASE("10,000 nested quantifiers, calls and known() are errors, not crashes") {
    CHECK(errors_of("module m\ndef d = " + repeat("any x in l: ", 10000) + "x\n") ==
          Lines{"t.kader:2:2421: error[K0213]: " + too_deep});
    CHECK(errors_of("module m\ndef d = " + repeat("f(", 10000) + "x" + repeat(")", 10000) + "\n") ==
          Lines{"t.kader:2:411: error[K0213]: " + too_deep});
    CHECK(errors_of("module m\ndef d = " + repeat("known(", 10000) + "x" + repeat(")", 10000) +
                    "\n") == Lines{"t.kader:2:1215: error[K0213]: " + too_deep});
}

TEST_CASE("a million-long chain of field accesses is an error, not a crash") {
    CHECK(errors_of("module m\nrule r\n  when x" + repeat(".y", 1000000) + "\n") ==
          Lines{"t.kader:3:409: error[K0213]: " + too_deep});
}

TEST_CASE("a message hole nested 10,000 deep is an error inside the message") {
    std::string hole = "{" + repeat("(", 10000) + "x" + repeat(")", 10000) + "}";
    CHECK(errors_of("module m\nrule r\n  then deny \"" + hole + "\"\n") ==
          Lines{"t.kader:3:215: error[K0213]: " + too_deep});
}

TEST_CASE("types nested 10,000 deep are an error, not a crash") {
    CHECK(errors_of("module m\nschema s {\n  a: " + repeat("list of ", 10000) + "string\n}\n") ==
          Lines{"t.kader:3:1606: error[K0213]: " + too_deep});
    CHECK(errors_of("module m\nschema s {\n  " + repeat("a: record {", 10000) + repeat("}", 10001) +
                    "\n") == Lines{"t.kader:3:2206: error[K0213]: " + too_deep});
}

TEST_CASE("nesting up to the limit is accepted") {
    auto parens =
        parse("module m\nrule r\n  when " + repeat("(", 199) + "true" + repeat(")", 199) + "\n");
    CHECK(parens.ok());
    auto nots = parse("module m\nrule r\n  when " + repeat("not ", 199) + "true\n");
    CHECK(nots.ok());
    auto fields = parse("module m\nrule r\n  when x" + repeat(".y", 200) + "\n");
    CHECK(fields.ok());
    auto types = parse("module m\nschema s {\n  a: " + repeat("list of ", 199) + "string\n}\n");
    CHECK(types.ok());
}

TEST_CASE("a 10 MB rule file of about 20,000 rules parses without error") {
    std::string text = "module big\n\n";
    std::size_t rules = 0;
    while (text.size() < 10'000'000)
        text += generated_rule(rules++);
    auto p = parse(text);
    CHECK(p.ok());
    CHECK(p.module.rules.size() == rules);
    CHECK(p.module.rules.back().name == "r" + std::to_string(rules - 1));
}

TEST_CASE("a set of 1,000,000 entries (12 MB) parses without error") {
    std::string text = "module big\n\nset huge = {";
    for (int i = 0; i < 1'000'000; ++i)
        text += (i ? ", \"E" : "\"E") + std::to_string(1'000'000 + i) + '"';
    text += "}\n";
    REQUIRE(text.size() >= 10'000'000);
    auto p = parse(std::move(text));
    CHECK(p.ok());
    REQUIRE(p.module.sets.size() == 1);
    CHECK(p.module.sets[0].entries.size() == 1'000'000);
    CHECK(p.module.sets[0].entries.back() == "E1999999");
}

TEST_CASE("a file of exactly 64 MiB is read, one byte more is rejected at 1:1") {
    const std::string head = "module m\n// ";
    auto at_limit = parse(head + std::string(max_source_bytes - head.size(), 'x'));
    CHECK(at_limit.ok());
    CHECK(at_limit.module.name == "m");

    auto over = parse(head + std::string(max_source_bytes - head.size() + 1, 'x'));
    REQUIRE(over.diags.list().size() == 1);
    CHECK(over.diags.list()[0].location.line == 1);
    CHECK(over.diags.list()[0].location.column == 1);
    CHECK(over.module.name.empty());
}

TEST_CASE("a file over 64 MiB is rejected with its size and advice") {
    auto p = parse("module m\n" + std::string(65u << 20, ' '));
    CHECK(render(p.diags) ==
          "t.kader:1:1: error[K0105]: this file is 65 MiB; rule files may be at most 64 MiB\n"
          "  module m\n"
          "  ^\n"
          "help: move long lists into data files loaded with `set NAME = load \"FILE.json\"`\n");
}

TEST_CASE("random bytes never crash the parser") {
    std::mt19937 random(20240611);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 400);
    for (int i = 0; i < 2000; ++i) {
        std::string text(static_cast<std::size_t>(length(random)), '\0');
        for (char& c : text)
            c = static_cast<char>(byte(random));
        if (i % 2) text = "module m\n" + text; // reach past the module line too
        auto p = parse(text);
        INFO("input " << i);
        CHECK(locations_inside(p));
    }
}

TEST_CASE("NUL bytes, carriage returns, tabs and non-ASCII text are handled") {
    auto crlf =
        parse("module m\r\nrule r\r\n  goal sanctions\r\n  when a\r\n  then deny \"x\"\r\n");
    CHECK(crlf.ok());
    auto tabs = parse("module m\nrule r\n\tgoal sanctions\n\twhen a\tand\tb\n");
    CHECK(tabs.ok());
    auto utf8 = parse("module m\nrule r\n  basis \"Règlement (UE) n° 833/2014 — art. 2\"\n");
    REQUIRE(utf8.ok());
    CHECK(utf8.module.rules[0].common.basis == "Règlement (UE) n° 833/2014 — art. 2");
    using namespace std::string_literals;
    auto nul = parse("module m\nrule r\n  when a\0b\n"s);
    CHECK_FALSE(nul.ok());
    CHECK(locations_inside(nul));
}

TEST_CASE("soup of the language's own words never crashes the parser") {
    const std::vector<std::string> words = {
        "module",   "import",     "set",        "def",       "rule",        "table",     "schema",
        "goal",     "basis",      "effective",  "from",      "until",       "exception", "to",
        "review",   "when",       "then",       "oblige",    "hit",         "first",     "collect",
        "and",      "or",         "not",        "in",        "under",       "any",       "all",
        "none",     "count",      "known",      "true",      "false",       "load",      "case",
        "optional", "nonempty",   "list",       "of",        "record",      "enum",      "allow",
        "deny",     "verdict",    "x",          "item",      "m",           "(",         ")",
        "{",        "}",          "[",          "]",         ",",           ".",         ":",
        "=",        "==",         "!=",         "<",         "<=",          ">",         ">=",
        "|",        "=>",         "-",          "\"RU\"",    "\"a {x} b\"", "\"{\"",     "16",
        "2.5",      "2022-02-26", "2023-02-30", "//",        "///",         "\n",        "\n  ",
        "\n",       " ",          "\"\\q\"",    "\"unclosed"};
    std::mt19937 random(7);
    std::uniform_int_distribution<std::size_t> pick(0, words.size() - 1);
    std::uniform_int_distribution<int> length(0, 120);
    for (int i = 0; i < 3000; ++i) {
        std::string text = i % 3 ? "module m\n" : "";
        for (int n = length(random); n > 0; --n)
            text += words[pick(random)] + ' ';
        auto p = parse(text);
        INFO("input " << i << ":\n" << text);
        CHECK(locations_inside(p));
    }
}

TEST_CASE("an empty file, blank lines or only comments give one error and no crash") {
    for (const char* text : {"", "\n", "   \n\t\n", "// a\n// b\n", "/// doc\n", "//", "///"}) {
        auto p = parse(text);
        INFO("input: " << text);
        CHECK(test::located_messages(p.diags) ==
              Lines{"1:1: error[K0202]: this file has no `module` line"});
    }
}
