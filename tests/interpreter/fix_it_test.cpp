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
               Catch::Contains("s.kader:9:25: error: expected a rule line") &&
                   Catch::Contains("help: to compare, write `==`"));
    // `<=` and `>=` are comparisons: no such advice.
    CHECK_THAT(check_errors(head + "rule r\n  goal sanctions\n  basis \"b\"\n  when "
                                   "case.destination <= = \"RU\"\n  then prohibited\n"),
               !Catch::Contains("write `==`"));
}

TEST_CASE("a verdict one edit away") {
    CHECK_THAT(check_errors(head + "rule r\n  goal sanctions\n  basis \"b\"\n  when "
                                   "case.destination == \"RU\"\n  then prohibit\n"),
               Catch::Contains("s.kader:10:8: error: expected a verdict") &&
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
               Catch::Contains("s.kader:10:1: error: expected a declaration") &&
                   Catch::Contains("help: indent the lines that continue a declaration"));
}
