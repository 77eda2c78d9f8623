// Set membership, list membership, `under` for hierarchical codes, and sets
// loaded from JSON data files.
#include "support.hpp"

#include "lang/program.hpp"

#include <filesystem>
#include <fstream>

using kt::Strings;

namespace {

std::string rule_when(const std::string& condition, const std::string& declarations = "") {
    return kt::module_t(declarations +
                        "\nrule r\n  goal control_list\n  basis \"Art. 1\"\n  when " + condition +
                        "\n  then license_required \"{item.code}\"\n");
}

std::string with_code(const std::string& code) {
    return nlohmann::json{
        {"date", "2023-03-01"}, {"destination", "CN"}, {"items", {{{"code", code}}}}}
        .dump();
}

std::string with_cn(const std::string& cn) {
    return nlohmann::json{{"date", "2023-03-01"}, {"destination", "CN"}, {"items", {{{"cn", cn}}}}}
        .dump();
}

bool under_in_rule(const std::string& x, const std::string& y) {
    bool digits = x.find_first_not_of("0123456789") == std::string::npos;
    std::string field = digits ? "cn" : "code";
    auto rules =
        kt::load(rule_when("any item in case.items: item." + field + " under \"" + y + "\""));
    return kt::decide(rules, digits ? with_cn(x) : with_code(x)).verdict() ==
           kader::Verdict::license_required;
}

bool under_set_in_rule(const std::string& x, const std::string& entries) {
    bool digits = x.find_first_not_of("0123456789") == std::string::npos;
    std::string field = digits ? "cn" : "code";
    auto rules = kt::load(rule_when("any item in case.items: item." + field + " under codes",
                                    "set codes = " + entries + "\n"));
    return kt::decide(rules, digits ? with_cn(x) : with_code(x)).verdict() ==
           kader::Verdict::license_required;
}

} // namespace

TEST_CASE("in tests membership of a named set and of a set literal") {
    auto rules = kt::load(kt::module_t(R"R(
set embargoed = {"RU", "BY", "KP"}

rule named
  goal sanctions
  basis "Art. 1"
  when case.destination in embargoed
  then prohibited

rule literal
  goal end_use
  basis "Art. 2"
  when case.destination in {"CN", "HK"}
  then escalate

rule outside
  goal control_list
  basis "Art. 3"
  when case.destination not in {"JP", "US"}
  then license_required
)R"));
    auto by = kt::decide(rules, R"({"date": "2023-03-01", "destination": "BY", "items": [{}]})");
    CHECK(by.applied_rules() == Strings{"t.named", "t.outside"});
    auto hk = kt::decide(rules, R"({"date": "2023-03-01", "destination": "HK", "items": [{}]})");
    CHECK(hk.applied_rules() == Strings{"t.literal", "t.outside"});
    auto jp = kt::decide(rules, R"({"date": "2023-03-01", "destination": "JP", "items": [{}]})");
    CHECK(jp.applied_rules().empty());
}

TEST_CASE("in tests membership of a list of the case") {
    auto rules = kt::load(kt::module_t(R"R(
rule flagged
  goal end_use
  basis "Art. 1"
  when any p in case.parties: "prior_diversion" in p.flags
  then deny "{p.name} diverted goods before"

rule transit
  goal sanctions
  basis "Art. 2"
  when "RU" in case.transit
  then prohibited
)R"));
    auto j = kt::decide_json(
        rules,
        R"({"date": "2023-03-01", "destination": "KZ", "items": [{}], "transit": ["GE", "AM"],
        "parties": [{"role": "consignee", "country": "KZ", "name": "A", "flags": []},
                    {"role": "end_user", "country": "KZ", "name": "B", "flags": ["prior_diversion"]}]})");
    CHECK(kt::column(j["applied"]) == Strings{"t.flagged"});
    CHECK(j["applied"][0]["message"] == "B diverted goods before");
    auto via_ru = kt::decide(
        rules,
        R"({"date": "2023-03-01", "destination": "KZ", "items": [{}], "transit": ["RU"], "parties": []})");
    CHECK(via_ru.applied_rules() == Strings{"t.transit"});
}

TEST_CASE("dotted codes descend at dots") {
    CHECK(kader::code_under("3B001.f.1", "3B001.f"));
    CHECK(kader::code_under("3B001.f.1", "3B001"));
    CHECK(kader::code_under("3B001.f.1", "3B001.f.1"));
    CHECK(kader::code_under("ML11.a", "ML11"));
    CHECK_FALSE(kader::code_under("3B001.ab", "3B001.a"));
    CHECK_FALSE(kader::code_under("3A0012", "3A001"));
    CHECK_FALSE(kader::code_under("3B001", "3B001.f"));
    CHECK_FALSE(kader::code_under("3B002.f", "3B001"));
    CHECK_FALSE(kader::code_under("ML110", "ML11"));
}

TEST_CASE("digit-only codes descend digit by digit") {
    CHECK(kader::code_under("85423190", "8542"));
    CHECK(kader::code_under("85423190", "854231"));
    CHECK(kader::code_under("85423190", "85423190"));
    CHECK_FALSE(kader::code_under("8542", "85423190"));
    CHECK_FALSE(kader::code_under("85413190", "8542"));
}

TEST_CASE("under in a rule follows the code hierarchy") {
    CHECK(under_in_rule("3B001.f.1", "3B001.f"));
    CHECK(under_in_rule("3B001.f.1", "3B001"));
    CHECK(under_in_rule("3B001.f", "3B001.f"));
    CHECK_FALSE(under_in_rule("3B001.ab", "3B001.a"));
    // A case cannot hold "3A0012" (not a control-list code); the relation still refuses it.
    CHECK_FALSE(kader::code_under("3A0012", "3A001"));
    CHECK(under_in_rule("85423190", "8542"));
    CHECK(under_in_rule("85423190", "854231"));
    CHECK_FALSE(under_in_rule("8542", "854231"));
}

TEST_CASE("under a set asks whether any entry covers the code") {
    // One set holds one kind of code: control codes here, CN codes in `cns`.
    const std::string codes = R"({"3B001.f", "3A001.a", "ML11"})";
    const std::string cns = R"({"8542"})";
    CHECK(under_set_in_rule("3B001.f.1", codes));
    CHECK(under_set_in_rule("3B001.f", codes));
    CHECK_FALSE(under_set_in_rule("3B001", codes));
    CHECK_FALSE(under_set_in_rule("3B001.g", codes));
    CHECK_FALSE(under_set_in_rule("3A001.ab", codes));
    CHECK(under_set_in_rule("3A001.a.2", codes));
    CHECK(under_set_in_rule("ML11.a", codes));
    CHECK(under_set_in_rule("85423190", cns));
    CHECK_FALSE(under_set_in_rule("85413190", cns));
    CHECK_FALSE(under_set_in_rule("8541", cns));
    // Entries of different lengths: the longest that covers is found too.
    CHECK(under_set_in_rule("85423190", R"({"84", "854231"})"));
    CHECK(under_set_in_rule("3B001.f.1.b", R"({"5A002", "3B001.f.1"})"));
    // Only the lengths the entries have are looked up: every one of them is tried.
    const std::string gaps = R"({"84", "8542", "854231", "85423190"})";
    for (const char* code : {"84000000", "85420000", "85423100", "85423190"})
        CHECK(under_set_in_rule(code, gaps));
    for (const char* code : {"85000000", "85410000", "86423190", "83999999"})
        CHECK_FALSE(under_set_in_rule(code, gaps));
    // An entry of 63 bytes or more (one bit stands for them all).
    const std::string long_code = "1A001." + std::string(60, 'a');
    CHECK(under_set_in_rule(long_code + ".b", "{\"" + long_code + "\"}"));
    CHECK_FALSE(under_set_in_rule(long_code.substr(0, 64) + ".b", "{\"" + long_code + "\"}"));
}

TEST_CASE("a set is loaded from a JSON array in a data file") {
    kt::TempDir dir;
    dir.write("rules/t.kader", kt::module_t(R"R(
set annex_vii = load "data/annex-vii.json"

rule annex_vii_item
  goal sanctions
  basis "Reg. 833/2014 Annex VII"
  when case.destination == "RU" and any item in case.items: item.cn under annex_vii
  then prohibited "item {item.cn} is in Annex VII"
)R"));
    dir.write("rules/data/annex-vii.json", R"(["854231", "854232", "8471"])");
    auto rules = kader::RuleSet::load({(dir.path() / "rules").string()}, false);
    REQUIRE(rules.ok());
    auto j = kt::decide_json(
        *rules, R"({"date": "2023-03-01", "destination": "RU", "items": [{"cn": "85423190"}]})");
    CHECK(j["verdict"] == "prohibited");
    CHECK(j["applied"][0]["message"] == "item 85423190 is in Annex VII");
    CHECK(
        kt::decide(*rules,
                   R"({"date": "2023-03-01", "destination": "RU", "items": [{"cn": "85429000"}]})")
            .verdict() == kader::Verdict::allow);
}

TEST_CASE("a set is loaded from the entries of a JSON object in a data file") {
    kt::TempDir dir;
    dir.write("t.kader", kt::module_t(R"R(
set annex_iv = load "annex-iv.json"

rule listed_end_user
  goal sanctions
  basis "Reg. 833/2014 Annex IV"
  when any p in case.parties: p.name in annex_iv
  then prohibited "{p.name} is listed in Annex IV"
)R"));
    dir.write(
        "annex-iv.json",
        R"({"source": "Reg. 833/2014 Annex IV", "entries": ["Example Defence JSC", "Other LLC"]})");
    auto rules = kader::RuleSet::load({dir.path().string()}, false);
    REQUIRE(rules.ok());
    auto j = kt::decide_json(*rules, R"({"date": "2023-03-01", "destination": "AE", "items": [{}],
        "parties": [{"role": "end_user", "country": "AE", "name": "Example Defence JSC"}]})");
    CHECK(j["verdict"] == "prohibited");
    CHECK(j["applied"][0]["message"] == "Example Defence JSC is listed in Annex IV");
}

TEST_CASE("a data file that is missing or malformed is an error when the rules load") {
    kt::TempDir dir;
    dir.write("t.kader", kt::module_t(R"R(
set codes = load "codes.json"

rule r
  goal control_list
  basis "Art. 1"
  when any item in case.items: item.code under codes
  then license_required
)R"));
    auto missing = kader::RuleSet::load({dir.path().string()}, false);
    REQUIRE_FALSE(missing.ok());
    CHECK_THAT(kader::render(missing.diagnostics().front()),
               Catch::Contains("cannot read") && Catch::Contains("codes.json"));
    dir.write("codes.json", R"({"entries": "3B001"})");
    auto malformed = kader::RuleSet::load({dir.path().string()}, false);
    REQUIRE_FALSE(malformed.ok());
    // Reported where the mistake is, in the data file, with a note at the `load`.
    const kader::Diagnostic& d = malformed.diagnostics().front();
    CHECK(d.code == kader::Code::data_file_shape);
    CHECK(d.message ==
          R"(a data file holds an array of texts, or an object with an "entries" array)");
    CHECK_THAT(d.location.input, Catch::EndsWith("codes.json"));
    CHECK((d.location.line == 1 && d.location.column == 13));
    REQUIRE(d.related.size() == 1);
    CHECK(d.related[0].message == "loaded here");
    CHECK_THAT(d.related[0].location.input, Catch::EndsWith("t.kader"));
}

TEST_CASE("the contents of a data file are part of the fingerprint") {
    kt::TempDir dir;
    dir.write("t.kader", kt::module_t(R"R(
set codes = load "codes.json"

rule r
  goal control_list
  basis "Art. 1"
  when any item in case.items: item.code under codes
  then license_required
)R"));
    dir.write("codes.json", R"(["3B001"])");
    auto before = kader::RuleSet::load({dir.path().string()}, false);
    REQUIRE(before.ok());
    dir.write("codes.json", R"(["3B001", "3B002"])");
    auto after = kader::RuleSet::load({dir.path().string()}, false);
    REQUIRE(after.ok());
    CHECK(before->fingerprint() != after->fingerprint());
}

TEST_CASE("in with a list of records on its right is an error when the rules load") {
    // It could never hold: a text is not a record.
    auto errors = kt::load_errors(kt::module_t(R"R(
rule r
  goal end_use
  basis "Art. 1"
  when case.destination in case.parties
  then deny
)R"));
    CHECK_THAT(errors,
               Catch::Contains(
                   "`in` looks up a text in a list of texts, but `case.parties` holds records"));
    CHECK_THAT(errors, Catch::Contains("help: go through the list"));
}

// ---- values that can never match (docs/language.md, "Values that can never match")

TEST_CASE("valid codes, countries and typed sets check clean and decide") {
    auto rules = kt::load(kt::module_t(R"R(
set chips: cn = {"8542", "854231", "85423190"}
set equipment: code = {"3B001", "3B001.f.4", "3D007", "ML11.a", "X"}
set partners: country = {"GB", "US"}
set inferred = {"RU", "BY"}
set uses = {"military", "wmd"}

rule chips_to_russia
  goal sanctions
  basis "Art. 1"
  when case.destination in inferred
    and any item in case.items: item.cn under chips or item.cn == "84571010" or item.cn under "85"
  then prohibited

rule listed_equipment
  goal control_list
  basis "Art. 2"
  when case.destination not in partners
    and any item in case.items: item.code under equipment or item.code under "3B001.f"
      or item.code == "X.A.I.001" or item.code in {"ML22", "5A002.a"}
  then license_required

rule hostile
  goal end_use
  basis "Art. 3"
  when case.end_use in uses or "GB" in case.transit
  then deny
)R"));
    auto verdict = [&](const std::string& json) { return kt::decide(rules, json).verdict(); };
    CHECK(
        verdict(R"({"date": "2023-03-01", "destination": "RU", "items": [{"cn": "85423190"}]})") ==
        kader::Verdict::prohibited);
    CHECK(verdict(with_code("3B001.f.4.a")) == kader::Verdict::license_required);
    CHECK(verdict(with_code("X.B.I.001")) == kader::Verdict::license_required);
    CHECK(verdict(with_code("5A002.a")) == kader::Verdict::license_required);
}

TEST_CASE("literals that can never match are errors with advice") {
    auto errors = kt::load_errors(kt::module_t(R"R(
set annex_vii: cn = {"8457.10.10"}

rule r
  goal sanctions
  basis "Art. 1"
  when case.destination in {"RU", "UK"}
    or any item in case.items: item.cn == "RU" or item.code under "84571010"
      or item.cn in annex_vii or item.code == "3b001.f"
  then prohibited
)R"));
    CHECK_THAT(errors, Catch::Contains("\"UK\" is not an ISO 3166-1 alpha-2 country code"));
    CHECK_THAT(errors, Catch::Contains("help: the United Kingdom is GB"));
    CHECK_THAT(errors, Catch::Contains("`item.cn` can never be \"RU\": it is not a CN code"));
    CHECK_THAT(errors, Catch::Contains("help: it looks like a country code, not a CN code"));
    CHECK_THAT(errors,
               Catch::Contains(
                   "`item.code` is never under \"84571010\": it is not an EU control-list code"));
    CHECK_THAT(errors, Catch::Contains("help: it looks like a CN code, not a control code"));
    CHECK_THAT(errors, Catch::Contains("set `annex_vii` holds CN codes, but \"8457.10.10\" is "
                                       "not a CN code"));
    CHECK_THAT(errors,
               Catch::Contains("help: write CN codes without dots or spaces: \"84571010\""));
    CHECK_THAT(errors, Catch::Contains("help: did you mean \"3B001.f\"?"));
}

TEST_CASE("a set used as two types names its first use") {
    auto errors = kt::load_errors(kt::module_t(R"R(
set codes = {"3B001"}

rule r
  goal control_list
  basis "Art. 1"
  when any item in case.items: item.code under codes or item.cn in codes
  then license_required
)R"));
    CHECK_THAT(errors, Catch::Contains("set `codes` is used here as CN codes (with `item.cn`), but "
                                       "it was first used as EU control-list codes"));
    CHECK_THAT(errors,
               Catch::Contains("t.kader:35:48: note: first used as EU control-list codes with "
                               "`item.code` here\n"));
}

TEST_CASE("a bad entry of a data file is reported at its line and column there") {
    auto dir = std::filesystem::temp_directory_path() / "kader-set-types-test";
    std::filesystem::create_directories(dir);
    {
        std::ofstream(dir / "chips.json")
            << "{\n  \"source\": \"s\",\n  \"reliability\": \"r\",\n  \"entries\": [\n"
               "    \"854231\",\n    \"8542.32\"\n  ]\n}\n";
        std::ofstream(dir / "t.kader") << kt::module_t(R"R(
set chips = load "chips.json"

rule r
  goal sanctions
  basis "Art. 1"
  when any item in case.items: item.cn in chips
  then prohibited
)R");
    }
    auto run = kt::kader("check --no-stdlib -r " + kt::quoted(dir / "t.kader"));
    CHECK(run.exit_code != 0);
    CHECK_THAT(
        run.err + run.out,
        Catch::Contains("chips.json:6:5: error[K0501]: set `chips` holds CN codes, but \"8542.32\" "
                        "is not a CN code"));
    CHECK_THAT(run.err + run.out, Catch::Contains("    \"8542.32\""));
    std::filesystem::remove_all(dir);
}
