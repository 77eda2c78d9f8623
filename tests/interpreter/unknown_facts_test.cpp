// Absent optional facts are unknown: Kleene logic, undetermined rules with
// the facts they miss, and incomplete decisions.
#include "support.hpp"

using kt::Strings;

namespace {

std::string rule_when(const std::string& condition, const std::string& verdict = "deny") {
    return kt::module_t("rule r\n  goal end_use\n  basis \"Art. 1\"\n  when " + condition +
                        "\n  then " + verdict + "\n");
}

// No end use, no flags, no parties, one item without code or parameters.
const char* const sparse =
    R"({"id": "U", "date": "2023-03-01", "destination": "CN", "items": [{}]})";

struct Outcome {
    Strings applied, undetermined;
};

Outcome outcome(const std::string& condition, const std::string& case_json = sparse) {
    auto j = kt::decide_json(kt::load(rule_when(condition)), case_json);
    return {kt::column(j["applied"]), kt::column(j["undetermined"])};
}

} // namespace

TEST_CASE("unknown and false is false") {
    auto o = outcome(R"(case.end_use == "military" and case.destination == "RU")");
    CHECK(o.applied.empty());
    CHECK(o.undetermined.empty());
    auto reversed = outcome(R"(case.destination == "RU" and case.end_use == "military")");
    CHECK(reversed.undetermined.empty());
}

TEST_CASE("unknown or true is true") {
    auto o = outcome(R"(case.end_use == "military" or case.destination == "CN")");
    CHECK(o.applied == Strings{"t.r"});
    CHECK(o.undetermined.empty());
    CHECK(outcome(R"(case.destination == "CN" or case.end_use == "military")").applied ==
          Strings{"t.r"});
}

TEST_CASE("unknown and true is unknown, unknown or false is unknown") {
    CHECK(outcome(R"(case.end_use == "military" and case.destination == "CN")").undetermined ==
          Strings{"t.r"});
    CHECK(outcome(R"(case.end_use == "military" or case.destination == "RU")").undetermined ==
          Strings{"t.r"});
}

TEST_CASE("not unknown is unknown") {
    auto o = outcome(R"(not (case.end_use == "civil"))");
    CHECK(o.applied.empty());
    CHECK(o.undetermined == Strings{"t.r"});
}

TEST_CASE("a comparison with an unknown fact is unknown, whichever the operator") {
    for (const char* condition :
         {R"(case.end_use == "civil")", R"(case.end_use != "civil")", "case.value_eur > 1000",
          "case.value_eur <= 1000", "case.contract_date < 2022-02-26", "case.licensed == true",
          R"(case.end_use in {"military", "wmd"})", R"(case.end_use not in {"civil"})",
          R"("x" in case.flags)", R"("x" not in case.flags)",
          R"(any item in case.items: item.code under "3B001")"}) {
        INFO(condition);
        CHECK(outcome(condition).undetermined == Strings{"t.r"});
    }
}

TEST_CASE("known() is true or false, never unknown") {
    CHECK(outcome("known(case.end_use)").applied.empty());
    CHECK(outcome("known(case.end_use)").undetermined.empty());
    CHECK(outcome("not known(case.end_use)").applied == Strings{"t.r"});
    CHECK(outcome("known(case.destination)").applied == Strings{"t.r"});
    CHECK(outcome("any item in case.items: not known(item.params.node_nm)").applied ==
          Strings{"t.r"});
}

TEST_CASE("an optional field given as null is unknown") {
    auto o = outcome(
        R"(case.end_use == "military" and case.destination == "CN")",
        R"({"date": "2023-03-01", "destination": "CN", "end_use": null, "items": [{"code": null}]})");
    CHECK(o.undetermined == Strings{"t.r"});
}

TEST_CASE("an undetermined rule lists the missing facts as JSON paths") {
    auto rules = kt::load(rule_when(R"(case.end_use == "military")"));
    auto j = kt::decide_json(rules, sparse);
    REQUIRE(j["undetermined"].size() == 1);
    CHECK(j["undetermined"][0]["rule"] == "t.r");
    CHECK(j["undetermined"][0]["could_conclude"] == "deny");
    CHECK(j["undetermined"][0]["missing"] == Strings{"end_use"});
}

TEST_CASE("a missing fact inside a list is named by its index and field path") {
    auto rules = kt::load(rule_when("any item in case.items: item.params.node_nm <= 16"));
    auto j = kt::decide_json(rules, R"({"date": "2023-03-01", "destination": "CN",
        "items": [{"params": {"node_nm": 28}}, {"params": {"layers": 200}}]})");
    CHECK(kt::entry(j["undetermined"], "t.r")["missing"] == Strings{"items[1].params.node_nm"});
}

TEST_CASE("a missing fact under an absent record is named by its full path") {
    // The officer must obtain the node size; that the whole `params` record
    // is absent is the same question.
    auto rules = kt::load(rule_when("any item in case.items: item.params.node_nm <= 16"));
    auto j = kt::decide_json(
        rules, R"({"date": "2023-03-01", "destination": "CN", "items": [{"code": "3A001"}, {}]})");
    CHECK(kt::entry(j["undetermined"], "t.r")["missing"] ==
          Strings{"items[0].params.node_nm", "items[1].params.node_nm"});
}

TEST_CASE("the missing facts are only those whose absence kept the rule undecided") {
    // The end use does not matter: the first part is false whatever it is.
    auto rules = kt::load(rule_when(
        R"((case.end_use == "military" and case.destination == "RU") or any item in case.items: item.code under "3B001")"));
    auto j = kt::decide_json(rules, sparse);
    CHECK(kt::entry(j["undetermined"], "t.r")["missing"] == Strings{"items[0].code"});
    CHECK(kt::column(j["missing"], "path") == Strings{"items[0].code"});
    // known() asks about a fact without needing it.
    auto with_known =
        kt::load(rule_when(R"(not known(case.value_eur) and case.end_use == "military")"));
    CHECK(kt::entry(kt::decide_json(with_known, sparse)["undetermined"], "t.r")["missing"] ==
          Strings{"end_use"});
}

TEST_CASE(
    "a decision is incomplete when an undetermined rule could conclude a more severe verdict") {
    auto rules = kt::load(kt::module_t(R"R(
rule listed
  goal control_list
  basis "Annex I"
  when case.destination == "CN"
  then license_required "listed"

rule military
  goal end_use
  basis "Art. 4"
  when case.end_use == "military"
  then deny "military end use"
)R"));
    auto d = kt::decide(rules, sparse);
    CHECK(d.verdict() == kader::Verdict::license_required);
    CHECK(d.incomplete());
    auto j = kt::json_of(d);
    CHECK(j["incomplete"] == true);
    CHECK(kt::column(j["missing"], "path") == Strings{"end_use"});
    auto text = d.to_text();
    CHECK_THAT(text, Catch::StartsWith("LICENSE_REQUIRED (incomplete) — Annex I"));
    CHECK_THAT(text, Catch::Contains(
                         "missing facts that could change the verdict, the most decisive first\n"
                         "  1. What is the end use: civil, military, wmd or unknown?  [end_use]\n"
                         "     could raise it to deny (t.military: deny)\n"));
    CHECK_THAT(text, Catch::Contains("t.military could conclude deny; missing: end_use"));
}

TEST_CASE(
    "a decision is not incomplete when the undetermined rules could not make it more severe") {
    auto rules = kt::load(kt::module_t(R"R(
rule listed
  goal control_list
  basis "Annex I"
  when case.destination == "CN"
  then escalate "listed"

rule same
  goal end_use
  basis "Art. 4"
  when case.end_use == "military"
  then escalate

rule milder
  goal end_use
  basis "Art. 5"
  when case.end_use == "civil"
  then license_required

rule only_obligation
  goal end_use
  basis "Art. 6"
  when case.end_use == "wmd"
  oblige end_use_statement "ask"
)R"));
    auto d = kt::decide(rules, sparse);
    CHECK(d.verdict() == kader::Verdict::escalate);
    CHECK_FALSE(d.incomplete());
    auto j = kt::json_of(d);
    CHECK(j["incomplete"] == false);
    CHECK_FALSE(j.contains("missing"));
    // Still reported as undetermined, most severe first, then by id.
    CHECK(kt::column(j["undetermined"]) == Strings{"t.same", "t.milder", "t.only_obligation"});
    CHECK(kt::entry(j["undetermined"], "t.only_obligation")["could_conclude"].is_null());
}

TEST_CASE("the missing facts of an incomplete decision are gathered from every rule that could "
          "raise it") {
    auto rules = kt::load(kt::module_t(R"R(
rule military
  goal end_use
  basis "Art. 4"
  when case.end_use == "military"
  then deny

rule advanced
  goal tech_leadership
  basis "Goal 3"
  when any item in case.items: item.params.node_nm <= 16
  then escalate

rule high_value
  goal strategic_dependency
  basis "Goal 2"
  when case.value_eur > 1000000
  then escalate
)R"));
    auto j = kt::decide_json(rules, sparse);
    CHECK(j["verdict"] == "allow");
    CHECK(j["incomplete"] == true);
    CHECK(kt::column(j["missing"], "path") ==
          Strings{"end_use", "items[0].params.node_nm", "value_eur"});
    CHECK(kt::column(j["undetermined"]) == Strings{"t.military", "t.advanced", "t.high_value"});
}

// A ban with an exception that lowers it: the prior-contract shape.
const char* const ban_with_exception = R"R(
rule ban
  goal sanctions
  basis "Art. 2"
  when case.destination == "RU"
  then prohibited

rule civil_use
  exception to ban
  basis "Art. 2(3)"
  when case.end_use == "civil"
  then license_required
)R";

TEST_CASE("an undetermined exception to a rule that does not apply is not reported") {
    auto rules = kt::load(kt::module_t(ban_with_exception));
    auto j = kt::decide_json(rules, sparse);
    CHECK(j["undetermined"].empty());
    // When the base rule applies, the undetermined exception is reported, and
    // the decision is incomplete: were the end use civil, the verdict would
    // drop to license_required.
    auto ru =
        kt::decide_json(rules, R"({"date": "2023-03-01", "destination": "RU", "items": [{}]})");
    CHECK(ru["verdict"] == "prohibited");
    CHECK(kt::column(ru["undetermined"]) == Strings{"t.civil_use"});
    CHECK(ru["incomplete"] == true);
    CHECK(kt::column(ru["missing"], "path") == Strings{"end_use"});
}

TEST_CASE("an undetermined exception that could not lower the verdict leaves it complete") {
    // Another rule concludes `prohibited` too: the exception would take away
    // one of two equal conclusions, so the verdict stays whatever the end use.
    auto rules = kt::load(kt::module_t(std::string(ban_with_exception) + R"R(
rule embargo
  goal end_use
  basis "Art. 4"
  when case.destination == "RU"
  then prohibited
)R"));
    auto ru =
        kt::decide_json(rules, R"({"date": "2023-03-01", "destination": "RU", "items": [{}]})");
    CHECK(ru["verdict"] == "prohibited");
    CHECK(kt::column(ru["undetermined"]) == Strings{"t.civil_use"});
    CHECK(ru["incomplete"] == false);
    CHECK(ru["missing"].empty());
}

TEST_CASE("an undetermined earlier row of a hit-first table that could lower the verdict makes "
          "the decision incomplete") {
    auto rules = kt::load(kt::module_t(R"R(
table screening
  goal end_use
  hit first
  basis "Art. 4"
  | case.end_use | case.destination | => verdict           |
  | "civil"      | -                | => allow             |
  | -            | "CN"             | => license_required  |
)R"));
    auto j = kt::decide_json(rules, sparse);
    CHECK(j["verdict"] == "license_required");
    CHECK(kt::column(j["applied"]) == Strings{"t.screening#2"});
    CHECK(kt::column(j["undetermined"]) == Strings{"t.screening#1"});
    CHECK(j["incomplete"] == true);
    CHECK(kt::column(j["missing"], "path") == Strings{"end_use"});
}

TEST_CASE(
    "an undetermined rule could conclude its own verdict, even when an exception to it holds") {
    // Conservative by choice: `could_conclude` is the rule's own verdict.
    // Were the end use military, the exception would turn the denial into a
    // licence requirement; the decision still asks for the end use, which is
    // what an officer needs either way ("not a wrong allow").
    auto rules = kt::load(kt::module_t(R"R(
rule military
  goal end_use
  basis "Art. 4"
  when case.end_use == "military"
  then deny

rule research
  exception to military
  basis "Art. 4(2)"
  when case.destination == "CN"
  then license_required
)R"));
    auto j = kt::decide_json(rules, sparse);
    CHECK(j["verdict"] == "allow");
    CHECK(j["incomplete"] == true);
    CHECK(kt::column(j["missing"], "path") == Strings{"end_use"});
    CHECK(kt::column(j["undetermined"]) == Strings{"t.military"});
    CHECK(kt::entry(j["undetermined"], "t.military")["could_conclude"] == "deny");
    CHECK(j["applied"].empty());
}

TEST_CASE("messages show unknown for absent facts") {
    auto rules = kt::load(kt::module_t(R"R(
rule r
  goal end_use
  basis "Art. 1"
  when case.destination == "CN"
  then escalate "end use {case.end_use}, value {case.value_eur}"
)R"));
    CHECK(kt::decide_json(rules, sparse)["applied"][0]["message"] ==
          "end use unknown, value unknown");
}

TEST_CASE("a missing fact says how far it could move the verdict, and which rules read it") {
    auto rules = kt::load(kt::module_t(ban_with_exception));
    auto ru =
        kt::decide_json(rules, R"({"date": "2023-03-01", "destination": "RU", "items": [{}]})");
    REQUIRE(ru["missing"].size() == 1);
    auto end_use = ru["missing"][0];
    CHECK(end_use["path"] == "end_use");
    // The exception would lower it; no rule reading it could raise it.
    CHECK(end_use["could_lower_to"] == "license_required");
    CHECK(end_use["could_raise_to"] == nullptr);
    CHECK(end_use["rules"] == Strings{"t.civil_use"});
    // Without an `ask` in the schema, a question made from the field.
    CHECK(end_use["question"] == "What is the end use: civil, military, wmd or unknown?");
    auto text = kt::decide(rules, R"({"date": "2023-03-01", "destination": "RU", "items": [{}]})")
                    .to_text();
    CHECK_THAT(text, Catch::Contains("  1. What is the end use: civil, military, wmd or unknown?  "
                                     "[end_use]\n     could lower it to license_required "
                                     "(t.civil_use: license_required)\n"));
}

TEST_CASE("missing facts are ranked by how far they could move the verdict, then by path") {
    auto rules = kt::load(kt::module_t(R"R(
rule advanced
  goal tech_leadership
  basis "Art. 1"
  when any item in case.items: item.params.node_nm <= 16
  then prohibited

rule military
  goal end_use
  basis "Art. 2"
  when case.end_use == "military"
  then license_required

rule valuable
  goal end_use
  basis "Art. 3"
  when case.value_eur > 1000
  then license_required
)R"));
    auto j = kt::decide_json(rules, sparse);
    CHECK(j["verdict"] == "allow");
    // node_nm could move allow to prohibited (four steps): first, though its
    // path sorts last; the two one-step facts follow by path.
    CHECK(kt::column(j["missing"], "path") ==
          Strings{"items[0].params.node_nm", "end_use", "value_eur"});
    CHECK(j["missing"][0]["could_raise_to"] == "prohibited");
    CHECK(j["missing"][1]["could_raise_to"] == "license_required");
}

TEST_CASE("a missing fact is asked with the schema's question for its field") {
    auto rules = kt::load(R"R(module t

schema case {
  date: date
  destination: country
  contract_date: optional date ask "When was the contract concluded?"
  items: list of record {
    node_nm: optional number ask "Which node does the item serve?"
  }
}

rule old_contract
  goal sanctions
  basis "Art. 2(3)"
  when case.contract_date < 2022-02-26
  then license_required

rule advanced
  goal tech_leadership
  basis "Art. 1"
  when any item in case.items: item.node_nm <= 16
  then escalate
)R");
    auto j = kt::decide_json(rules, R"({"date": "2023-03-01", "destination": "CN",
        "items": [{"node_nm": 28}, {}]})");
    CHECK(kt::column(j["missing"], "path") == Strings{"items[1].node_nm", "contract_date"});
    CHECK(j["missing"][0]["question"] == "Item 2: Which node does the item serve?");
    CHECK(j["missing"][1]["question"] == "When was the contract concluded?");
}

// Found by the differential test (50,000 pairs, seed 1): an undetermined
// exception that concludes the same verdict as the rule it replaces could
// still lower the verdict, because an exception to *it* holds and concludes
// something milder. The decision must say it is incomplete.
TEST_CASE("an undetermined exception whose own exception holds can lower the verdict") {
    auto rules = kt::load(kt::module_t(R"R(
rule ban
  goal end_use
  basis "Art. 1"
  when case.destination == "CN"
  then prohibited

rule unknown_use
  basis "Art. 2"
  exception to ban
  when case.end_use == "unknown"
  then prohibited

rule second_look
  basis "Art. 3"
  exception to unknown_use
  when case.destination == "CN"
  then escalate
)R"));
    auto j = kt::decide_json(rules, sparse);
    CHECK(j["verdict"] == "prohibited");
    CHECK(j["incomplete"] == true);
    REQUIRE(j["missing"].size() == 1);
    CHECK(j["missing"][0]["path"] == "end_use");
    CHECK(j["missing"][0]["could_lower_to"] == "escalate");
    CHECK(j["missing"][0]["could_raise_to"] == nullptr);
    CHECK(kt::column(j["undetermined"]) == Strings{"t.unknown_use"});
    // Known, the fact decides it either way, and the decision is complete.
    auto known = kt::decide_json(
        rules,
        R"({"date": "2023-03-01", "destination": "CN", "end_use": "unknown", "items": [{}]})");
    CHECK(known["verdict"] == "escalate");
    CHECK(known["incomplete"] == false);
}
