// Definitions: named concepts that rules use and explanations show by name.
#include "support.hpp"

using kt::Strings;

namespace {

const char* const chips_to_cn = R"({"id": "D1", "date": "2023-03-01", "destination": "CN",
  "items": [{"code": "1A001"}, {"code": "3B001.f.1", "params": {"node_nm": 7}}],
  "parties": [{"role": "consignee", "country": "HK"}, {"role": "end_user", "country": "RU", "name": "Example LLC"}]})";

// A rule through a definition without parameters (remembered per case).
const char* const russia_ban = R"R(
def russia_bound =
  case.destination == "RU" or any party in case.parties: party.country == "RU"

rule ban
  goal sanctions
  basis "Reg. 833/2014 Art. 2"
  when russia_bound
  then prohibited "the shipment reaches Russia"
)R";

} // namespace

TEST_CASE("a definition without parameters is evaluated and shown by name in the reason") {
    auto rules = kt::load(kt::module_t(russia_ban));
    auto j = kt::decide_json(rules, chips_to_cn);
    CHECK(j["verdict"] == "prohibited");
    auto reason = kt::entry(j["applied"], "t.ban")["reason"];
    CHECK(reason["expr"] == "russia_bound");
    CHECK(reason["value"] == true);
    CHECK(reason["definition"] == "t.russia_bound");
    // The body of the definition, with the part of the `or` that held and its witness.
    REQUIRE(reason["parts"].size() == 1);
    auto body = reason["parts"][0];
    REQUIRE(body["parts"].size() == 1);
    CHECK(body["parts"][0]["expr"] == "any party in case.parties: party.country == \"RU\"");
    CHECK(body["parts"][0]["witness"] == kt::witness("parties[1]", "name", "Example LLC"));
}

TEST_CASE("a definition with parameters is evaluated for each element it is called with") {
    auto rules = kt::load(kt::module_t(R"R(
def advanced_node(item) =
  known(item.params.node_nm) and item.params.node_nm <= 16

rule advanced
  goal tech_leadership
  basis "Framework goal 3"
  when any item in case.items: advanced_node(item)
  then escalate "item {item.code} is made on an advanced node"
)R"));
    auto j = kt::decide_json(rules, chips_to_cn);
    CHECK(j["verdict"] == "escalate");
    auto applied = kt::entry(j["applied"], "t.advanced");
    CHECK(applied["message"] == "item 3B001.f.1 is made on an advanced node");
    CHECK(applied["reason"]["witness"] == kt::witness("items[1]", "code", "3B001.f.1"));
    CHECK(applied["reason"]["parts"][0]["definition"] == "t.advanced_node");

    auto old_node = kt::decide(
        rules,
        R"({"date": "2023-03-01", "destination": "CN", "items": [{"params": {"node_nm": 28}}]})");
    CHECK(old_node.verdict() == kader::Verdict::allow);
}

TEST_CASE("definitions may use other definitions") {
    auto rules = kt::load(kt::module_t(R"R(
def like_minded = {"JP", "US", "KR"}
def outside_like_minded = not (case.destination in {"JP", "US", "KR"})
def lithography(item) = item.code under "3B001.f"
def sensitive = outside_like_minded and any item in case.items: lithography(item)

rule weigh
  goal strategic_dependency
  basis "Framework goal 2"
  when sensitive
  then escalate
)R"));
    auto cn = kt::decide_json(rules, chips_to_cn);
    CHECK(cn["verdict"] == "escalate");
    auto reason = kt::entry(cn["applied"], "t.weigh")["reason"];
    CHECK(reason["definition"] == "t.sensitive");
    auto body = reason["parts"][0];
    REQUIRE(body["parts"].size() == 2);
    CHECK(body["parts"][0]["definition"] == "t.outside_like_minded");

    auto jp = kt::decide(
        rules, R"({"date": "2023-03-01", "destination": "JP", "items": [{"code": "3B001.f.1"}]})");
    CHECK(jp.verdict() == kader::Verdict::allow);
}

TEST_CASE("a definition that depends on itself is an error when the rules load") {
    auto errors = kt::load_errors(kt::module_t(R"R(
def a = b and case.destination == "RU"
def b = c
def c = a

rule r
  goal end_use
  basis "Art. 1"
  when a
  then deny
)R"));
    CHECK_THAT(errors, Catch::Contains("depends on itself"));
    CHECK_THAT(errors, Catch::Contains("t.kader:"));
}

TEST_CASE("a definition of an imported module is used under the module's last name") {
    auto common = R"R(module lib.common

def russia_bound = case.destination == "RU"
)R";
    auto rules = kader::RuleSet::from_strings(
        {{"common.kader", common},
         {"t.kader", kt::module_t("import lib.common\n\nrule ban\n  goal sanctions\n  basis \"Art. "
                                  "2\"\n  when common.russia_bound\n  then prohibited\n")}},
        false);
    INFO(rules.diagnostics().size());
    REQUIRE(rules.ok());
    CHECK(rules->modules() == Strings{"lib.common", "t"});
    auto j =
        kt::decide_json(*rules, R"({"date": "2023-03-01", "destination": "RU", "items": [{}]})");
    CHECK(j["verdict"] == "prohibited");
    CHECK(kt::entry(j["applied"], "t.ban")["reason"]["definition"] == "lib.common.russia_bound");
}

TEST_CASE("a definition evaluated once per case gives the same answer to every rule") {
    // Definitions without parameters are memoised per case; a second case
    // must not see the first case's value.
    auto rules = kt::load(kt::module_t(R"R(
def to_russia = case.destination == "RU"

rule a
  goal sanctions
  basis "Art. 1"
  when to_russia
  then prohibited

rule b
  goal end_use
  basis "Art. 2"
  when not to_russia
  then license_required
)R"));
    CHECK(kt::decide(rules, R"({"date": "2023-03-01", "destination": "RU", "items": [{}]})")
              .applied_rules() == Strings{"t.a"});
    CHECK(kt::decide(rules, R"({"date": "2023-03-01", "destination": "CN", "items": [{}]})")
              .applied_rules() == Strings{"t.b"});
}

TEST_CASE("decisions of two rule sets in turn on one thread keep their definitions apart") {
    // A thread decides in one workspace, whatever the rule set: the memos of
    // one rule set's definitions must never answer for another's.
    auto one = kt::load(kt::module_t(R"R(
def to_russia = case.destination == "RU"

rule a
  goal sanctions
  basis "Art. 1"
  when to_russia
  then prohibited
)R"));
    auto two = kt::load(kt::module_t(R"R(
def to_china = case.destination == "CN"
def to_iran = case.destination == "IR"
def to_russia = case.destination == "RU"

rule b
  goal end_use
  basis "Art. 2"
  when to_china or to_iran
  then license_required

rule c
  goal end_use
  basis "Art. 3"
  when not to_russia
  then escalate
)R"));
    const char* russia = R"({"date": "2023-03-01", "destination": "RU", "items": [{}]})";
    const char* china = R"({"date": "2023-03-01", "destination": "CN", "items": [{}]})";
    for (int round = 0; round < 2; ++round) {
        CHECK(kt::decide(one, russia).applied_rules() == Strings{"t.a"});
        CHECK(kt::decide(two, russia).applied_rules() == Strings{});
        CHECK(kt::decide(two, china).applied_rules() == Strings{"t.c", "t.b"}); // by severity
        CHECK(kt::decide(one, china).applied_rules() == Strings{});
    }
}

// Each thread keeps the evaluator's working room (its stack, the values of
// definitions without parameters, the paths) from one decision to the next:
// nothing of one decision may show in the next.
TEST_CASE("decisions one after another share no remembered values") {
    auto rules = kt::load(kt::module_t(russia_ban));
    // A case with more parties than the room a thread keeps, then small ones.
    std::string many =
        R"({"date": "2023-03-01", "destination": "NL", "items": [{"code": "1A001"}], "parties": [)";
    for (int i = 0; i < 5000; ++i)
        many += R"({"role": "consignee", "country": "DE"},)";
    many += R"({"role": "end_user", "country": "RU", "name": "Last LLC"}]})";
    auto first = kt::decide_json(rules, many);
    CHECK(first["verdict"] == "prohibited");
    CHECK(first["applied"][0]["reason"]["parts"][0]["parts"][0]["witness"] ==
          kt::witness("parties[5000]", "name", "Last LLC"));
    CHECK(kt::decide(rules,
                     R"({"date": "2023-03-01", "destination": "NL", "items": [{"code": "1A001"}]})")
              .verdict() == kader::Verdict::allow);
    CHECK(kt::decide(rules, chips_to_cn).verdict() == kader::Verdict::prohibited);
    CHECK(kt::decide(rules,
                     R"({"date": "2023-03-01", "destination": "CN", "items": [{"code": "1A001"}]})")
              .verdict() == kader::Verdict::allow);
}
