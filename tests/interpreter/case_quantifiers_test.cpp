// Quantifiers whose value depends on the case alone (lang/case_quantifiers.cpp):
// the element that decided one when its rule's condition was first
// evaluated is explained at once when the rule applies, without trying the
// elements before it again. The decision must be what trying them gives.
#include "program_support.hpp"
#include "support.hpp"

namespace {

const char* const rules = R"R(
set embargoed = {"RU", "BY", "KP"}
set equipment: code = {"3B001", "3A001.a"}
set listed = {"Acme", "Zeta"}

def covered(item) = item.code under equipment
def any_embargoed = any p in case.parties: p.country in embargoed

rule at_rule_level
  goal sanctions
  basis "Art. 1"
  when case.destination != "JP" and any p in case.parties: p.country in embargoed
  then prohibited "party {p.name} in {p.country}"

rule through_def
  goal control_list
  basis "Art. 2"
  when any_embargoed or any i in case.items: covered(i)
  then license_required "an item covered"

rule every_unlisted
  goal end_use
  basis "Art. 3"
  when not (all p in case.parties: p.name not in listed)
  then escalate "a party listed"

rule none_listed
  goal end_use
  basis "Art. 4"
  when none p in case.parties: p.name in listed
  then escalate

rule nested
  goal end_use
  basis "Art. 5"
  when any i in case.items: any p in case.parties: covered(i) and p.country in embargoed
  then escalate "{i.code} to {p.name}"

rule counted
  goal sanctions
  basis "Art. 6"
  when (count p in case.parties: p.country in embargoed) >= 2
  then deny "two parties in embargoed countries"
)R";

kader::RuleSet load_rules() {
    return kt::load(kt::module_t(rules));
}

// The same rules, with no quantifier's deciding element kept.
kader::RuleSet load_without_marks() {
    auto plain = load_rules();
    kader::Program& program = kt::program_to_change(plain);
    for (auto& n : program.nodes)
        n.case_quantifier = -1;
    program.case_quantifiers = 0;
    return plain;
}

const kader::Node& root_of(const kader::Program& p, const std::string& rule) {
    return p.node(kt::condition_of(p, rule));
}

const std::vector<std::string> cases = {
    // the third party decides; the first has no name
    R"({"date": "2024-01-01", "destination": "CN",
        "items": [{"code": "1A001"}, {"code": "3B001.f.1"}],
        "parties": [{"role": "consignee", "country": "CN"},
                    {"name": "Acme", "role": "end_user", "country": "JP"},
                    {"name": "Omega", "role": "end_user", "country": "RU"},
                    {"name": "Beta", "role": "end_user", "country": "BY"}]})",
    // unknown elements only: nothing decides, the rules are undetermined
    R"({"date": "2024-01-01", "destination": "CN", "items": [{"cn": "84561100"}],
        "parties": [{"role": "consignee", "country": "CN"}]})",
    // nothing holds anywhere
    R"({"date": "2024-01-01", "destination": "JP", "items": [{"code": "5A002"}],
        "parties": [{"name": "Gamma", "role": "consignee", "country": "JP"}]})",
    // the second item decides
    R"({"date": "2024-01-01", "destination": "US",
        "items": [{"code": "5A002"}, {"code": "3A001.a.7"}],
        "parties": [{"name": "Zeta", "role": "consignee", "country": "US"}]})",
};

} // namespace

TEST_CASE("quantifiers of a rule's condition outside any body and definition are marked") {
    auto loaded = load_rules();
    const kader::Program& p = *kader::program_of(loaded);
    const kader::Node& and_ = root_of(p, "t.at_rule_level");
    REQUIRE(and_.kids.size() == 2);
    CHECK(p.node(and_.kids[1]).case_quantifier >= 0);
    // `any_embargoed`'s quantifier lies in a definition; the rule's own does not.
    const kader::Node& or_ = root_of(p, "t.through_def");
    REQUIRE(or_.kids.size() == 2);
    CHECK(p.node(or_.kids[1]).case_quantifier >= 0);
    const kader::Node& not_ = root_of(p, "t.every_unlisted");
    REQUIRE(not_.kids.size() == 1);
    CHECK(p.node(not_.kids[0]).case_quantifier >= 0);
    CHECK(root_of(p, "t.none_listed").case_quantifier >= 0);
    // The outer quantifier of a nesting is; the inner one, evaluated once
    // per element of the outer, is not. A count has no deciding element.
    const kader::Node& outer = root_of(p, "t.nested");
    CHECK(outer.case_quantifier >= 0);
    CHECK(p.node(outer.kids[1]).case_quantifier < 0);
    CHECK(p.node(root_of(p, "t.counted").kids[0]).case_quantifier < 0);
    for (const auto& def : p.defs)
        if (def.root >= 0) CHECK(p.node(def.root).case_quantifier < 0);
    CHECK(p.case_quantifiers == 5);
}

TEST_CASE("a quantifier explained from its deciding element decides and explains as trying "
          "every element does") {
    auto with = load_rules();
    auto without = load_without_marks();
    for (const auto& c : cases)
        for (bool full : {false, true}) {
            INFO(c << (full ? " (full)" : ""));
            auto a = kt::decide_json(with, c, {.as_of = {}, .full = full});
            auto b = kt::decide_json(without, c, {.as_of = {}, .full = full});
            CHECK(a.dump(2) == b.dump(2));
        }
}

TEST_CASE("the deciding element is the witness, and messages read it") {
    auto loaded = load_rules();
    auto j = kt::decide_json(loaded, cases[0]);
    auto at_rule_level = kt::entry(j["applied"], "t.at_rule_level");
    CHECK(at_rule_level["message"] == "party Omega in RU");
    const auto& parts = at_rule_level["reason"]["parts"];
    REQUIRE(parts.size() == 2);
    CHECK(parts[1]["witness"] == kt::witness("parties[2]", "name", "Omega"));
    CHECK(parts[1]["parts"][0]["facts"][0]["path"] == "parties[2].country");
    CHECK(kt::entry(j["applied"], "t.every_unlisted")["reason"]["parts"][0]["witness"] ==
          kt::witness("parties[1]", "name", "Acme"));
    CHECK(kt::entry(j["applied"], "t.nested")["message"] == "3B001.f.1 to Omega");
    auto k = kt::decide_json(loaded, cases[3]);
    auto through_def = kt::entry(k["applied"], "t.through_def");
    // An `or` that holds keeps the part that held, the quantifier.
    REQUIRE(through_def["reason"]["parts"].size() == 1);
    CHECK(through_def["reason"]["parts"][0]["witness"] ==
          kt::witness("items[1]", "code", "3A001.a.7"));
}
