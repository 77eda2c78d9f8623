// Effective periods and evaluation "as of" a date.
#include "support.hpp"

using kt::Strings;

namespace {

const std::string dated_rules = kt::module_t(R"R(
rule from_rule
  goal sanctions
  basis "Reg. 2022/328"
  effective from 2022-02-26
  when case.destination == "RU"
  then prohibited "from 26 Feb 2022"

rule until_rule
  goal control_list
  basis "Reg. 428/2009"
  effective until 2021-09-08
  when case.destination == "RU"
  then license_required "until 8 Sep 2021"

rule window
  goal end_use
  basis "Transitional period"
  effective from 2022-02-26 until 2022-05-26
  when case.destination == "RU"
  then escalate "in the window"
)R");

std::string ru_on(const std::string& date) {
    return nlohmann::json{
        {"id", "T"}, {"date", date}, {"destination", "RU"}, {"items", {nlohmann::json::object()}}}
        .dump();
}

Strings applied_on(const std::string& date) {
    return kt::decide(kt::load(dated_rules), ru_on(date)).applied_rules();
}

} // namespace

TEST_CASE("a rule effective from a date does not apply the day before and applies on that day") {
    CHECK(applied_on("2022-02-25") == Strings{});
    CHECK(applied_on("2022-02-26") == Strings{"t.from_rule", "t.window"});
    CHECK(applied_on("2023-01-01") == Strings{"t.from_rule"});
}

TEST_CASE("a rule effective until a date applies on that day and not the day after") {
    CHECK(applied_on("2021-09-08") == Strings{"t.until_rule"});
    CHECK(applied_on("2021-09-09") == Strings{});
    CHECK(applied_on("2009-01-01") == Strings{"t.until_rule"});
}

TEST_CASE("a rule effective from one date until another applies on both ends only") {
    auto rules = kt::load(dated_rules);
    CHECK(kt::json_of(kt::decide(rules, ru_on("2022-05-26")))["goals"]["end_use"] == "escalate");
    CHECK(kt::json_of(kt::decide(rules, ru_on("2022-05-27")))["goals"]["end_use"] == "allow");
}

TEST_CASE("evaluation is as of the case's own date by default") {
    auto j = kt::decide_json(kt::load(dated_rules), ru_on("2022-03-01"));
    CHECK(j["as_of"] == "2022-03-01");
    CHECK(j["verdict"] == "prohibited");
}

TEST_CASE("an as-of date given by the caller replaces the case's date") {
    auto rules = kt::load(dated_rules);
    auto before = kt::decide_json(rules, ru_on("2022-03-01"), {.as_of = kader::Date{2021, 6, 1}});
    CHECK(before["as_of"] == "2021-06-01");
    CHECK(before["verdict"] == "license_required");
    CHECK(kt::column(before["applied"]) == Strings{"t.until_rule"});
    auto after = kt::decide_json(rules, ru_on("2021-06-01"), {.as_of = kader::Date{2022, 2, 26}});
    CHECK(after["as_of"] == "2022-02-26");
    CHECK(after["verdict"] == "prohibited");
}

TEST_CASE("an as-of date that is not in the calendar is an error, not a decision") {
    auto rules = kt::load(dated_rules);
    auto d =
        rules.evaluate(std::string_view(ru_on("2022-03-01")), {.as_of = kader::Date{2023, 2, 30}});
    REQUIRE_FALSE(d.ok());
    CHECK_THAT(kader::render(d.diagnostics().front()), Catch::Contains("2023-02-30"));
}

TEST_CASE("the full explanation says when a rule is outside its period") {
    auto rules = kt::load(dated_rules);
    auto j = kt::decide_json(rules, ru_on("2022-02-25"), {.as_of = {}, .full = true});
    auto from = kt::entry(j["not_applied"], "t.from_rule");
    CHECK(from["why"] == "not_in_effect");
    CHECK(from["effective_from"] == "2022-02-26");
    CHECK(from["effective_until"] == nullptr);
    auto until = kt::entry(j["not_applied"], "t.until_rule");
    CHECK(until["effective_from"] == nullptr);
    CHECK(until["effective_until"] == "2021-09-08");
    auto window = kt::entry(j["not_applied"], "t.window");
    CHECK(window["effective_from"] == "2022-02-26");
    CHECK(window["effective_until"] == "2022-05-26");
    auto text = kt::decide(rules, ru_on("2022-02-25"), {.as_of = {}, .full = true}).to_text();
    CHECK_THAT(text, Catch::Contains(
                         "t.from_rule: not in effect on 2022-02-25 (effective from 2022-02-26)"));
}

TEST_CASE("a rule outside its period is neither applied nor undetermined") {
    // Its condition would be unknown (no end use), but the rule is not in force.
    auto rules = kt::load(kt::module_t(R"R(
rule old_catch_all
  goal end_use
  basis "Reg. 428/2009 Art. 4"
  effective until 2021-09-08
  when case.end_use == "military"
  then deny
)R"));
    auto j =
        kt::decide_json(rules, R"({"date": "2023-03-01", "destination": "CN", "items": [{}]})");
    CHECK(j["undetermined"].empty());
    CHECK(j["incomplete"] == false);
}

TEST_CASE("dates of the case compare with date literals") {
    auto rules = kt::load(kt::module_t(R"R(
rule prior_contract
  goal sanctions
  basis "Art. 2a(3)"
  when case.contract_date < 2022-02-26 and case.date <= 2022-05-27
  then license_required "contract of {case.contract_date}"
)R"));
    auto j = kt::decide_json(
        rules,
        R"({"date": "2022-04-01", "destination": "RU", "contract_date": "2021-12-01", "items": [{}]})");
    CHECK(j["verdict"] == "license_required");
    CHECK(j["applied"][0]["message"] == "contract of 2021-12-01");
    CHECK(
        kt::decide(
            rules,
            R"({"date": "2022-04-01", "destination": "RU", "contract_date": "2022-02-26", "items": [{}]})")
            .verdict() == kader::Verdict::allow);
}

TEST_CASE("the case's date in conditions stays the case's date when evaluated as of another day") {
    // `case.date` is a fact of the case; the as-of date only selects the rules in force.
    auto rules = kt::load(kt::module_t(R"R(
rule late
  goal end_use
  basis "Art. 1"
  when case.date >= 2023-01-01
  then escalate
)R"));
    CHECK(kt::decide(rules, ru_on("2023-06-01"), {.as_of = kader::Date{2020, 1, 1}}).verdict() ==
          kader::Verdict::escalate);
}
