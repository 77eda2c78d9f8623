// Exceptions, exceptions to exceptions, and conflicts between exceptions.
#include "support.hpp"

using kt::Strings;

namespace {

const std::string annex_vii = kt::module_t(R"R(
rule annex_vii
  goal sanctions
  basis "Reg. 833/2014 Art. 2a"
  when case.destination == "RU" and any item in case.items: item.cn under "8542"
  then prohibited "item {item.cn} is in Annex VII"
  oblige no_russia_clause "forbid re-export to Russia"

rule prior_contracts
  exception to annex_vii
  basis "Reg. 833/2014 Art. 2a(3)"
  when case.contract_date < 2022-02-26
  then license_required "contract concluded before the prohibition"

rule humanitarian
  exception to annex_vii
  basis "Reg. 833/2014 Art. 2a(4)"
  when "humanitarian" in case.flags
  then license_required "humanitarian purposes"

rule suspended
  exception to prior_contracts
  basis "Licensing policy: Russia licences suspended"
  when "suspended" in case.flags
  then escalate "licences for Russia are suspended"

rule medical
  exception to annex_vii
  basis "Reg. 833/2014 Art. 2a(5)"
  when "medical" in case.flags
  then deny "medical exemption refused"
)R");

std::string ru_case(const std::string& extra) {
    return R"({"id": "E", "date": "2022-04-01", "destination": "RU", "items": [{"cn": "85423190"}])" +
           extra + "}";
}

} // namespace

TEST_CASE("an exception that applies replaces the conclusion of its base rule") {
    auto rules = kt::load(annex_vii);
    auto j = kt::decide_json(rules, ru_case(R"(, "contract_date": "2021-12-01", "flags": [])"));
    CHECK(j["verdict"] == "license_required");
    CHECK(j["goals"]["sanctions"] == "license_required");
    // Both are shown: the base rule applied, and the exception that overrode it.
    CHECK(kt::column(j["applied"]) == Strings{"t.annex_vii", "t.prior_contracts"});
    REQUIRE(j["overridden"].size() == 1);
    CHECK(j["overridden"][0]["rule"] == "t.annex_vii");
    CHECK(j["overridden"][0]["by"] == "t.prior_contracts");
    CHECK(j["overridden"][0]["location"] == "t.kader:30:1");
    CHECK_FALSE(j["overridden"][0].contains("conflict"));
    auto text =
        kt::decide(rules, ru_case(R"(, "contract_date": "2021-12-01", "flags": [])")).to_text();
    CHECK_THAT(text, Catch::Contains("prohibited t.annex_vii  [sanctions]  [overridden]"));
    CHECK_THAT(text, Catch::Contains("t.annex_vii by t.prior_contracts"));
}

TEST_CASE("an exception inherits the goal of its base rule") {
    auto j = kt::decide_json(kt::load(annex_vii),
                             ru_case(R"(, "contract_date": "2021-12-01", "flags": [])"));
    CHECK(kt::entry(j["applied"], "t.prior_contracts")["goal"] == "sanctions");
}

TEST_CASE("the obligations of an overridden rule are replaced along with its verdict") {
    // The design: the exception's conclusion (verdict and obligations)
    // replaces the base rule's. The exception here imposes none.
    auto j = kt::decide_json(kt::load(annex_vii),
                             ru_case(R"(, "contract_date": "2021-12-01", "flags": [])"));
    CHECK(j["obligations"].empty());
    auto base_only = kt::decide_json(kt::load(annex_vii),
                                     ru_case(R"(, "contract_date": "2022-03-01", "flags": [])"));
    CHECK(base_only["verdict"] == "prohibited");
    CHECK(kt::column(base_only["obligations"], "obligation") == Strings{"no_russia_clause"});
}

TEST_CASE("an exception whose base rule does not apply does not count") {
    auto rules = kt::load(annex_vii);
    // Not Russia-bound: the base rule fails, the exception's own condition holds.
    auto j = kt::decide_json(
        rules, R"({"date": "2022-04-01", "destination": "KZ", "contract_date": "2021-12-01",
        "items": [{"cn": "85423190"}], "flags": ["suspended"]})",
        {.as_of = {}, .full = true});
    CHECK(j["verdict"] == "allow");
    CHECK(j["applied"].empty());
    CHECK(j["overridden"].empty());
    CHECK(j["undetermined"].empty());
    auto prior = kt::entry(j["not_applied"], "t.prior_contracts");
    CHECK(prior["why"] == "exception_to_rule_not_applied");
    CHECK(prior["other"] == "t.annex_vii");
    auto suspended = kt::entry(j["not_applied"], "t.suspended");
    CHECK(suspended["why"] == "exception_to_rule_not_applied");
    CHECK(suspended["other"] == "t.prior_contracts");
}

TEST_CASE("an exception to an exception overrides the exception") {
    auto j = kt::decide_json(kt::load(annex_vii),
                             ru_case(R"(, "contract_date": "2021-12-01", "flags": ["suspended"])"));
    CHECK(j["verdict"] == "escalate");
    CHECK(kt::column(j["applied"]) == Strings{"t.annex_vii", "t.suspended", "t.prior_contracts"});
    CHECK(kt::column(j["overridden"]) == Strings{"t.annex_vii", "t.prior_contracts"});
    CHECK(kt::column(j["overridden"], "by") == Strings{"t.prior_contracts", "t.suspended"});
}

TEST_CASE("an exception to an exception does not count when the middle exception does not apply") {
    auto j = kt::decide_json(kt::load(annex_vii),
                             ru_case(R"(, "contract_date": "2022-03-01", "flags": ["suspended"])"));
    CHECK(j["verdict"] == "prohibited");
    CHECK(kt::column(j["applied"]) == Strings{"t.annex_vii"});
    CHECK(j["overridden"].empty());
}

TEST_CASE("two applicable exceptions that agree are no conflict") {
    auto j =
        kt::decide_json(kt::load(annex_vii),
                        ru_case(R"(, "contract_date": "2021-12-01", "flags": ["humanitarian"])"));
    CHECK(j["verdict"] == "license_required");
    REQUIRE(j["overridden"].size() == 1);
    CHECK_FALSE(j["overridden"][0].contains("conflict"));
    CHECK(j["overridden"][0]["all_by"] == Strings{"t.humanitarian", "t.prior_contracts"});
}

TEST_CASE(
    "two applicable exceptions that disagree are a flagged conflict and the more severe wins") {
    auto rules = kt::load(annex_vii);
    auto c = ru_case(R"(, "contract_date": "2022-03-01", "flags": ["humanitarian", "medical"])");
    auto j = kt::decide_json(rules, c);
    CHECK(j["verdict"] == "deny");
    CHECK(j["goals"]["sanctions"] == "deny");
    REQUIRE(j["overridden"].size() == 1);
    CHECK(j["overridden"][0]["rule"] == "t.annex_vii");
    CHECK(j["overridden"][0]["conflict"] == true);
    CHECK(j["overridden"][0]["all_by"] == Strings{"t.humanitarian", "t.medical"});
    CHECK_THAT(kt::decide(rules, c).to_text(),
               Catch::Contains("t.annex_vii by t.humanitarian, t.medical  [conflict: the "
                               "exceptions disagree; the most severe wins]"));
}

TEST_CASE("an exception outside its period does not override its base rule") {
    auto rules = kt::load(kt::module_t(R"R(
rule ban
  goal sanctions
  basis "Art. 2"
  when case.destination == "RU"
  then prohibited

rule wind_down
  exception to ban
  basis "Art. 2(3)"
  effective until 2022-05-26
  when case.destination == "RU"
  then license_required "wind-down period"
)R"));
    auto c = R"({"date": "2022-05-26", "destination": "RU", "items": [{}]})";
    CHECK(kt::decide(rules, c).verdict() == kader::Verdict::license_required);
    CHECK(kt::decide(rules, c, {.as_of = kader::Date{2022, 5, 27}}).verdict() ==
          kader::Verdict::prohibited);
}

TEST_CASE("an exception to an unknown rule is an error when the rules load") {
    auto errors = kt::load_errors(kt::module_t(R"R(
rule ban
  goal sanctions
  basis "Art. 2"
  when case.destination == "RU"
  then prohibited

rule wind_down
  exception to bann
  basis "Art. 2(3)"
  when case.destination == "RU"
  then license_required
)R"));
    CHECK_THAT(errors, Catch::Contains("`exception to` names an unknown rule `bann`"));
    CHECK_THAT(errors, Catch::Contains("did you mean `ban`?"));
}

TEST_CASE("exceptions that form a circle are an error when the rules load") {
    auto errors = kt::load_errors(kt::module_t(R"R(
rule a
  exception to b
  goal sanctions
  basis "Art. 1"
  when case.destination == "RU"
  then prohibited

rule b
  exception to a
  goal sanctions
  basis "Art. 2"
  when case.destination == "RU"
  then license_required
)R"));
    CHECK_THAT(errors, Catch::Contains("exceptions form a circle"));
}

TEST_CASE("an exception may be declared to a rule of an imported module") {
    std::string sanctions = kt::module_t(R"R(
rule ban
  goal sanctions
  basis "Reg. 833/2014 Art. 2"
  when case.destination == "RU"
  then prohibited "dual-use goods to Russia"
)R");
    // The schema lives in module t; the national module adds an exception.
    std::string national = R"R(module national.nl

import t

rule embassy_supplies
  exception to t.ban
  basis "Reg. 833/2014 Art. 2(4)(d): embassies"
  when "embassy" in case.flags
  then license_required "supplies for an EU embassy"
)R";
    auto rules =
        kader::RuleSet::from_strings({{"t.kader", sanctions}, {"nl.kader", national}}, false);
    std::string diagnostics;
    for (const auto& d : rules.diagnostics())
        diagnostics += kader::render(d);
    INFO(diagnostics);
    REQUIRE(rules.ok());
    auto j = kt::decide_json(
        *rules,
        R"({"date": "2023-03-01", "destination": "RU", "flags": ["embassy"], "items": [{}]})");
    CHECK(j["verdict"] == "license_required");
    CHECK(j["overridden"][0]["rule"] == "t.ban");
    CHECK(j["overridden"][0]["by"] == "national.nl.embassy_supplies");
    CHECK(kt::entry(j["applied"], "national.nl.embassy_supplies")["goal"] == "sanctions");
}
