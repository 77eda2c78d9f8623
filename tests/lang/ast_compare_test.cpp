// same_meaning() sees every difference in what a module says, and none in
// how it is laid out.
#include "lang/ast_compare.hpp"
#include "tests/lang/support.hpp"

#include "kader_catch.hpp"

using namespace kader;
using kader::test::parse;

namespace {

bool same(const std::string& a, const std::string& b) {
    auto x = parse(a), y = parse(b);
    INFO(render(x.diags) << render(y.diags));
    REQUIRE(x.ok());
    REQUIRE(y.ok());
    return same_meaning(x.module, y.module);
}

const std::string rule_head = "module m\nrule r\n";

} // namespace

TEST_CASE("layout, comments and locations do not change the meaning") {
    CHECK(same("module m\nimport a\nrule r\n  goal sanctions\n  when x and y\n  then deny \"m\"\n",
               "// comment\nmodule   m // here\n\n\nimport a\n\n\nrule r\n    // goal next\n"
               "    goal   sanctions\n    when x\n      and y\n    then   deny \"m\"\n"));
    CHECK(same("module m\ndef d = ((a)) or (b)\n", "module m\ndef d =\n  a or b\n"));
    CHECK(same("module m\ndef d = f()\n", "module m\ndef d = f( )\n"));
    CHECK(same("module m\ndef d() = x\n", "module m\ndef d = x\n"));
}

TEST_CASE("the order of rule lines does not change the meaning") {
    CHECK(same(rule_head + "  goal sanctions\n  when x\n",
               rule_head + "  when x\n  goal sanctions\n"));
}

TEST_CASE("module name, doc comments and imports are compared") {
    CHECK_FALSE(same("module m\n", "module n\n"));
    CHECK_FALSE(same("/// A.\nmodule m\n", "/// B.\nmodule m\n"));
    CHECK_FALSE(same("module m\nimport a\nimport b\n", "module m\nimport b\nimport a\n"));
    CHECK_FALSE(same("module m\nimport a\n", "module m\n"));
    CHECK_FALSE(same("module m\n/// A.\nset s = {}\n", "module m\nset s = {}\n"));
}

TEST_CASE("every line of a rule is compared") {
    const std::string base =
        rule_head +
        "  goal sanctions\n  basis \"b\"\n  effective from 2022-01-01 until 2023-01-01\n"
        "  exception to base\n  review \"r\"\n  when x\n  then deny \"m\"\n  oblige o \"p\"\n";
    CHECK(same(base, base));
    auto changed = [&](const std::string& from, const std::string& to) {
        std::string text = base;
        text.replace(text.find(from), from.size(), to);
        return text;
    };
    CHECK_FALSE(same(base, changed("rule r", "rule q")));
    CHECK_FALSE(same(base, changed("goal sanctions", "goal end_use")));
    CHECK_FALSE(same(base, changed("basis \"b\"", "basis \"c\"")));
    CHECK_FALSE(same(base, changed("from 2022-01-01", "from 2022-01-02")));
    CHECK_FALSE(same(base, changed(" until 2023-01-01", "")));
    CHECK_FALSE(same(base, changed("exception to base", "exception to m.base")));
    CHECK_FALSE(same(base, changed("review \"r\"", "review \"s\"")));
    CHECK_FALSE(same(base, changed("when x", "when y")));
    CHECK_FALSE(same(base, changed("then deny", "then prohibited")));
    CHECK_FALSE(same(base, changed("deny \"m\"", "deny")));
    CHECK_FALSE(same(base, changed("deny \"m\"", "deny \"{m}\"")));
    CHECK_FALSE(same(base, changed("oblige o \"p\"", "oblige q \"p\"")));
    CHECK_FALSE(same(base, changed("oblige o \"p\"", "oblige o")));
    CHECK_FALSE(same(base, changed("oblige o \"p\"\n", "oblige o \"p\"\n  oblige o \"p\"\n")));
}

TEST_CASE("every field of an expression is compared") {
    auto when = [](const std::string& e) { return rule_head + "  when " + e + "\n"; };
    CHECK_FALSE(same(when("a and b"), when("a or b")));
    CHECK_FALSE(same(when("a and b"), when("a and b and c")));
    CHECK_FALSE(same(when("a and (b and c)"), when("a and b and c")));
    CHECK_FALSE(same(when("a < b"), when("a <= b")));
    CHECK_FALSE(same(when("a in b"), when("a not in b")));
    CHECK_FALSE(same(when("a.b"), when("a.c")));
    CHECK_FALSE(same(when("\"a\""), when("a")));
    CHECK_FALSE(same(when("16"), when("16.0")));
    CHECK_FALSE(same(when("true"), when("false")));
    CHECK_FALSE(same(when("2022-01-01"), when("2022-01-02")));
    CHECK_FALSE(same(when("{\"a\", \"b\"}"), when("{\"b\", \"a\"}")));
    CHECK_FALSE(same(when("any x in l: x"), when("all x in l: x")));
    CHECK_FALSE(same(when("any x in l: x"), when("any y in l: x")));
    CHECK_FALSE(same(when("f(a)"), when("f(a, b)")));
    CHECK_FALSE(same(when("f(a)"), when("g(a)")));
    CHECK_FALSE(same(when("known(a)"), when("not a")));
    CHECK_FALSE(same(when("case.a"), when("kase.a")));
}

TEST_CASE("sets, definitions and the order of declarations are compared") {
    CHECK_FALSE(same("module m\nset s = {\"a\"}\n", "module m\nset s = {\"a\", \"b\"}\n"));
    CHECK_FALSE(same("module m\nset s = {}\n", "module m\nset s = load \"s.json\"\n"));
    CHECK_FALSE(same("module m\nset s = load \"a.json\"\n", "module m\nset s = load \"b.json\"\n"));
    CHECK_FALSE(same("module m\ndef d(a) = a\n", "module m\ndef d(b) = a\n"));
    CHECK_FALSE(same("module m\ndef d(a) = a\n", "module m\ndef d(a, b) = a\n"));
    CHECK_FALSE(same("module m\nset a = {}\nset b = {}\n", "module m\nset b = {}\nset a = {}\n"));
    CHECK_FALSE(same("module m\nset a = {}\ndef d = x\n", "module m\ndef d = x\nset a = {}\n"));
}

TEST_CASE("tables are compared cell by cell") {
    const std::string head = "module m\ntable t\n";
    const std::string rows = "  | a | b | => verdict |\n  | 1 | - | => deny \"m\" |\n";
    CHECK(same(head + rows, head + rows));
    CHECK_FALSE(same(head + rows, head + "  hit first\n" + rows));
    CHECK_FALSE(same(head + "  hit first\n" + rows, head + "  hit collect\n" + rows));
    CHECK_FALSE(
        same(head + rows, head + "  | a | c | => verdict |\n  | 1 | - | => deny \"m\" |\n"));
    CHECK_FALSE(
        same(head + rows, head + "  | a | b | => verdict |\n  | 2 | - | => deny \"m\" |\n"));
    CHECK_FALSE(
        same(head + rows, head + "  | a | b | => verdict |\n  | < 1 | - | => deny \"m\" |\n"));
    CHECK_FALSE(
        same(head + rows, head + "  | a | b | => verdict |\n  | 1 | 2 | => deny \"m\" |\n"));
    CHECK_FALSE(
        same(head + rows, head + "  | a | b | => verdict |\n  | 1 | - | => allow \"m\" |\n"));
    CHECK_FALSE(same(head + rows, head + "  | a | b | => verdict |\n  | 1 | - | => deny |\n"));
    CHECK_FALSE(same(head + rows, head + rows + "  | 1 | - | => deny \"m\" |\n"));
    CHECK_FALSE(same(head + "  goal end_use\n" + rows, head + "  goal sanctions\n" + rows));
}

TEST_CASE("schemas are compared field by field, types all the way down") {
    auto schema = [](const std::string& fields) {
        return "module m\nschema s {\n" + fields + "}\n";
    };
    const std::string base = "  a: optional list of record {\n    b: enum {x, y}\n  }\n";
    CHECK(same(schema(base), schema(base)));
    CHECK_FALSE(
        same(schema(base), schema("  z: optional list of record {\n    b: enum {x, y}\n  }\n")));
    CHECK_FALSE(same(schema(base), schema("  a: list of record {\n    b: enum {x, y}\n  }\n")));
    CHECK_FALSE(same(schema(base),
                     schema("  a: optional nonempty list of record {\n    b: enum {x, y}\n  }\n")));
    CHECK_FALSE(
        same(schema(base), schema("  a: optional list of record {\n    b: enum {y, x}\n  }\n")));
    CHECK_FALSE(same(schema(base), schema("  a: optional list of record {\n    b: string\n  }\n")));
    CHECK_FALSE(same(schema(base), schema("  a: optional list of string\n")));
    CHECK_FALSE(same(schema("  a: code\n"), schema("  a: cn\n")));
    CHECK_FALSE(same("module m\nschema s {}\n", "module m\nschema t {}\n"));
}

TEST_CASE("a field's question is compared, not where it is written") {
    auto schema = [](const std::string& fields) {
        return "module m\nschema s {\n" + fields + "}\n";
    };
    const std::string asked = "  d: optional date ask \"When?\"\n";
    CHECK(same(schema(asked), schema("  d: optional date\n      ask   \"When?\"\n")));
    CHECK_FALSE(same(schema(asked), schema("  d: optional date ask \"When exactly?\"\n")));
    CHECK_FALSE(same(schema(asked), schema("  d: optional date\n")));
    CHECK_FALSE(same(schema("  r: optional record {\n    x: number\n  } ask \"R?\"\n"),
                     schema("  r: optional record {\n    x: number ask \"R?\"\n  }\n")));
}
