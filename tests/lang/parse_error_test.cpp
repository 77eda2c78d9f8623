// Each mistake a policy author can make gets its message, at its place.
#include "lang/parser.hpp"
#include "tests/lang/support.hpp"

#include "kader_catch.hpp"

using namespace kader;
using kader::test::parse;
using Lines = std::vector<std::string>;

namespace {

// The first line of every diagnostic of a file named t.kader.
Lines errors_of(const std::string& text) {
    return test::headlines(parse(text).diags);
}

// Most mistakes here are syntax errors; the others name their code.
std::string error(const std::string& at, const std::string& message, Code code = Code::syntax) {
    return "t.kader:" + at + ": error[" + code_name(code) + "]: " + message;
}

const std::string rule_head = "module m\nrule r\n";

} // namespace

TEST_CASE("a broken module or import line") {
    const char* expected_module = "expected a module name such as `sanctions.russia`";
    CHECK(errors_of("module 1abc\n") == Lines{error("1:8", expected_module)});
    CHECK(errors_of("module a.\n") == Lines{error("1:10", "expected a name after `.`")});
    CHECK(errors_of("module a b\n") ==
          Lines{error("1:10", "unexpected text after the module name")});
    CHECK(errors_of("module m\n42\n") ==
          Lines{error("2:1", "unexpected text after the module name")});
    CHECK(errors_of("module m\nimport 7up\n") == Lines{error("2:8", expected_module)});
    CHECK(errors_of("module m\nimport\n") == Lines{error("3:1", expected_module)});
    CHECK(errors_of("module m\nimport a.b c\n") ==
          Lines{error("2:12", "unexpected text after the module name")});
}

TEST_CASE("a line that starts in column 1 must start a declaration") {
    CHECK(errors_of("module m\nfoo bar\n") ==
          Lines{error("2:1",
                      "expected a declaration (module, import, set, def, rule, table, schema)")});
}

TEST_CASE("a file without a module line") {
    auto p = parse("rule r\n  when true\n  then allow\n");
    CHECK(render(p.diags) ==
          "t.kader:1:1: error[K0202]: this file has no `module` line\n"
          "  rule r\n"
          "  ^\n"
          "help: start the file with `module NAME`, e.g. `module sanctions.russia`\n");
}

TEST_CASE("a file holds only one module") {
    CHECK(errors_of("module m\nmodule n\n") ==
          Lines{error("2:1", "a file holds one module", Code::second_module_line)});
}

TEST_CASE("an empty file or a file of only comments has no module line") {
    const Lines missing{error("1:1", "this file has no `module` line", Code::no_module_line)};
    CHECK(errors_of("") == missing);
    CHECK(errors_of("\n\n   \n") == missing);
    CHECK(errors_of("// just a comment\n/// and a doc comment\n") == missing);
}

TEST_CASE("text in quotes must close on its line") {
    CHECK(errors_of(rule_head + "  basis \"Reg. 833/2014\n  when true\n") ==
          Lines{error("3:23", "this text has no closing `\"` on its line")});
    CHECK(errors_of("module m\nset s = {\"AT\", \"BE}\n") ==
          Lines{error("2:20", "this text has no closing `\"` on its line")});
}

TEST_CASE("an unknown escape in text is reported at the backslash") {
    auto p = parse(rule_head + "  basis \"a\\qb\"\n");
    CHECK(render(p.diags) == "t.kader:3:11: error[K0204]: unknown escape `\\q` in text\n"
                             "    basis \"a\\qb\"\n"
                             "            ^~\n"
                             "help: write `\\\\` for a backslash, `\\\"` for a quote\n");
}

TEST_CASE("an unknown escape in a message is reported at the backslash") {
    auto p = parse(rule_head + "  then deny \"a\\qb\"\n");
    CHECK(test::headlines(p.diags) ==
          Lines{error("3:15", "unknown escape `\\q` in text", Code::unknown_escape)});
}

TEST_CASE("a date that is not in the calendar") {
    auto p = parse(rule_head + "  effective from 2023-02-30\n");
    CHECK(render(p.diags) ==
          "t.kader:3:18: error[K0205]: `2023-02-30` is not a date in the calendar\n"
          "    effective from 2023-02-30\n"
          "                   ^~~~~~~~~~\n"
          "help: dates are written YYYY-MM-DD, as in 2022-02-26\n");
    CHECK(errors_of("module m\ndef d = case.date < 2023-13-01\n") ==
          Lines{error("2:21", "`2023-13-01` is not a date in the calendar", Code::bad_date)});
    CHECK(errors_of("module m\ndef d = case.date < 2100-02-29\n") ==
          Lines{error("2:21", "`2100-02-29` is not a date in the calendar", Code::bad_date)});
    CHECK(errors_of("module m\ndef d = case.date < 2000-02-29\n").empty());
}

TEST_CASE("braces in a message must pair up") {
    CHECK(errors_of(rule_head + "  then deny \"item {item.code is listed\"\n") ==
          Lines{error("3:19", "this `{` in the message has no closing `}`", Code::unclosed_brace)});
    CHECK(errors_of(rule_head + "  then deny \"item } is listed\"\n") ==
          Lines{error("3:19", "this `}` in the message has no opening `{`", Code::unopened_brace)});
    CHECK(errors_of(rule_head + "  then deny \"{{literal}} and {case.id}\"\n").empty());
}

TEST_CASE("a broken hole in a message is reported inside the message") {
    CHECK(errors_of(rule_head + "  then deny \"item {a ==} is listed\"\n") ==
          Lines{error("3:24", "expected a value to compare with")});
    CHECK(errors_of(rule_head + "  oblige o \"see {x y}\"\n") ==
          Lines{error("3:20", "unexpected text after the expression")});
}

TEST_CASE("a broken expression") {
    auto def = [](const std::string& body) {
        return errors_of("module m\ndef d = " + body + "\n");
    };
    CHECK(def("(a") == Lines{error("3:1", "expected `)` to close the parenthesis")});
    CHECK(def("()") == Lines{error("2:10", "expected an expression inside the parentheses")});
    CHECK(def("known(") == Lines{error("3:1", "expected the fact to test inside `known(...)`")});
    CHECK(def("known x") == Lines{error("2:15", "expected `(` after `known`")});
    CHECK(def("f(a,)") == Lines{error("2:13", "expected an argument")});
    CHECK(def("case.") == Lines{error("2:14", "expected a field name after `.`")});
    CHECK(def("a == ") == Lines{error("3:1", "expected a value to compare with")});
    CHECK(def("{\"a\", b}") == Lines{error("2:15", "expected a text in double quotes")});
    CHECK(def("{\"a\" \"b\"}") ==
          Lines{error("2:14", "expected `,` or `}` to continue or close the list")});
    CHECK(def("a b") == Lines{error("2:11", "expected `and`, `or` or the end of the definition")});
}

TEST_CASE("a broken quantifier") {
    auto def = [](const std::string& body) {
        return errors_of("module m\ndef d = " + body + "\n");
    };
    CHECK(def("any in case.items: x") ==
          Lines{error("2:13",
                      "expected a name for each element, as in `any item in case.items: ...`")});
    CHECK(
        def("any x case.items: x") ==
        Lines{error("2:15",
                    "expected `in` after the element name, as in `any item in case.items: ...`")});
    CHECK(def("any x in : x") ==
          Lines{error("2:18", "expected the list to go through, such as `case.items`")});
    CHECK(def("any x in case.items x") ==
          Lines{error("2:29",
                      "expected `:` before the condition, as in `any item in case.items: ...`")});
    CHECK(def("any x in case.items:") == Lines{error("3:1", "expected a condition after `:`")});
}

TEST_CASE("a logical operator without its condition") {
    auto def = [](const std::string& body) {
        return errors_of("module m\ndef d = " + body + "\n");
    };
    CHECK(def("not") == Lines{error("3:1", "expected a condition after `not`")});
    CHECK(def("a and") == Lines{error("3:1", "expected a condition after `and`")});
    CHECK(def("a or") == Lines{error("3:1", "expected a condition after `or`")});
    CHECK(def("a and or b") == Lines{error("2:15", "expected a condition after `and`")});
}

TEST_CASE("then followed by something other than a verdict") {
    CHECK(errors_of("module m\n\nrule r\n  basis \"b\"\n  then maybe\n") ==
          Lines{error("5:8", "expected a verdict (allow, license_required, escalate, deny, "
                             "prohibited) after `then`")});
}

TEST_CASE("a broken rule line") {
    auto rule = [](const std::string& line) { return errors_of(rule_head + line + "\n"); };
    CHECK(rule("  goal 12") ==
          Lines{error("3:8", "expected a goal (end_use, strategic_dependency, tech_leadership, "
                             "sanctions, control_list) after `goal`")});
    CHECK(rule("  goal foo") == Lines{error("3:8", "unknown goal `foo`", Code::unknown_goal)});
    CHECK(rule("  basis 12") ==
          Lines{error("3:9", "expected the legal basis in double quotes after `basis`")});
    CHECK(rule("  effective 2022-01-01") ==
          Lines{error("3:13", "expected `from DATE` or `until DATE` after `effective`")});
    CHECK(rule("  effective from x") ==
          Lines{error("3:18", "expected a date (YYYY-MM-DD) after `from`")});
    CHECK(rule("  effective until x") ==
          Lines{error("3:19", "expected a date (YYYY-MM-DD) after `until`")});
    CHECK(rule("  exception of x") ==
          Lines{error("3:13", "expected `to` after `exception`, as in `exception to rule_name`")});
    CHECK(rule("  exception to 9x") ==
          Lines{error("3:16",
                      "expected a rule name such as `dual_use_ban` or `russia.dual_use_ban`")});
    CHECK(rule("  exception to russia.") == Lines{error("3:23", "expected a name after `.`")});
    CHECK(rule("  review x") ==
          Lines{error("3:10", "expected the point to review in double quotes after `review`")});
    CHECK(rule("  when") == Lines{error("4:1", "expected a condition after `when`")});
    CHECK(rule("  oblige \"x\"") ==
          Lines{error(
              "3:10",
              "expected the name of the obligation after `oblige`, such as `no_russia_clause`")});
    CHECK(rule("  foo") == Lines{error("3:3", "expected a rule line (goal, basis, effective, "
                                              "exception to, review, when, then, oblige)")});
    CHECK(errors_of("module m\nrule 1\n") ==
          Lines{error("2:6", "expected the rule's name after `rule`")});
}

TEST_CASE("a clause given twice is reported at the second one") {
    auto rule = [](const std::string& lines) { return errors_of(rule_head + lines); };
    CHECK(rule("  goal sanctions\n  goal end_use\n") ==
          Lines{error("4:8", "`goal` is given twice", Code::clause_twice)});
    CHECK(rule("  basis \"a\"\n  basis \"b\"\n") ==
          Lines{error("4:9", "`basis` is given twice", Code::clause_twice)});
    CHECK(rule("  effective from 2020-01-01\n  effective from 2021-01-01\n") ==
          Lines{error("4:18", "`effective from` is given twice", Code::clause_twice)});
    CHECK(rule("  effective until 2020-01-01 until 2021-01-01\n") ==
          Lines{error("3:36", "`effective until` is given twice", Code::clause_twice)});
    CHECK(rule("  review \"a\"\n  review \"b\"\n") ==
          Lines{error("4:10", "`review` is given twice", Code::clause_twice)});
    CHECK(rule("  exception to a\n  exception to b\n") ==
          Lines{error("4:16", "`exception to` is given twice", Code::clause_twice)});
    CHECK(rule("  when a\n  when b\n") ==
          Lines{error("4:8", "`when` is given twice", Code::clause_twice)});
    CHECK(rule("  then allow\n  then deny\n") ==
          Lines{error("4:3", "`then` is given twice", Code::clause_twice)});
    CHECK(errors_of("module m\ntable t\n  hit first\n  hit collect\n  | a | => verdict |\n") ==
          Lines{error("4:7", "`hit` is given twice", Code::clause_twice)});
}

TEST_CASE("a broken table") {
    auto table = [](const std::string& lines) { return errors_of("module m\ntable t\n" + lines); };
    CHECK(errors_of("module m\ntable 1\n") ==
          Lines{error("2:7", "expected the table's name after `table`")});
    CHECK(table("  hit last\n") ==
          Lines{error("3:7", "expected `first` or `collect` after `hit`")});
    CHECK(table("  goal sanctions\n") ==
          Lines{error("4:1", "expected the table header, such as `| column | => verdict |`")});
    CHECK(table("  | a b | => verdict |\n") ==
          Lines{error("3:7", "expected `|` to close the cell")});
    CHECK(table("  | a | => verdikt |\n") ==
          Lines{error("3:12", "expected `verdict` after `=>` in the table header")});
    CHECK(table("  | a | verdict |\n") ==
          Lines{error("4:1", "expected a column expression in the table header")});
    CHECK(table("  | a | => verdict |\n  | * | => deny |\n") ==
          Lines{error("4:5", "expected a cell: `-`, a value, or a comparison such as `< 16`")});
    CHECK(table("  | a | => verdict |\n  | < | => deny |\n") ==
          Lines{error("4:7", "expected a value to compare with")});
    CHECK(table("  | a | => verdict |\n  | true | => maybe |\n") ==
          Lines{error("4:15", "expected a verdict (allow, license_required, escalate, deny, "
                              "prohibited) after `=>`")});
    CHECK(table("  | a | => verdict |\n  | true | => deny\n") ==
          Lines{error("5:1", "expected `|` to close the cell")});
    CHECK(table("  | a | => verdict |\n  x\n") ==
          Lines{error("4:3", "expected a table row starting with `|`")});
}

TEST_CASE("a broken set") {
    CHECK(errors_of("module m\nset 1 = {}\n") ==
          Lines{error("2:5", "expected the set's name after `set`")});
    CHECK(errors_of("module m\nset none = {}\n") ==
          Lines{error("2:5", "expected the set's name after `set`")});
    CHECK(errors_of("module m\nset s {}\n") == Lines{error("2:7", "expected `=`")});
    CHECK(
        errors_of("module m\nset s = x\n") ==
        Lines{error("2:9", "expected a list such as `{\"RU\", \"BY\"}` or `load \"file.json\"`")});
    CHECK(errors_of("module m\nset s = load x\n") ==
          Lines{error("2:14", "expected the data file's path in double quotes after `load`")});
    CHECK(errors_of("module m\nset s = {\"a\"} x\n") ==
          Lines{error("2:15", "unexpected text after the set")});
    CHECK(errors_of("module m\nset s = {\"a\",\n") ==
          Lines{error("3:1", "expected a text in double quotes")});
}

TEST_CASE("a broken definition") {
    CHECK(errors_of("module m\ndef 1 = x\n") ==
          Lines{error("2:5", "expected the definition's name after `def`")});
    CHECK(errors_of("module m\ndef d(a, 1) = x\n") ==
          Lines{error("2:10", "expected a parameter name")});
    CHECK(errors_of("module m\ndef d(a = x\n") ==
          Lines{error("2:9", "expected `)` to close the parenthesis")});
    CHECK(errors_of("module m\ndef d x\n") == Lines{error("2:7", "expected `=`")});
    CHECK(errors_of("module m\ndef d =\n") ==
          Lines{error("3:1", "expected the expression that the definition names")});
}

TEST_CASE("a broken schema") {
    auto schema = [](const std::string& body) {
        return errors_of("module m\nschema s " + body + "\n");
    };
    const char* expected_type = "expected a type (string, number, boolean, date, country, code, "
                                "cn, enum {...}, list of T, record {...})";
    CHECK(errors_of("module m\nschema 1 {}\n") ==
          Lines{error("2:8", "expected the schema's name after `schema`")});
    CHECK(schema("x") == Lines{error("2:10", "expected `{` to open the schema's fields")});
    CHECK(schema("{} x") == Lines{error("2:13", "unexpected text after the schema")});
    CHECK(schema("{ a: enum {1} }") == Lines{error("2:21", "expected a name in the enum")});
    CHECK(schema("{ a: enum x }") ==
          Lines{error("2:20", "expected `{` to open the list of names")});
    CHECK(schema("{ a: list string }") ==
          Lines{error("2:20", "expected `of` after `list`, as in `list of string`")});
    CHECK(schema("{ a: string") == Lines{error("3:1", "expected a field (`name: type`) or `}`")});
    CHECK(schema("{ a: record x }") ==
          Lines{error("2:22", "expected `{` to open the record's fields")});
    CHECK(schema("{ a: foo }") == Lines{error("2:15", expected_type)});
    CHECK(schema("{ a: optional }") == Lines{error("2:24", expected_type)});
    CHECK(schema("{ a string }") == Lines{error("2:14", "expected `:` after the field name")});
    CHECK(schema("{ a: list of optional string }") ==
          Lines{error("2:23", "list elements cannot be optional", Code::optional_list_element)});
    CHECK(schema("{ a: nonempty string }") ==
          Lines{error("2:15", "only a list can be `nonempty`", Code::nonempty_not_list)});
}

TEST_CASE("several broken declarations are all reported, one error each") {
    auto p = parse("module m\n"
                   "rule a\n"
                   "  then maybe\n"
                   "rule b\n"
                   "  goal 12\n"
                   "set s = {x}\n"
                   "def ok = true\n"
                   "def d = (\n"
                   "\n"
                   "rule c\n"
                   "  when a and\n"
                   "  then allow\n");
    CHECK(test::headlines(p.diags) ==
          Lines{error("3:8", "expected a verdict (allow, license_required, escalate, deny, "
                             "prohibited) after `then`"),
                error("5:8", "expected a goal (end_use, strategic_dependency, tech_leadership, "
                             "sanctions, control_list) after `goal`"),
                error("6:10", "expected `,` or `}` to continue or close the list"),
                error("9:1", "expected an expression inside the parentheses"),
                error("12:3", "expected a condition after `and`")});
    // The declarations around the broken ones are still read.
    REQUIRE(p.module.defs.size() == 1);
    CHECK(p.module.defs[0].name == "ok");
}

TEST_CASE("errors found while building the AST do not stop the rest of the file") {
    auto p = parse("module m\n"
                   "rule r\n"
                   "  goal sanctions\n"
                   "  goal end_use\n"
                   "  effective from 2023-02-30\n"
                   "  basis \"a\\qb\"\n"
                   "  then deny \"{x\"\n");
    CHECK(test::headlines(p.diags) ==
          Lines{error("4:8", "`goal` is given twice", Code::clause_twice),
                error("5:18", "`2023-02-30` is not a date in the calendar", Code::bad_date),
                error("6:11", "unknown escape `\\q` in text", Code::unknown_escape),
                error("7:14", "this `{` in the message has no closing `}`", Code::unclosed_brace)});
}
