// The verdict lattice allow < license_required < escalate < deny <
// prohibited: the overall verdict, one verdict per goal, obligations.
#include "support.hpp"

using kt::Strings;

namespace {

// One rule per verdict, each switched on by a flag of the same name.
const std::string one_rule_per_verdict = kt::module_t(R"R(
rule r_allow
  goal control_list
  basis "Art. 1"
  when "allow" in case.flags
  then allow "allowed"

rule r_license
  goal control_list
  basis "Art. 2"
  when "license_required" in case.flags
  then license_required "licence"

rule r_escalate
  goal end_use
  basis "Art. 3"
  when "escalate" in case.flags
  then escalate "escalate"

rule r_deny
  goal end_use
  basis "Art. 4"
  when "deny" in case.flags
  then deny "deny"

rule r_prohibited
  goal sanctions
  basis "Art. 5"
  when "prohibited" in case.flags
  then prohibited "prohibited"
)R");

std::string case_with_flags(const Strings& flags) {
    nlohmann::json c = {{"id", "C"},
                        {"date", "2023-03-01"},
                        {"destination", "CN"},
                        {"items", {{{"code", "1A001"}}}}};
    c["flags"] = flags;
    return c.dump();
}

} // namespace

TEST_CASE("the verdicts are ordered allow < license_required < escalate < deny < prohibited") {
    REQUIRE(kader::Verdict::allow < kader::Verdict::license_required);
    REQUIRE(kader::Verdict::license_required < kader::Verdict::escalate);
    REQUIRE(kader::Verdict::escalate < kader::Verdict::deny);
    REQUIRE(kader::Verdict::deny < kader::Verdict::prohibited);
    CHECK(std::string(kader::to_string(kader::Verdict::license_required)) == "license_required");
}

TEST_CASE("the overall verdict is the most severe verdict among the applied rules") {
    auto rules = kt::load(one_rule_per_verdict);
    const Strings order = {"allow", "license_required", "escalate", "deny", "prohibited"};
    // Every pair of verdicts: the more severe one wins, whichever rule comes first.
    for (std::size_t a = 0; a < order.size(); ++a)
        for (std::size_t b = 0; b < order.size(); ++b) {
            auto d = kt::decide_json(rules, case_with_flags({order[a], order[b]}));
            INFO(order[a] << " + " << order[b]);
            CHECK(d["verdict"] == order[std::max(a, b)]);
        }
    auto all = kt::decide(rules, case_with_flags(order));
    CHECK(all.verdict() == kader::Verdict::prohibited);
    CHECK(all.applied_rules() ==
          Strings{"t.r_prohibited", "t.r_deny", "t.r_escalate", "t.r_license", "t.r_allow"});
}

TEST_CASE("an applied allow rule does not lower a more severe verdict") {
    auto rules = kt::load(one_rule_per_verdict);
    auto d = kt::decide(rules, case_with_flags({"license_required", "allow"}));
    CHECK(d.verdict() == kader::Verdict::license_required);
}

TEST_CASE(
    "with no applicable rule the verdict is allow and the text says which rules were checked") {
    auto rules = kt::load(one_rule_per_verdict);
    auto d = kt::decide(rules, case_with_flags({}));
    CHECK(d.verdict() == kader::Verdict::allow);
    CHECK(d.applied_rules().empty());
    auto j = kt::json_of(d);
    CHECK(j["verdict"] == "allow");
    CHECK(j["applied"].empty());
    CHECK(j["incomplete"] == false);
    CHECK_THAT(d.to_text(), Catch::Contains("no rule applied; checked 5 rules in 1 module: t"));
}

TEST_CASE("each goal gets the verdict of its most severe applied rule") {
    auto rules = kt::load(one_rule_per_verdict);
    auto j = kt::decide_json(rules, case_with_flags({"license_required", "escalate", "deny"}));
    CHECK(j["verdict"] == "deny");
    CHECK(j["goals"] ==
          nlohmann::ordered_json::parse(R"({"end_use": "deny", "strategic_dependency": "allow",
        "tech_leadership": "allow", "sanctions": "allow", "control_list": "license_required"})"));
    auto text =
        kt::decide(rules, case_with_flags({"license_required", "escalate", "deny"})).to_text();
    // The goals above allow by severity; the rest in one line.
    CHECK_THAT(text, Catch::Contains("goals: end_use deny; control_list license_required; allow: "
                                     "strategic_dependency, tech_leadership, sanctions\n"));
}

TEST_CASE("every goal is reported, in the order of the design, even without rules") {
    auto rules = kt::load(one_rule_per_verdict);
    auto j = kt::decide_json(rules, case_with_flags({"prohibited"}));
    Strings goals;
    for (const auto& [goal, verdict] : j["goals"].items())
        goals.push_back(goal);
    CHECK(goals == Strings{"end_use", "strategic_dependency", "tech_leadership", "sanctions",
                           "control_list"});
    CHECK(j["goals"]["sanctions"] == "prohibited");
    CHECK(j["goals"]["strategic_dependency"] == "allow");
    CHECK(j["goals"]["tech_leadership"] == "allow");
}

TEST_CASE("applied rules are listed by severity, then by rule id") {
    auto rules = kt::load(kt::module_t(R"R(
rule b_licence
  goal control_list
  basis "Art. 1"
  when case.destination == "CN"
  then license_required

rule a_licence
  goal control_list
  basis "Art. 2"
  when case.destination == "CN"
  then license_required

rule c_escalate
  goal tech_leadership
  basis "Art. 3"
  when case.destination == "CN"
  then escalate

rule d_obligation
  goal end_use
  basis "Art. 4"
  when case.destination == "CN"
  oblige end_use_statement "obtain an end-use statement"
)R"));
    auto d = kt::decide(rules, R"({"date": "2023-03-01", "destination": "CN", "items": [{}]})");
    CHECK(d.applied_rules() ==
          Strings{"t.c_escalate", "t.a_licence", "t.b_licence", "t.d_obligation"});
    CHECK(kt::json_of(d)["applied"][3]["verdict"].is_null());
    // Rules whose ids run from the least severe verdict to the most: all turned round.
    auto each = kt::load(one_rule_per_verdict);
    auto all = kt::decide(
        each, case_with_flags({"allow", "license_required", "escalate", "deny", "prohibited"}));
    CHECK(all.applied_rules() ==
          Strings{"t.r_prohibited", "t.r_deny", "t.r_escalate", "t.r_license", "t.r_allow"});
    auto some = kt::decide(each, case_with_flags({"escalate", "allow", "prohibited"}));
    CHECK(some.applied_rules() == Strings{"t.r_prohibited", "t.r_escalate", "t.r_allow"});
}

TEST_CASE("obligations are collected from every applied rule") {
    auto rules = kt::load(kt::module_t(R"R(
rule licence
  goal control_list
  basis "Art. 3 Reg. 2021/821"
  when case.destination == "CN"
  then license_required "listed item"
  oblige end_use_statement "obtain an end-use statement"

rule clause
  goal sanctions
  basis "Art. 12g Reg. 833/2014"
  when case.destination != "RU"
  oblige no_russia_clause "the contract must forbid re-export to Russia"

rule not_applying
  goal sanctions
  basis "Art. 99"
  when case.destination == "RU"
  oblige never_seen "not applied"
)R"));
    auto j =
        kt::decide_json(rules, R"({"date": "2023-03-01", "destination": "CN", "items": [{}]})");
    CHECK(j["verdict"] == "license_required");
    REQUIRE(j["obligations"].size() == 2);
    CHECK(kt::column(j["obligations"], "obligation") ==
          Strings{"end_use_statement", "no_russia_clause"});
    CHECK(j["obligations"][0]["rule"] == "t.licence");
    CHECK(j["obligations"][0]["basis"] == "Art. 3 Reg. 2021/821");
    CHECK(j["obligations"][0]["message"] == "obtain an end-use statement");
    CHECK(j["obligations"][1]["rule"] == "t.clause");
    CHECK(j["obligations"][1]["basis"] == "Art. 12g Reg. 833/2014");
}

TEST_CASE("an obligation-only rule adds its obligation without changing the verdict") {
    auto rules = kt::load(kt::module_t(R"R(
rule clause
  goal sanctions
  basis "Art. 12g Reg. 833/2014"
  when case.destination == "KZ"
  oblige no_russia_clause "the contract must forbid re-export to Russia"
)R"));
    auto d = kt::decide(rules, R"({"date": "2024-04-01", "destination": "KZ", "items": [{}]})");
    CHECK(d.verdict() == kader::Verdict::allow);
    CHECK(d.applied_rules() == Strings{"t.clause"});
    auto j = kt::json_of(d);
    CHECK(j["goals"]["sanctions"] == "allow");
    CHECK(kt::column(j["obligations"], "obligation") == Strings{"no_russia_clause"});
}

TEST_CASE("an obligation imposed by several rules is listed once, from the first rule by id") {
    auto rules = kt::load(kt::module_t(R"R(
rule z_second
  goal end_use
  basis "Art. 2"
  when case.destination == "CN"
  oblige end_use_statement "statement (second)"

rule a_first
  goal control_list
  basis "Art. 1"
  when case.destination == "CN"
  then license_required
  oblige end_use_statement "statement (first)"

rule m_third
  goal end_use
  basis "Art. 3"
  when case.destination == "CN"
  oblige end_use_statement "statement (third)"
  oblige register_use "register"
)R"));
    auto j =
        kt::decide_json(rules, R"({"date": "2023-03-01", "destination": "CN", "items": [{}]})");
    CHECK(kt::column(j["obligations"], "obligation") ==
          Strings{"end_use_statement", "register_use"});
    CHECK(j["obligations"][0]["rule"] == "t.a_first");
    CHECK(j["obligations"][0]["message"] == "statement (first)");
    CHECK(j["obligations"][1]["rule"] == "t.m_third");
}
