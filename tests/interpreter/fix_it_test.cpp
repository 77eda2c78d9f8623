// The slips policy authors make most get the fix in their help line.
#include "support.hpp"

namespace {

std::string check_errors(const std::string& rules) {
    kt::TempDir dir;
    dir.write("s.kader", rules);
    auto r = kt::shell("cd " + kt::quoted(dir.path()) + " && " + kt::quoted(KADER_BINARY) +
                       " check --no-stdlib -r s.kader");
    CHECK(r.exit_code == 1);
    return r.err;
}

const std::string head = "module t\nschema case {\n  date: date\n  destination: country\n}\n";

} // namespace

TEST_CASE("`=` where `==` is meant") {
    CHECK_THAT(check_errors(head + "rule r\n  goal sanctions\n  basis \"b\"\n  when "
                                   "case.destination = \"RU\"\n  then prohibited\n"),
               Catch::Contains("s.kader:9:25: error[K0201]: expected a rule line") &&
                   Catch::Contains("help: to compare, write `==`"));
    // `<=` and `>=` are comparisons: no such advice.
    CHECK_THAT(check_errors(head + "rule r\n  goal sanctions\n  basis \"b\"\n  when "
                                   "case.destination <= = \"RU\"\n  then prohibited\n"),
               !Catch::Contains("write `==`"));
}

TEST_CASE("a verdict one edit away") {
    CHECK_THAT(check_errors(head + "rule r\n  goal sanctions\n  basis \"b\"\n  when "
                                   "case.destination == \"RU\"\n  then prohibit\n"),
               Catch::Contains("s.kader:10:8: error[K0201]: expected a verdict") &&
                   Catch::Contains("help: did you mean `prohibited`?"));
    CHECK_THAT(check_errors(head + "table t\n  goal sanctions\n  basis \"b\"\n"
                                   "  | case.destination | => verdict |\n"
                                   "  | \"RU\"             | => deni    |\n"),
               Catch::Contains("help: did you mean `deny`?"));
}

TEST_CASE("a continuation line in column 1") {
    CHECK_THAT(check_errors(head + "rule r\n  goal sanctions\n  basis \"b\"\n  when "
                                   "case.destination == \"RU\"\nand case.date > 2022-01-01\n"
                                   "  then prohibited\n"),
               Catch::Contains("s.kader:10:1: error[K0201]: expected a declaration") &&
                   Catch::Contains("help: indent the lines that continue a declaration"));
}

TEST_CASE("a keyword used as a name") {
    CHECK_THAT(
        check_errors(head + "rule when\n  goal sanctions\n  basis \"b\"\n  when "
                            "case.destination == \"RU\"\n  then prohibited\n"),
        Catch::Contains("s.kader:6:6: error[K0201]: expected the rule's name after `rule`") &&
            Catch::Contains("help: `when` is a keyword of the language and cannot be a "
                            "name; choose another, such as `when_rule`"));
}

TEST_CASE("a module of the rule set that is not imported") {
    kt::TempDir dir;
    dir.write("mine.kader", "module mine\n\nrule r\n  goal sanctions\n  basis \"b\"\n  when "
                            "common.russia_bound\n  then prohibited\n");
    auto r = kt::shell("cd " + kt::quoted(dir.path()) + " && " + kt::quoted(KADER_BINARY) +
                       " check -r mine.kader");
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err,
               Catch::Contains("mine.kader:6:8: error[K0306]: unknown name `common`: the module "
                               "`common` is not imported here\n") &&
                   Catch::Contains("help: add `import common` after the `module` line"));
}

TEST_CASE("a witness that is not available says how to restructure") {
    std::string rules = "module t\nschema case {\n  date: date\n  destination: country\n"
                        "  items: list of record {\n    cn: optional cn\n  }\n}\n"
                        "rule r\n  goal sanctions\n  basis \"b\"\n  when case.destination == "
                        "\"RU\" or any item in case.items: item.cn under \"8542\"\n"
                        "  then prohibited \"chip {item.cn}\"\n";
    CHECK_THAT(check_errors(rules),
               Catch::Contains("`item` cannot be shown in this message: it is bound under `or` "
                               "or `not`") &&
                   Catch::Contains("help: to name the value that made the rule apply, bind it "
                                   "with `any item in ...` in the `when` condition itself, "
                                   "joined to the rest by `and`"));
}
