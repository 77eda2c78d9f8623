// Set membership, list membership, `under` for hierarchical codes, and sets
// loaded from JSON data files.
#include "support.hpp"

#include "lang/program.hpp"

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
    CHECK_FALSE(under_in_rule("3A0012", "3A001"));
    CHECK(under_in_rule("85423190", "8542"));
    CHECK(under_in_rule("85423190", "854231"));
    CHECK_FALSE(under_in_rule("8542", "854231"));
}

TEST_CASE("under a set asks whether any entry covers the code") {
    const std::string codes = R"({"3B001.f", "3A001.a", "8542", "ML11"})";
    CHECK(under_set_in_rule("3B001.f.1", codes));
    CHECK(under_set_in_rule("3B001.f", codes));
    CHECK_FALSE(under_set_in_rule("3B001", codes));
    CHECK_FALSE(under_set_in_rule("3B001.g", codes));
    CHECK_FALSE(under_set_in_rule("3A001.ab", codes));
    CHECK(under_set_in_rule("3A001.a.2", codes));
    CHECK_FALSE(under_set_in_rule("3A0012", R"({"3A001"})"));
    CHECK(under_set_in_rule("ML11.a", codes));
    CHECK(under_set_in_rule("85423190", codes));
    CHECK_FALSE(under_set_in_rule("85413190", codes));
    CHECK_FALSE(under_set_in_rule("8541", codes));
    // Entries of different lengths: the longest that covers is found too.
    CHECK(under_set_in_rule("85423190", R"({"84", "854231"})"));
    CHECK(under_set_in_rule("3B001.f.1.b", R"({"5A", "3B001.f.1"})"));
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
    CHECK_THAT(missing.diagnostics().front(),
               Catch::Contains("cannot read") && Catch::Contains("codes.json"));
    dir.write("codes.json", R"({"entries": "3B001"})");
    auto malformed = kader::RuleSet::load({dir.path().string()}, false);
    REQUIRE_FALSE(malformed.ok());
    CHECK_THAT(malformed.diagnostics().front(), Catch::Contains("must hold an array"));
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
