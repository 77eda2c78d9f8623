// Quantifiers over the lists of a case: any, all, none, count, and the
// witness that decided them.
#include "support.hpp"

using kt::Strings;

namespace {

std::string rule_when(const std::string& condition, const std::string& message = "") {
    return kt::module_t("rule r\n  goal control_list\n  basis \"Art. 1\"\n  when " + condition +
                        "\n  then license_required" +
                        (message.empty() ? "" : " \"" + message + "\"") + "\n");
}

const char* const three_items = R"({"date": "2023-03-01", "destination": "CN",
  "items": [{"code": "1A001", "cn": "84561100"}, {"code": "3B001.f.1", "cn": "84862000"}, {"code": "3A001.a.2", "cn": "85423190"}]})";

nlohmann::ordered_json reason_of(const std::string& condition, const std::string& case_json,
                                 const std::string& message = "") {
    auto rules = kt::load(rule_when(condition, message));
    auto j = kt::decide_json(rules, case_json, {.as_of = {}, .full = true});
    if (!j["applied"].empty()) return j["applied"][0];
    return {};
}

} // namespace

TEST_CASE("any is true when one element holds, and names that element as witness") {
    auto applied = reason_of(R"(any item in case.items: item.code under "3B001")", three_items,
                             "item {item.code}");
    REQUIRE(applied.is_object());
    CHECK(applied["reason"]["value"] == true);
    CHECK(applied["reason"]["witness"] == kt::witness("items[1]", "code", "3B001.f.1"));
    CHECK(applied["message"] == "item 3B001.f.1");
}

TEST_CASE("any is false when no element holds") {
    auto rules = kt::load(rule_when(R"(any item in case.items: item.code under "5A002")"));
    auto j = kt::decide_json(rules, three_items, {.as_of = {}, .full = true});
    CHECK(j["applied"].empty());
    CHECK(kt::entry(j["not_applied"], "t.r")["failed"]["expr"] ==
          "any item in case.items: item.code under \"5A002\"");
}

TEST_CASE("the witness of any is the first element that holds") {
    auto applied =
        reason_of(R"(any item in case.items: item.cn under "84")", three_items, "{item.cn}");
    REQUIRE(applied.is_object());
    CHECK(applied["reason"]["witness"] == kt::witness("items[0]", "code", "1A001"));
    CHECK(applied["message"] == "84561100");
}

TEST_CASE("all is false when one element fails, and names that element as witness") {
    auto rules = kt::load(kt::module_t(R"R(
rule all_listed
  goal control_list
  basis "Art. 1"
  when not (all item in case.items: item.code under "3B001")
  then license_required "not every item is under 3B001"
)R"));
    auto j = kt::decide_json(rules, three_items);
    auto applied = kt::entry(j["applied"], "t.all_listed");
    auto all = applied["reason"]["parts"][0];
    CHECK(all["expr"] == "all item in case.items: item.code under \"3B001\"");
    CHECK(all["value"] == false);
    CHECK(all["witness"] == kt::witness("items[0]", "code", "1A001"));
}

TEST_CASE("all is true when every element holds") {
    auto applied = reason_of(R"(all item in case.items: known(item.cn))", three_items);
    REQUIRE(applied.is_object());
    CHECK(applied["reason"]["value"] == true);
}

TEST_CASE("none is true when no element holds and false on the first that does") {
    auto rules = kt::load(rule_when(R"(none item in case.items: item.code under "5A002")"));
    CHECK(kt::decide(rules, three_items).verdict() == kader::Verdict::license_required);
    auto holds = kt::load(kt::module_t(R"R(
rule r
  goal control_list
  basis "Art. 1"
  when not (none item in case.items: item.code under "3A001")
  then license_required
)R"));
    auto j = kt::decide_json(holds, three_items);
    CHECK(j["applied"][0]["reason"]["parts"][0]["witness"] ==
          kt::witness("items[2]", "code", "3A001.a.2"));
}

TEST_CASE("count counts the elements that hold") {
    auto two = kt::load(rule_when(R"((count item in case.items: item.cn under "84") == 2)"));
    CHECK(kt::decide(two, three_items).verdict() == kader::Verdict::license_required);
    auto three = kt::load(rule_when(R"((count item in case.items: item.cn under "84") >= 3)"));
    CHECK(kt::decide(three, three_items).verdict() == kader::Verdict::allow);
}

TEST_CASE("any over an empty list is false, all over an empty list is true") {
    const char* no_parties =
        R"({"date": "2023-03-01", "destination": "CN", "items": [{}], "parties": []})";
    auto any = kt::load(rule_when(R"(any p in case.parties: p.country == "RU")"));
    CHECK(kt::decide(any, no_parties).verdict() == kader::Verdict::allow);
    auto all = kt::load(rule_when(R"(all p in case.parties: p.country == "RU")"));
    CHECK(kt::decide(all, no_parties).verdict() == kader::Verdict::license_required);
    auto count = kt::load(rule_when(R"((count p in case.parties: p.country == "RU") == 0)"));
    CHECK(kt::decide(count, no_parties).verdict() == kader::Verdict::license_required);
}

TEST_CASE("any is true when one element holds even if another is unknown") {
    auto applied = reason_of(
        R"(any item in case.items: item.code under "3B001")",
        R"({"date": "2023-03-01", "destination": "CN", "items": [{}, {"code": "3B001.f"}]})",
        "{item.code}");
    REQUIRE(applied.is_object());
    CHECK(applied["reason"]["witness"] == kt::witness("items[1]", "code", "3B001.f"));
    CHECK(applied["message"] == "3B001.f");
}

TEST_CASE("any is unknown when no element holds and one is unknown") {
    auto rules = kt::load(rule_when(R"(any item in case.items: item.code under "3B001")"));
    auto j = kt::decide_json(
        rules, R"({"date": "2023-03-01", "destination": "CN", "items": [{"code": "1A001"}, {}]})");
    CHECK(j["applied"].empty());
    CHECK(kt::entry(j["undetermined"], "t.r")["missing"] == Strings{"items[1].code"});
    CHECK(j["incomplete"] == true);
}

TEST_CASE("all is false when one element fails even if another is unknown") {
    auto rules = kt::load(rule_when(R"(all item in case.items: item.code under "3B001")"));
    auto j = kt::decide_json(
        rules, R"({"date": "2023-03-01", "destination": "CN", "items": [{}, {"code": "1A001"}]})");
    CHECK(j["applied"].empty());
    CHECK(j["undetermined"].empty());
    CHECK(j["incomplete"] == false);
}

TEST_CASE("count is unknown when an element is unknown") {
    auto rules = kt::load(rule_when(R"((count item in case.items: item.code under "3B001") >= 1)"));
    auto j = kt::decide_json(
        rules, R"({"date": "2023-03-01", "destination": "CN", "items": [{"code": "1A001"}, {}]})");
    CHECK(kt::column(j["undetermined"]) == Strings{"t.r"});
}

TEST_CASE("nested quantifiers name the witness of each level in the message") {
    auto rules = kt::load(kt::module_t(R"R(
rule pair
  goal end_use
  basis "Art. 1"
  when any p in case.parties: p.role == "end_user" and any item in case.items: item.code under "3A001"
  then escalate "{item.code} for {p.name}"
)R"));
    auto j = kt::decide_json(rules, R"({"date": "2023-03-01", "destination": "CN",
        "items": [{"code": "1A001"}, {"code": "3A001.a.2"}],
        "parties": [{"role": "consignee", "country": "CN", "name": "A"}, {"role": "end_user", "country": "CN", "name": "B"}]})");
    auto applied = kt::entry(j["applied"], "t.pair");
    CHECK(applied["message"] == "3A001.a.2 for B");
    CHECK(applied["reason"]["witness"] == kt::witness("parties[1]", "name", "B"));
}

TEST_CASE("a quantifier over an absent optional list is unknown") {
    auto rules = kt::load(rule_when(R"(any p in case.parties: p.country == "RU")"));
    auto j =
        kt::decide_json(rules, R"({"date": "2023-03-01", "destination": "CN", "items": [{}]})");
    CHECK(kt::entry(j["undetermined"], "t.r")["missing"] == Strings{"parties"});
}
