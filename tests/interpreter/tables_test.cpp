// Decision tables: rows as rules, `hit first` and `hit collect`, cells.
#include "support.hpp"

using kt::Strings;

namespace {

const std::string diversion = kt::module_t(R"R(
def in_transit_country = any p in case.parties: p.role == "intermediary" and p.country in {"AE", "TR", "KZ", "HK"}
def supplies_russia = any p in case.parties: "supplies_russia" in p.flags

table diversion_risk
  goal end_use
  hit first
  basis "Answers to parliamentary questions, 12 Sep 2022"
  | in_transit_country | supplies_russia | => verdict                                  |
  | true               | true            | => deny "substantial diversion risk"        |
  | true               | -               | => escalate "intermediary in a transit country" |
  | -                  | true            | => escalate "a party supplies Russia"       |
)R");

std::string parties(const std::string& intermediary_country, const std::string& flags) {
    return R"({"date": "2023-03-01", "destination": "CN", "items": [{}], "parties": [
        {"role": "intermediary", "country": ")" +
           intermediary_country + R"(", "flags": )" + flags + R"(},
        {"role": "end_user", "country": "CN", "flags": []}]})";
}

} // namespace

TEST_CASE("hit first: only the first matching row applies") {
    auto rules = kt::load(diversion);
    auto j = kt::decide_json(rules, parties("AE", R"(["supplies_russia"])"),
                             {.as_of = {}, .full = true});
    CHECK(j["verdict"] == "deny");
    CHECK(kt::column(j["applied"]) == Strings{"t.diversion_risk#1"});
    CHECK(j["applied"][0]["message"] == "substantial diversion risk");
    CHECK(j["applied"][0]["goal"] == "end_use");
    CHECK(j["applied"][0]["basis"] == "Answers to parliamentary questions, 12 Sep 2022");
    CHECK(kt::entry(j["not_applied"], "t.diversion_risk#2")["why"] == "earlier_row_applied");
    CHECK(kt::entry(j["not_applied"], "t.diversion_risk#2")["other"] == "t.diversion_risk#1");
    CHECK(kt::entry(j["not_applied"], "t.diversion_risk#3")["why"] == "earlier_row_applied");
    CHECK(kt::entry(j["not_applied"], "t.diversion_risk#3")["other"] == "t.diversion_risk#1");
}

TEST_CASE("hit first: a later row applies when the earlier rows do not match") {
    auto rules = kt::load(diversion);
    auto transit = kt::decide_json(rules, parties("TR", "[]"));
    CHECK(kt::column(transit["applied"]) == Strings{"t.diversion_risk#2"});
    CHECK(transit["verdict"] == "escalate");
    auto supplier = kt::decide_json(rules, parties("CN", R"(["supplies_russia"])"));
    CHECK(kt::column(supplier["applied"]) == Strings{"t.diversion_risk#3"});
    auto none = kt::decide_json(rules, parties("CN", "[]"), {.as_of = {}, .full = true});
    CHECK(none["verdict"] == "allow");
    CHECK(kt::entry(none["not_applied"], "t.diversion_risk#1")["failed"]["expr"] ==
          "in_transit_country");
}

TEST_CASE("hit collect: every matching row applies") {
    auto rules = kt::load(kt::module_t(R"R(
table screening
  goal end_use
  hit collect
  basis "Internal screening guidance"
  | case.destination | case.value_eur | => verdict                 |
  | "CN"             | -              | => license_required "China" |
  | -                | >= 1000000     | => escalate "high value"    |
  | "RU"             | -              | => prohibited "Russia"      |
)R"));
    auto j = kt::decide_json(
        rules,
        R"({"date": "2023-03-01", "destination": "CN", "value_eur": 2000000, "items": [{}]})");
    CHECK(kt::column(j["applied"]) == Strings{"t.screening#2", "t.screening#1"});
    CHECK(j["verdict"] == "escalate");
    auto low = kt::decide_json(
        rules, R"({"date": "2023-03-01", "destination": "CN", "value_eur": 10, "items": [{}]})");
    CHECK(kt::column(low["applied"]) == Strings{"t.screening#1"});
}

TEST_CASE("table cells compare, test membership and code hierarchy") {
    auto rules = kt::load(kt::module_t(R"R(
set like_minded = {"JP", "US", "KR"}
def node = case.items

table equipment
  goal tech_leadership
  hit collect
  basis "Framework goal 3"
  | case.destination | case.value_eur | case.end_use | => verdict                   |
  | in like_minded   | < 100          | -            | => allow "small, like-minded" |
  | not in like_minded | -            | != "civil"   | => escalate "non-civil use"   |
  | "CN"             | > 5            | "civil"      | => license_required "civil"  |
)R"));
    auto jp = kt::decide_json(
        rules,
        R"({"date": "2023-03-01", "destination": "JP", "value_eur": 10, "end_use": "civil", "items": [{}]})");
    CHECK(kt::column(jp["applied"]) == Strings{"t.equipment#1"});
    auto cn_military = kt::decide_json(
        rules,
        R"({"date": "2023-03-01", "destination": "CN", "value_eur": 10, "end_use": "military", "items": [{}]})");
    CHECK(kt::column(cn_military["applied"]) == Strings{"t.equipment#2"});
    auto cn_civil = kt::decide_json(
        rules,
        R"({"date": "2023-03-01", "destination": "CN", "value_eur": 10, "end_use": "civil", "items": [{}]})");
    CHECK(kt::column(cn_civil["applied"]) == Strings{"t.equipment#3"});
}

TEST_CASE("a table cell can ask whether a code lies under another") {
    auto rules = kt::load(kt::module_t(R"R(
def first_code = any item in case.items: item.code under "3B001"

table listed
  goal control_list
  hit first
  basis "Annex I"
  | first_code | case.destination | => verdict                     |
  | true       | under "C"        | => license_required "listed"   |
)R"));
    // `under` on a text column compares at the hierarchy's boundaries: "CN" is not under "C".
    auto j = kt::decide_json(
        rules, R"({"date": "2023-03-01", "destination": "CN", "items": [{"code": "3B001.f"}]})");
    CHECK(j["applied"].empty());
}

TEST_CASE("the rows of a table are explained each as a rule of its own") {
    auto rules = kt::load(diversion);
    auto j = kt::decide_json(rules, parties("HK", "[]"));
    auto row = kt::entry(j["applied"], "t.diversion_risk#2");
    CHECK(row["verdict"] == "escalate");
    CHECK(row["reason"]["expr"] == "in_transit_country");
    CHECK(row["reason"]["value"] == true);
    CHECK(row["location"] == "t.kader:39:3");
}

TEST_CASE("a table's effective period applies to all its rows") {
    auto rules = kt::load(kt::module_t(R"R(
table ban
  goal sanctions
  hit collect
  basis "Reg. 2022/1904"
  effective from 2022-10-07
  | case.destination | => verdict   |
  | "RU"             | => prohibited |
  | "BY"             | => prohibited |
)R"));
    auto ru = R"({"date": "2022-10-06", "destination": "RU", "items": [{}]})";
    CHECK(kt::decide(rules, ru).verdict() == kader::Verdict::allow);
    CHECK(kt::decide(rules, ru, {.as_of = kader::Date{2022, 10, 7}}).verdict() ==
          kader::Verdict::prohibited);
}

TEST_CASE("hit first: a row with an unknown cell before a matching row is undetermined") {
    auto rules = kt::load(kt::module_t(R"R(
table weighing
  goal end_use
  hit first
  basis "Framework goal 1"
  | case.end_use | case.destination | => verdict          |
  | "military"   | "CN"             | => deny             |
  | -            | "CN"             | => license_required |
)R"));
    auto j =
        kt::decide_json(rules, R"({"date": "2023-03-01", "destination": "CN", "items": [{}]})");
    CHECK(kt::column(j["applied"]) == Strings{"t.weighing#2"});
    CHECK(kt::column(j["undetermined"]) == Strings{"t.weighing#1"});
    CHECK(j["incomplete"] == true);
    CHECK(kt::column(j["missing"], "path") == Strings{"end_use"});
}

TEST_CASE("hit first: rows after the matching row are not undetermined") {
    // They could never apply: the first row that matches has the say.
    auto rules = kt::load(kt::module_t(R"R(
table weighing
  goal end_use
  hit first
  basis "Framework goal 1"
  | case.destination | case.end_use | => verdict   |
  | "CN"             | -            | => escalate  |
  | "CN"             | "military"   | => deny      |
)R"));
    auto j = kt::decide_json(rules, R"({"date": "2023-03-01", "destination": "CN", "items": [{}]})",
                             {.as_of = {}, .full = true});
    CHECK(kt::column(j["applied"]) == Strings{"t.weighing#1"});
    CHECK(j["undetermined"].empty());
    CHECK(j["incomplete"] == false);
    CHECK(kt::entry(j["not_applied"], "t.weighing#2")["why"] == "earlier_row_applied");
    CHECK(kt::entry(j["not_applied"], "t.weighing#2")["other"] == "t.weighing#1");
}

TEST_CASE("hit collect: a row with an unknown cell is undetermined beside the rows that apply") {
    auto rules = kt::load(kt::module_t(R"R(
table weighing
  goal end_use
  hit collect
  basis "Framework goal 1"
  | case.destination | case.end_use | => verdict   |
  | "CN"             | -            | => escalate  |
  | "CN"             | "military"   | => deny      |
)R"));
    auto j =
        kt::decide_json(rules, R"({"date": "2023-03-01", "destination": "CN", "items": [{}]})");
    CHECK(kt::column(j["applied"]) == Strings{"t.weighing#1"});
    CHECK(kt::column(j["undetermined"]) == Strings{"t.weighing#2"});
    CHECK(j["incomplete"] == true);
}

TEST_CASE("a row whose cells are all `-` always matches") {
    auto rules = kt::load(kt::module_t(R"R(
table fallback
  goal control_list
  hit first
  basis "Art. 3"
  | case.destination | => verdict          |
  | "JP"             | => allow            |
  | -                | => license_required "all other destinations" |
)R"));
    CHECK(kt::decide(rules, R"({"date": "2023-03-01", "destination": "JP", "items": [{}]})")
              .applied_rules() == Strings{"t.fallback#1"});
    CHECK(kt::decide(rules, R"({"date": "2023-03-01", "destination": "BR", "items": [{}]})")
              .applied_rules() == Strings{"t.fallback#2"});
}

TEST_CASE("a table cell that its enum or country column can never equal is an error when the rules "
          "load") {
    // The same check as for `case.end_use == "militray"` in a rule's condition.
    auto errors = kt::load_errors(kt::module_t(R"R(
table weighing
  goal end_use
  hit first
  basis "Framework goal 1"
  | case.end_use | case.destination | => verdict |
  | "militray"   | "CN"             | => deny    |
  | "civil"      | "XX"             | => escalate |
)R"));
    CHECK_THAT(errors, Catch::Contains(
                           "t.kader:35:5: error[K0502]: `case.end_use` can never be \"militray\""));
    CHECK_THAT(errors, Catch::Contains("did you mean `military`?"));
    CHECK_THAT(
        errors,
        Catch::Contains(
            "t.kader:36:20: error[K0501]: \"XX\" is not an ISO 3166-1 alpha-2 country code"));
}
