// A rule's condition is decided by its truth steps (lang/truth_plan.cpp,
// Evaluator::holds): what each step reads is resolved when the program is
// built. The truth they give must be the value of the condition evaluated
// node by node, for every rule and case.
#include "program_support.hpp"
#include "support.hpp"

#include "interpreter/case_reader.hpp"
#include "interpreter/evaluator.hpp"

#include <filesystem>

namespace {

using Kind = kader::TruthStep::Kind;
using Source = kader::TruthStep::Source;

// (After kt::screening_definitions: kt::screening_module.)
const char* const rules = R"R(
rule bound
  goal sanctions
  basis "Art. 1"
  when embargo_bound and any i in case.items: covered(i)
  then prohibited

rule unfriendly
  goal control_list
  basis "Art. 2"
  when (any i in case.items: covered(i)) and not friendly(case.destination)
  then license_required "{i.code}"

rule china
  goal tech_leadership
  basis "Art. 3"
  when case.destination == "CN" and any i in case.items: known(i.code) and i.code != "3B001"
  then escalate

rule friendly_destination
  goal end_use
  basis "Art. 5"
  when friendly(case.destination)
  then escalate

rule counted
  goal end_use
  basis "Art. 4"
  when (count p in case.parties: p.country in embargoed) >= 2 or known(case.destination)
  then escalate

rule all_covered
  goal control_list
  basis "Art. 6"
  when all i in case.items: covered(i)
  then license_required

rule embargoed_end_user
  goal end_use
  basis "Art. 7"
  when any p in case.parties: p.role == "end_user" and p.country in embargoed
  then escalate "{p.name}"

rule no_embargoed_party
  goal end_use
  basis "Art. 8"
  when none p in case.parties: p.country in embargoed
  then escalate
)R";

const kader::TruthStep& step(const kader::Program& p, int i) {
    REQUIRE(i >= 0);
    REQUIRE(static_cast<std::size_t>(i) < p.truth_steps.size());
    return p.truth_steps[static_cast<std::size_t>(i)];
}

const kader::TruthStep& root(const kader::Program& p, const std::string& rule) {
    int r = p.rule_index(rule);
    REQUIRE(r >= 0);
    return step(p, p.rules[static_cast<std::size_t>(r)].truth);
}

const kader::TruthStep& kid(const kader::Program& p, const kader::TruthStep& s, int k) {
    REQUIRE(k < s.count);
    return step(p, p.truth_kids[static_cast<std::size_t>(s.first + k)]);
}

// Every rule's truth by its steps against its condition's value, node by
// node, and the element each leaves in its variables: the message reads it.
void check_every_rule(const kader::Program& p, const std::string& case_json) {
    kader::Diagnostics diags;
    auto c = kader::read_case_text(p, case_json, "case", diags);
    REQUIRE(c);
    kader::Evaluator by_steps(p, *c), by_nodes(p, *c);
    for (const auto& rule : p.rules) {
        INFO(rule.id);
        CHECK(by_steps.holds(rule) == by_nodes.condition(rule).tri());
        CHECK(by_steps.message(rule, rule.message) == by_nodes.message(rule, rule.message));
    }
}

} // namespace

TEST_CASE("a condition's truth steps read their operands as planned") {
    auto loaded = kt::load(kt::screening_module(rules));
    const kader::Program& p = *kader::program_of(loaded);
    // embargo_bound and any i in case.items: covered(i)
    const auto& bound = root(p, "t.bound");
    REQUIRE(bound.kind == Kind::all_of);
    REQUIRE(bound.count == 2);
    const auto& memo = kid(p, bound, 0);
    CHECK(memo.kind == Kind::memo); // a definition without parameters
    const auto& body = step(p, memo.first);
    REQUIRE(body.kind == Kind::any_of);
    CHECK(kid(p, body, 0).kind == Kind::text_test);
    CHECK(kid(p, body, 0).source == Source::case_field);
    CHECK(kid(p, body, 1).kind == Kind::quantifier);
    CHECK(kid(p, body, 1).source == Source::case_field);
    CHECK(kid(p, bound, 1).kind == Kind::quantifier); // through covered(i): an element test
    // not friendly(case.destination): the definition's body tests its parameter
    const auto& unfriendly = root(p, "t.unfriendly");
    const auto& negation = kid(p, unfriendly, 1);
    REQUIRE(negation.kind == Kind::negation);
    const auto& call = kid(p, negation, 0);
    REQUIRE(call.kind == Kind::call);
    CHECK(step(p, call.first).kind == Kind::text_test);
    CHECK(step(p, call.first).source == Source::variable);
    // a text against a literal; a quantifier whose body is no element test
    const auto& china = root(p, "t.china");
    CHECK(kid(p, china, 0).kind == Kind::text_test);
    CHECK(kid(p, china, 0).test.op == kader::Op::eq);
    CHECK(kid(p, china, 1).kind == Kind::node);
    // a comparison of a count, and `known`: evaluated node by node
    const auto& counted = root(p, "t.counted");
    CHECK(kid(p, counted, 0).kind == Kind::node);
    CHECK(kid(p, counted, 1).kind == Kind::node);
    // `all` and `none` whose body is an element test: a loop of their own
    CHECK(root(p, "t.all_covered").kind == Kind::quantifier);
    CHECK(root(p, "t.no_embargoed_party").kind == Kind::quantifier);
    CHECK(root(p, "t.embargoed_end_user").kind == Kind::quantifier); // two tests of an element
    // A definition's body is planned once for all its calls.
    const auto& again = root(p, "t.friendly_destination");
    REQUIRE(again.kind == Kind::call);
    CHECK(again.first == call.first);
}

TEST_CASE("truth steps give each condition the truth of its value") {
    auto loaded = kt::load(kt::screening_module(rules));
    const kader::Program& p = *kader::program_of(loaded);
    for (const char* c : {
             R"({"date": "2024-01-01", "destination": "RU", "items": [{"code": "3B001.a"}],
                 "parties": [{"name": "A", "role": "consignee", "country": "RU"},
                             {"name": "B", "role": "end_user", "country": "BY"}]})",
             R"({"date": "2024-01-01", "destination": "CN", "items": [{}, {"code": "5A002"}],
                 "parties": [{"name": "A", "role": "end_user", "country": "CN"}]})",
             R"({"date": "2024-01-01", "destination": "CN", "items": [{}]})",
             R"({"date": "2024-01-01", "destination": "JP", "items": [{"code": "3A001.a.1"}],
                 "parties": []})",
             R"({"date": "2024-01-01", "destination": "NL", "items": [{"cn": "8486"}]})",
             // `all` and `none`: an empty list, an element that decides after
             // an unknown one, none that decides (the last element is left)
             R"({"date": "2024-01-01", "destination": "NL", "items": [{}], "parties": []})",
             R"({"date": "2024-01-01", "destination": "NL", "items": [{}, {"code": "5A002"}],
                 "parties": [{"name": "A", "role": "end_user", "country": "NL"},
                             {"name": "B", "role": "end_user", "country": "KP"}]})",
             R"({"date": "2024-01-01", "destination": "NL",
                 "items": [{"code": "3B001.b"}, {"code": "3A001.a.7"}],
                 "parties": [{"name": "A", "role": "end_user", "country": "NL"},
                             {"name": "B", "role": "consignee", "country": "JP"}]})",
             R"({"date": "2024-01-01", "destination": "NL", "items": [{"code": "3B001"}, {}]})",
         }) {
        INFO(c);
        check_every_rule(p, c);
    }
}

TEST_CASE("the standard library's rules hold by their steps as by their nodes, on every example") {
    static auto stdlib = kader::RuleSet::load(std::vector<std::string>{});
    REQUIRE(stdlib.ok());
    const kader::Program& p = *kader::program_of(stdlib.value());
    std::size_t cases = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(kt::source_dir() / "examples/cases")) {
        if (entry.path().extension() != ".json") continue;
        INFO(entry.path().filename().string());
        check_every_rule(p, kt::read_file(entry.path()));
        ++cases;
    }
    CHECK(cases > 10);
    std::size_t planned = 0;
    for (const auto& s : p.truth_steps)
        planned += s.kind != Kind::node;
    CHECK(planned > p.rules.size()); // most of the law is planned, not left to the nodes
}
