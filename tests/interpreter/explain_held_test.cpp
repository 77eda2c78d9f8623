// The reason of a rule that holds is made from its truth steps with their
// truths known (Evaluator::explain_held, interpreter/evaluator_explain.cpp).
// It must be the reason node-by-node traced evaluation makes (the entries,
// values, facts, witnesses and paths the explanation shows), and leave the
// rule's variables as that evaluation leaves them for its message, for
// every shape of condition: `and`, `or` with parts before the one that
// holds, `not` of a failing `and` or `or`, calls and definitions without
// parameters, quantifiers decided by an element or by none, and steps left
// to the general evaluator.
#include "program_support.hpp"
#include "support.hpp"

#include "interpreter/case_reader.hpp"
#include "interpreter/evaluator.hpp"

#include <string>

namespace {

// (After kt::screening_definitions: kt::screening_module.)
const char* const rules = R"R(
rule bound
  goal sanctions
  basis "Art. 1"
  when embargo_bound and any i in case.items: covered(i)
  then prohibited "{i.code}"

rule unfriendly
  goal control_list
  basis "Art. 2"
  when (any i in case.items: covered(i)) and not friendly(case.destination)
  then license_required "{i.code}"

rule either
  goal end_use
  basis "Art. 3"
  when case.end_use == "military" or (any i in case.items: covered(i)) or case.destination == "CN"
  then escalate

rule not_both
  goal end_use
  basis "Art. 4"
  when not (case.destination == "CN" and any p in case.parties: p.role == "intermediary")
  then escalate

rule neither
  goal end_use
  basis "Art. 5"
  when not (case.destination in embargoed or friendly(case.destination))
  then escalate

rule counted
  goal end_use
  basis "Art. 6"
  when (count p in case.parties: p.country in embargoed) >= 1 and known(case.destination)
  then escalate

rule friendly_end_user
  goal end_use
  basis "Art. 7"
  when any p in case.parties: p.role == "end_user" and friendly(p.country)
  then escalate "{p.name}"

rule none_embargoed
  goal end_use
  basis "Art. 8"
  when none p in case.parties: p.country in embargoed
  then escalate

rule not_all_covered
  goal control_list
  basis "Art. 9"
  when not (all i in case.items: covered(i))
  then escalate

rule all_covered
  goal control_list
  basis "Art. 10"
  when all i in case.items: covered(i)
  then escalate
)R";

std::string text_of(const kader::ShownValue& v) {
    return std::to_string(static_cast<int>(v.kind)) + ":" + std::to_string(v.boolean) + ":" +
           std::to_string(v.number) + ":" + std::to_string(v.date) + ":" + v.text + ":" +
           std::to_string(v.count);
}

// A reason written out whole, to compare two and show where they differ.
std::string text_of(const kader::Reason& r) {
    std::string out = "(" + std::to_string(r.node) + " def " + std::to_string(r.definition) +
                      " = " + text_of(r.value);
    for (const auto& f : r.facts)
        out += " fact " + f.path + "=" + text_of(f.value);
    if (r.witness)
        out += " witness " + r.witness->path + " " + r.witness->field + " " + r.witness->name;
    for (const auto& part : r.parts)
        out += " " + text_of(part);
    return out + ")";
}

std::string reason_of(kader::Explanation& block, const kader::Evaluator& eval, int root) {
    block.steps = eval.steps();
    return text_of(kader::reason_tree(block, root));
}

// Decides every rule's truth in two evaluators, as a decision does, then
// explains each rule that holds in both ways.
int check_every_held_rule(const kader::Program& p, const std::string& case_json) {
    kader::Diagnostics diags;
    auto c = kader::read_case_text(p, case_json, "case", diags);
    REQUIRE(c);
    kader::Evaluator by_steps(p, *c), by_nodes(p, *c);
    for (const auto& rule : p.rules)
        REQUIRE(by_steps.holds(rule) == by_nodes.holds(rule));
    int held = 0;
    kader::Explanation steps_block, nodes_block;
    for (const auto& rule : p.rules) {
        if (by_steps.holds(rule) != 1) continue;
        INFO(rule.id);
        ++held;
        int steps_root = -1, nodes_root = -1;
        by_steps.explain_held(rule, steps_block, steps_root);
        by_nodes.condition(rule, nodes_block, nodes_root);
        CHECK(reason_of(steps_block, by_steps, steps_root) ==
              reason_of(nodes_block, by_nodes, nodes_root));
        CHECK(by_steps.message(rule, rule.message) == by_nodes.message(rule, rule.message));
        CHECK(by_steps.missing().empty());
    }
    return held;
}

} // namespace

TEST_CASE(
    "the reason of a rule that holds, made from its truth steps, is node-by-node evaluation's") {
    auto loaded = kt::load(kt::screening_module(rules));
    const kader::Program& p = *kader::program_of(loaded);
    int held = 0;
    for (const char* c : {
             // embargoed: `or` of a memo holding by its first part; covered items
             R"({"date": "2024-01-01", "destination": "RU",
                 "items": [{"code": "1A001"}, {"code": "3B001.a"}],
                 "parties": [{"name": "A", "role": "consignee", "country": "RU"},
                             {"name": "B", "role": "end_user", "country": "JP"}]})",
             // an embargoed party: the memo's `or` holds by its second part
             R"({"date": "2024-01-01", "destination": "CN", "end_use": "civil",
                 "items": [{}, {"code": "3A001.a.2"}],
                 "parties": [{"name": "A", "role": "intermediary", "country": "CN"},
                             {"name": "B", "role": "end_user", "country": "KP"}]})",
             // an unknown first part of an `or` that holds; not (CN and ...) failing at CN
             R"({"date": "2024-01-01", "destination": "AM", "items": [{"code": "3B001"}],
                 "parties": [{"name": "A", "role": "end_user", "country": "NL"}]})",
             // a friendly destination: not friendly fails; none of the parties embargoed
             R"({"date": "2024-01-01", "destination": "NL", "end_use": "military",
                 "items": [{"code": "3B001"}, {"code": "3A001.a"}],
                 "parties": [{"name": "A", "role": "consignee", "country": "NL"},
                             {"name": "B", "role": "end_user", "country": "JP"}]})",
             // CN with no intermediary: the `and` under `not` fails at its quantifier
             R"({"date": "2024-01-01", "destination": "CN", "items": [{"code": "5A002"}],
                 "parties": [{"name": "A", "role": "end_user", "country": "CN"}]})",
         }) {
        INFO(c);
        held += check_every_held_rule(p, c);
    }
    CHECK(held >= 20); // the cases make most rules hold, some more than once
}

TEST_CASE("the standard library's rules that hold are explained from their steps as by their "
          "nodes, on every example") {
    static auto stdlib = kader::RuleSet::load(std::vector<std::string>{});
    REQUIRE(stdlib.ok());
    const kader::Program& p = *kader::program_of(stdlib.value());
    int held = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(kt::source_dir() / "examples/cases")) {
        if (entry.path().extension() != ".json") continue;
        INFO(entry.path().filename().string());
        held += check_every_held_rule(p, kt::read_file(entry.path()));
    }
    CHECK(held > 20);
}
