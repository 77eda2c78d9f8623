// Quantifiers whose body only tests a text field of the element against a
// set run as one loop (lang/element_tests.cpp, Evaluator::quantify_test).
// The loop must decide, explain and leave the witness exactly as the body
// evaluated node by node does.
#include "program_support.hpp"
#include "support.hpp"

namespace {

const char* const rules = R"R(
set embargoed = {"RU", "BY", "KP"}
set equipment: code = {"3B001", "3A001.a"}
set listed = {"Acme", "Zeta"}

def covered(item) = item.code under equipment
def embargoed_party(p) = p.country in embargoed
def both(item, p) = item.code under equipment and p.country in embargoed
def unlisted_non_end_user(p) = p.name not in listed and p.role != "end_user"

rule direct_any
  goal sanctions
  basis "Art. 1"
  when any p in case.parties: p.country in embargoed
  then prohibited "party {p.name} in {p.country}"

rule through_def
  goal control_list
  basis "Art. 2"
  when any i in case.items: covered(i)
  then license_required "item {i.code}"

rule negated_all
  goal end_use
  basis "Art. 3"
  when all p in case.parties: p.name not in listed
  then escalate "every party unlisted"

rule none_listed
  goal end_use
  basis "Art. 4"
  when none p in case.parties: p.name in listed
  then escalate

rule counted
  goal sanctions
  basis "Art. 5"
  when (count p in case.parties: embargoed_party(p)) >= 2
  then deny "two parties in embargoed countries"

rule not_in
  goal control_list
  basis "Art. 6"
  when any p in case.parties: p.country not in embargoed
  then license_required "{p.country}"

rule not_a_test
  goal end_use
  basis "Art. 7"
  when any i in case.items: any p in case.parties: both(i, p)
  then escalate "{i.code} {p.country}"

rule end_user_embargoed
  goal sanctions
  basis "Art. 9"
  when any p in case.parties: p.role == "end_user" and p.country in embargoed and p.name != "Beta"
  then deny "end user {p.name}"

rule and_with_more
  goal end_use
  basis "Art. 10"
  when any p in case.parties: p.role != "consignee" and known(p.name)
  then escalate "{p.name}"

rule all_and
  goal end_use
  basis "Art. 11"
  when all p in case.parties: p.name not in listed and p.role != "end_user"
  then escalate

rule all_and_through_def
  goal end_use
  basis "Art. 12"
  when all p in case.parties: unlisted_non_end_user(p)
  then escalate

rule nested_outer
  goal end_use
  basis "Art. 8"
  when any i in case.items: any p in case.parties: i.code under equipment
  then escalate "{i.code}"
)R";

kader::RuleSet load_rules() {
    return kt::load(kt::module_t(rules));
}

// The same rules, with every quantifier evaluated node by node.
kader::RuleSet load_without_tests() {
    auto plain = load_rules();
    kader::Program& program = kt::program_to_change(plain);
    for (auto& n : program.nodes)
        n.element_test = -1;
    program.element_tests.clear();
    kader::plan_truths(program); // (the conditions' steps run the loops)
    return plain;
}

const std::vector<std::string> cases = {
    // a party in an embargoed country, one listed, an item covered
    R"({"date": "2024-01-01", "destination": "CN",
        "items": [{"code": "1A001"}, {"code": "3B001.f.1"}],
        "parties": [{"name": "Acme", "role": "consignee", "country": "CN"},
                    {"name": "Omega", "role": "end_user", "country": "RU"},
                    {"name": "Beta", "role": "end_user", "country": "BY"}]})",
    // names absent: the tests on them are unknown, element by element
    R"({"date": "2024-01-01", "destination": "CN",
        "items": [{"cn": "84561100"}, {"code": "3A001.a.2"}],
        "parties": [{"role": "consignee", "country": "JP"},
                    {"name": "Zeta", "role": "end_user", "country": "KP"}]})",
    // nothing holds anywhere
    R"({"date": "2024-01-01", "destination": "JP",
        "items": [{"code": "5A002"}],
        "parties": [{"name": "Gamma", "role": "consignee", "country": "JP"}]})",
    // a party no test of an `and` holds for, false before its unknown one:
    // the `and` is false, not unknown
    R"({"date": "2024-01-01", "destination": "JP", "items": [{"code": "5A002"}],
        "parties": [{"role": "consignee", "country": "JP"}]})",
    // no parties at all, and an empty list of them
    R"({"date": "2024-01-01", "destination": "JP", "items": [{"code": "3B001"}]})",
    R"({"date": "2024-01-01", "destination": "JP", "items": [{}], "parties": []})",
    // `all` decided by a party whose `and` is unknown in its first test and
    // false in its second: both explained, the absent name a fact
    R"({"date": "2024-01-01", "destination": "JP", "items": [{"code": "5A002"}],
        "parties": [{"name": "Gamma", "role": "consignee", "country": "JP"},
                    {"role": "end_user", "country": "JP"}]})",
};

} // namespace

TEST_CASE("quantifiers whose body tests a field of the element against a set are marked") {
    auto loaded = load_rules();
    const kader::Program& p = *kader::program_of(loaded);
    auto test_of = [&](const std::string& rule) -> const kader::ElementTest* {
        const kader::Node& q = p.node(kt::condition_of(p, rule));
        return q.element_test < 0 ? nullptr
                                  : &p.element_tests[static_cast<std::size_t>(q.element_test)];
    };
    const kader::ElementTest* direct = test_of("t.direct_any");
    REQUIRE(direct);
    REQUIRE(direct->count == 1);
    CHECK(direct->tests[0].op == kader::Op::in_set);
    CHECK_FALSE(direct->tests[0].negate);
    const kader::ElementTest* def = test_of("t.through_def");
    REQUIRE(def);
    CHECK(def->tests[0].op == kader::Op::under_set);
    const kader::ElementTest* negated = test_of("t.negated_all");
    REQUIRE(negated);
    CHECK(negated->tests[0].negate);
    // Tests joined by `and`, in order; with anything else in the `and`, none.
    const kader::ElementTest* joined = test_of("t.end_user_embargoed");
    REQUIRE(joined);
    REQUIRE(joined->count == 3);
    CHECK(joined->tests[0].op == kader::Op::eq);
    CHECK(joined->tests[1].op == kader::Op::in_set);
    CHECK(joined->tests[2].op == kader::Op::ne);
    CHECK_FALSE(test_of("t.and_with_more"));
    CHECK(test_of("t.none_listed"));
    CHECK(test_of("t.all_and"));
    CHECK(test_of("t.all_and_through_def"));
    CHECK(test_of("t.not_in"));
    // count's body is a comparison's operand, so the rule's root is `>=`:
    const kader::Node& ge = p.node(kt::condition_of(p, "t.counted"));
    REQUIRE(ge.kids.size() == 2);
    CHECK(p.node(ge.kids[0]).element_test >= 0);
    // A definition of two parameters is no element test; nor is a body that
    // tests the variable of another quantifier.
    CHECK_FALSE(test_of("t.not_a_test"));
    const kader::Node& outer = p.node(kt::condition_of(p, "t.nested_outer"));
    CHECK(outer.element_test < 0);
    CHECK(p.node(outer.kids[1]).element_test < 0);
}

TEST_CASE("a quantifier run as an element test decides and explains as its body does") {
    auto with = load_rules();
    auto without = load_without_tests();
    for (const auto& c : cases) {
        INFO(c);
        auto a = kt::decide_json(with, c, {.as_of = {}, .full = true});
        auto b = kt::decide_json(without, c, {.as_of = {}, .full = true});
        CHECK(a.dump(2) == b.dump(2));
    }
}

TEST_CASE("element tests give the verdicts, witnesses and messages their rules say") {
    auto loaded = load_rules();
    auto j = kt::decide_json(loaded, cases[0]);
    auto direct = kt::entry(j["applied"], "t.direct_any");
    CHECK(direct["reason"]["witness"] == kt::witness("parties[1]", "name", "Omega"));
    CHECK(direct["message"] == "party Omega in RU");
    CHECK(kt::entry(j["applied"], "t.through_def")["message"] == "item 3B001.f.1");
    CHECK(kt::entry(j["applied"], "t.counted")["verdict"] == "deny");
    // Omega is an end user in RU; Beta, in BY, is left out by name.
    CHECK(kt::entry(j["applied"], "t.end_user_embargoed")["message"] == "end user Omega");
    CHECK(kt::entry(j["applied"], "t.not_in")["message"] == "CN");
    // The second case: the first item has no code and the first party no
    // name, so those tests are unknown; the next elements decide.
    auto k = kt::decide_json(loaded, cases[1], {.as_of = {}, .full = true});
    CHECK(kt::column(k["applied"]) == kt::Strings{"t.direct_any", "t.end_user_embargoed",
                                                  "t.and_with_more", "t.nested_outer",
                                                  "t.not_a_test", "t.not_in", "t.through_def"});
    CHECK(kt::entry(k["applied"], "t.end_user_embargoed")["message"] == "end user Zeta");
    CHECK(kt::entry(k["applied"], "t.through_def")["message"] == "item 3A001.a.2");
    auto undetermined = kt::column(k["undetermined"]);
    CHECK(std::find(undetermined.begin(), undetermined.end(), "t.negated_all") ==
          undetermined.end());
}

TEST_CASE("an `all` decided by an element test explains the element's unknown and false tests") {
    auto loaded = load_rules();
    auto j = kt::decide_json(loaded, cases.back(), {.as_of = {}, .full = true});
    for (const char* rule : {"t.all_and", "t.all_and_through_def"}) {
        INFO(rule);
        auto failed = kt::entry(j["not_applied"], rule)["failed"];
        INFO(failed.dump(2));
        CHECK(failed["value"] == false);
        CHECK(failed["witness"]["path"] == "parties[1]");
        auto body = failed["parts"][0];
        if (std::string(rule) == "t.all_and_through_def") {
            CHECK(body["definition"] == "t.unlisted_non_end_user");
            CHECK(body["value"] == false);
            body = body["parts"][0];
        }
        CHECK(body["value"] == false);
        REQUIRE(body["parts"].size() == 2);
        // The name is absent: its test is unknown, and the `and` goes on.
        CHECK(body["parts"][0]["value"].is_null());
        CHECK(body["parts"][0]["facts"][0]["path"] == "parties[1].name");
        CHECK(body["parts"][1]["value"] == false);
        CHECK(body["parts"][1]["facts"][0]["path"] == "parties[1].role");
        CHECK(body["parts"][1]["facts"][0]["value"] == "end_user");
    }
}
