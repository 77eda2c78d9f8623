// `kader test` reads its test files strictly: a test that checks nothing must
// not pass. Unknown keys, rule ids, obligations and verdicts are errors with
// a suggestion, at the file's line and column, and the summary counts the
// tests that did not run.
#include "support.hpp"

namespace {

const char* const rules = R"R(module t

schema case {
  date: date
  destination: country
}

rule ru
  goal sanctions
  basis "Art. 2"
  when case.destination == "RU"
  then prohibited
  oblige no_russia_clause "put the clause in the contract"
)R";

const char* const ru_case = R"({"date": "2023-03-01", "destination": "RU"})";

// Runs `kader test` on one test file holding `tests`.
kt::Run kader_test(kt::TempDir& dir, const std::string& file_text) {
    dir.write("t.kader", rules);
    dir.write("case.json", ru_case);
    dir.write("t.test.json", file_text);
    return kt::shell("cd " + kt::quoted(dir.path()) + " && " + kt::quoted(KADER_BINARY) +
                     " test --no-stdlib -r t.kader t.test.json");
}

} // namespace

TEST_CASE("kader test refuses a misspelt key instead of dropping its expectation") {
    kt::TempDir dir;
    // Without the strict reading, "aplies" was ignored and this test passed.
    auto r = kader_test(dir, R"({"tests": [
  {"name": "misspelt", "case_file": "case.json", "verdict": "prohibited",
   "aplies": ["t.nothing"]},
  {"name": "fine", "case_file": "case.json", "verdict": "prohibited", "applies": ["t.ru"]}
]})");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("t.test.json:3:14: error[K0802]: tests[0] \"misspelt\": "
                                      "unknown key `aplies`\n"
                                      "     \"aplies\": [\"t.nothing\"]},\n"
                                      "               ^\n"
                                      "help: did you mean `applies`?"));
    CHECK_THAT(r.out,
               Catch::StartsWith("1 passed, 0 failed, 1 not run (errors in the test files)"));
}

TEST_CASE("kader test names unknown rules, obligations and verdicts with a suggestion") {
    kt::TempDir dir;
    auto r = kader_test(dir, R"({"tests": [
  {"name": "names", "case_file": "case.json", "verdict": "prohibit",
   "applies": ["t.rv"], "obligations": ["no_russia_claus"]}
]})");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("t.test.json:2:58: error[K0803]: tests[0] \"names\": "
                                      "`verdict` must be one of allow, license_required, "
                                      "escalate, deny, prohibited\n") &&
                          Catch::Contains("help: did you mean `prohibited`?"));
    CHECK_THAT(r.err, Catch::Contains("t.test.json:3:16: error[K0806]: tests[0] \"names\": no "
                                      "rule `t.rv` in the rule set\n") &&
                          Catch::Contains("help: did you mean `t.ru`?"));
    CHECK_THAT(r.err, Catch::Contains("t.test.json:3:41: error[K0806]: tests[0] \"names\": no "
                                      "obligation `no_russia_claus` in the rule set\n") &&
                          Catch::Contains("help: did you mean `no_russia_clause`?"));
    CHECK_THAT(r.out, Catch::StartsWith("0 passed, 0 failed, 1 not run"));
}

TEST_CASE("kader test reads test files as strictly as cases, with line and column") {
    kt::TempDir dir;
    auto syntax = kader_test(dir, "{\"tests\": [\n  {\"name\": \"x\",, }\n]}");
    CHECK(syntax.exit_code == 2);
    CHECK_THAT(syntax.err, Catch::StartsWith("t.test.json:2:16: error[K0107]: malformed JSON"));
    auto twice = kader_test(
        dir,
        R"({"tests": [{"name": "x", "name": "y", "case_file": "case.json", "verdict": "allow"}]})");
    CHECK(twice.exit_code == 2);
    CHECK_THAT(twice.err, Catch::Contains("the key \"name\" appears twice in this object"));
    auto top = kader_test(dir, R"({"tests": [], "comment": "x"})");
    CHECK(top.exit_code == 2);
    CHECK_THAT(top.err,
               Catch::Contains("t.test.json:1:26: error[K0802]: unknown key `comment` in a "
                               "test file"));
    auto both = kader_test(
        dir,
        R"({"tests": [{"name": "x", "case": {}, "case_file": "case.json", "verdict": "allow"}]})");
    CHECK_THAT(both.err, Catch::Contains("give the case inline (`case`) or as a file "
                                         "(`case_file`), not both"));
    auto missing = kader_test(
        dir, R"({"tests": [{"name": "x", "case_file": "nowhere.json", "verdict": "allow"}]})");
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.err, Catch::Contains("cannot read the case file nowhere.json"));
}

TEST_CASE("kader test passes and fails on the decision") {
    kt::TempDir dir;
    auto pass = kader_test(dir, R"({"tests": [
  {"name": "ru", "case_file": "case.json", "verdict": "prohibited", "applies": ["t.ru"],
   "obligations": ["no_russia_clause"], "incomplete": false}
]})");
    CHECK(pass.exit_code == 0);
    CHECK_THAT(pass.out, Catch::StartsWith("1 passed, 0 failed\nrule coverage: 100.0%"));
    auto fail = kader_test(dir, R"({"tests": [
  {"name": "wrong", "case": {"date": "2023-03-01", "destination": "NL"}, "verdict": "prohibited"}
]})");
    CHECK(fail.exit_code == 1);
    CHECK_THAT(fail.out, Catch::Contains("FAIL t.test.json:2:3: tests[0] \"wrong\"\n  verdict: "
                                         "expected prohibited, got allow"));
}

TEST_CASE("kader test refuses a case without a date and without as_of") {
    kt::TempDir dir;
    dir.write("t.kader", R"R(module t

schema case {
  date: optional date
  destination: country
}

rule ru
  goal sanctions
  basis "Art. 2"
  when case.destination == "RU"
  then prohibited
)R");
    dir.write("t.test.json", R"({"tests": [
  {"name": "dateless", "case": {"destination": "RU"}, "verdict": "prohibited"},
  {"name": "as of", "case": {"destination": "RU"}, "as_of": "2023-03-01", "verdict": "prohibited"}
]})");
    auto r = kt::shell("cd " + kt::quoted(dir.path()) + " && " + kt::quoted(KADER_BINARY) +
                       " test --no-stdlib -r t.kader t.test.json");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err,
               Catch::Contains("t.test.json:2:32: error[K0708]: the case has no `date` and no "
                               "as-of date was given"));
    CHECK_THAT(r.out, Catch::StartsWith("1 passed, 0 failed, 1 not run"));
}

TEST_CASE("kader test names a test file of the wrong shape, a missing case and an unreadable one") {
    kt::TempDir dir;
    auto shape = kader_test(dir, R"({"cases": []})");
    CHECK(shape.exit_code == 2);
    CHECK_THAT(shape.err, Catch::Contains("t.test.json:1:1: error[K0801]: a test file is a JSON "
                                          "object with a \"tests\" list"));
    auto missing = kader_test(dir, R"({"tests": [{"name": "no case", "verdict": "allow"}]})");
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.err, Catch::Contains("error[K0804]: tests[0] \"no case\": a test needs "
                                            "`case` or `case_file`"));
    auto unreadable = kader_test(
        dir, R"({"tests": [{"name": "gone", "case_file": "gone.json", "verdict": "allow"}]})");
    CHECK(unreadable.exit_code == 2);
    CHECK_THAT(unreadable.err, Catch::Contains("error[K0805]: tests[0] \"gone\": cannot read the "
                                               "case file"));
}
