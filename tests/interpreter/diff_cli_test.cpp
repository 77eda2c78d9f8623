// `kader diff` on the command line: changes of decisions grouped by cause,
// text by default and JSON on request; exit 0 when nothing changes, 1 when
// decisions differ, 2 for bad input.
#include "support.hpp"

#include <fstream>

namespace {

namespace fs = std::filesystem;

std::string cases_jsonl() {
    std::string out;
    for (const char* name : {"chips-ru-defence-via-hk-2022-11.json", "chips-us-partner-2024.json",
                             "chips-ru-defence-via-hk-2022-09.json", "encryption-ru-2022.json"}) {
        auto j =
            nlohmann::json::parse(kt::read_file(kt::source_dir() / "examples" / "cases" / name));
        out += j.dump() + "\n";
    }
    return out;
}

// The standard library as a rule folder, to change.
fs::path copy_stdlib(const kt::TempDir& dir, const std::string& name) {
    auto rules = dir.path() / name;
    fs::copy(kt::source_dir() / "stdlib-rules", rules, fs::copy_options::recursive);
    fs::remove_all(rules / "tests");
    return rules;
}

void edit_entries(const fs::path& file, const std::string& remove, const std::string& add) {
    auto data = nlohmann::ordered_json::parse(kt::read_file(file));
    auto& entries = data["entries"];
    if (!remove.empty()) entries.erase(std::find(entries.begin(), entries.end(), remove));
    if (!add.empty()) entries.push_back(add);
    std::ofstream(file) << data.dump(2);
}

} // namespace

TEST_CASE("kader diff: identical rule sets, exit 0", "[audit][diff][cli]") {
    kt::TempDir dir;
    auto cases = dir.write("cases.jsonl", cases_jsonl());
    auto a = copy_stdlib(dir, "a");
    auto r = kt::kader("diff --no-stdlib --old " + kt::quoted(a) + " --new " + kt::quoted(a) + " " +
                       kt::quoted(cases));
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out,
               Catch::StartsWith("4 cases decided with both rule sets: 0 decisions change, 0 "
                                 "in their verdict\n"));
    CHECK(r.out.find("by cause") == std::string::npos);
}

TEST_CASE("kader diff: changes grouped by the set entry that made them, exit 1",
          "[audit][diff][cli]") {
    kt::TempDir dir;
    auto cases = dir.write("cases.jsonl", cases_jsonl());
    auto before = copy_stdlib(dir, "before");
    auto after = copy_stdlib(dir, "after");
    edit_entries(after / "data" / "annex-vii-electronic-components-2022-1904.json", "854231", "");
    std::string args = "diff --no-stdlib --old " + kt::quoted(before) + " --new " +
                       kt::quoted(after) + " " + kt::quoted(cases);
    auto r = kt::kader(args);
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out,
               Catch::StartsWith("4 cases decided with both rule sets: 1 decision changes, 1 "
                                 "in its verdict\n"));
    CHECK_THAT(r.out, Catch::Contains("by cause, the most cases first (a case with several causes "
                                      "counts under each):\n"
                                      "  entry 854231 removed from set "
                                      "common.eighth_package_components "
                                      "(data/annex-vii-electronic-components-2022-1904.json)\n"
                                      "    moves 1 case: prohibited -> deny 1\n"
                                      "    for example line 1 (EX-02)\n"));
    CHECK_THAT(r.out, Catch::Contains("  line 1 (EX-02): prohibited -> deny\n"
                                      "    goal sanctions: prohibited -> allow\n"));

    auto json = kt::kader(args + " --format json");
    CHECK(json.exit_code == 1);
    auto j = nlohmann::ordered_json::parse(json.out);
    CHECK(j["cases"] == 4);
    CHECK(j["changed"] == 1);
    CHECK(j["verdicts_changed"] == 1);
    REQUIRE(j["groups"].size() == 1);
    CHECK(j["groups"][0]["cause"]["kind"] == "set_entry_removed");
    CHECK(j["groups"][0]["cause"]["entry"] == "854231");
    CHECK(j["groups"][0]["transitions"][0] ==
          nlohmann::ordered_json({{"transition", "prohibited -> deny"}, {"cases", 1}}));
    auto change = j["changes"][0]["change"];
    CHECK(j["changes"][0]["case"] == "EX-02");
    CHECK(change["verdict"] == nlohmann::ordered_json({{"from", "prohibited"}, {"to", "deny"}}));
    CHECK(change["rules_no_longer_applied"] ==
          nlohmann::ordered_json({"sanctions.russia.annex_vii_electronic_components"}));
}

TEST_CASE("kader diff: a moved effective date is the cause", "[audit][diff][cli]") {
    kt::TempDir dir;
    auto cases = dir.write("cases.jsonl", cases_jsonl());
    auto before = copy_stdlib(dir, "before");
    auto after = copy_stdlib(dir, "after");
    auto file = after / "sanctions" / "russia.kader";
    std::string text = kt::read_file(file);
    auto rule = text.find("rule annex_vii_electronic_components");
    auto date = text.find("effective from 2022-10-07", rule);
    REQUIRE(date != std::string::npos);
    text.replace(date, 25, "effective from 2022-09-01");
    std::ofstream(file) << text;
    auto r = kt::kader("diff --no-stdlib --old " + kt::quoted(before) + " --new " +
                       kt::quoted(after) + " " + kt::quoted(cases));
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Catch::Contains("  rule sanctions.russia.annex_vii_electronic_components: in "
                                      "effect from 2022-09-01, was from 2022-10-07\n"
                                      "    moves 1 case: deny -> prohibited 1\n"
                                      "    for example line 3 (EX-01)\n"));
}

TEST_CASE("kader diff: bad lines and bad arguments", "[audit][diff][cli]") {
    kt::TempDir dir;
    auto cases = dir.write("cases.jsonl", cases_jsonl() + "{\"id\": 3}\n");
    auto a = copy_stdlib(dir, "a");
    std::string rules = "--no-stdlib --old " + kt::quoted(a) + " --new " + kt::quoted(a);
    auto r = kt::kader("diff " + rules + " " + kt::quoted(cases));
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("cases.jsonl: line 5"));
    CHECK_THAT(r.out, Catch::StartsWith("4 cases decided"));
    for (std::string bad : {"diff --old " + kt::quoted(a) + " " + kt::quoted(cases),
                            "diff " + rules + " -r " + kt::quoted(a) + " " + kt::quoted(cases),
                            "diff " + rules + " --format yaml " + kt::quoted(cases),
                            "diff " + rules + " " + kt::quoted(dir.path() / "none.jsonl")}) {
        INFO(bad);
        CHECK(kt::kader(bad).exit_code == 2);
    }
}
