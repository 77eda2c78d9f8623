// Comparing two decisions of one case and putting the change down to its
// causes: a rule rewritten, added or removed, its period moved, a
// definition rewritten, a set entry added or removed, the as-of day moved.
#include "support.hpp"

#include "interpreter/case_reader.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/decision_compare.hpp"
#include "interpreter/render_change.hpp"
#include "interpreter/rule_loader.hpp"

namespace {

const std::string rules_v1 = R"(
def russian(c) = c == "RU"

set annex = load "annex.json"

rule banned
  goal sanctions
  basis "Art. 2a"
  effective from 2022-10-07
  when russian(case.destination) and any i in case.items: i.cn under annex
  then prohibited "banned"

rule listed
  goal control_list
  basis "Annex I"
  when any i in case.items: i.code == "3A001"
  then license_required "listed"
)";

const std::string annex_v1 =
    R"({"source": "test", "reliability": "verified", "entries": ["854231"]})";

const std::string ru_case =
    R"({"id": "C1", "date": "2022-11-15", "destination": "RU", "items": [{"cn": "85423190"}]})";

struct Versions {
    kt::TempDir dir;
    std::shared_ptr<const kader::Program> load(const std::string& name, const std::string& rules,
                                               const std::string& annex) const {
        dir.write(name + "/t.kader", kt::module_t(rules));
        dir.write(name + "/annex.json", annex);
        kader::Diagnostics diags;
        auto p = kader::load_rules({{(dir.path() / name).string()}, {}, false}, diags);
        INFO(kader::render(diags, {false, true}));
        REQUIRE(p);
        return p;
    }
};

kader::DecisionRecord decide(const std::shared_ptr<const kader::Program>& p,
                             const std::string& json, std::optional<kader::ast::Days> as_of = {}) {
    kader::Diagnostics diags;
    auto c = kader::read_case_text(*p, json, "case", diags);
    REQUIRE(c);
    kader::DecideOptions options;
    options.as_of = as_of;
    auto d = kader::decide(p, *c, options, "case", diags);
    REQUIRE(d);
    return *d;
}

// The causes of the change of `json`'s decision from `before` to `after`, as words.
std::vector<std::string> causes(const std::shared_ptr<const kader::Program>& before,
                                const std::shared_ptr<const kader::Program>& after,
                                const std::string& json, kader::DecisionChange* out = nullptr) {
    auto a = decide(before, json), b = decide(after, json);
    auto change = kader::compare_decisions(a, b);
    kader::RuleSetDiff diff(*before, *after);
    kader::attribute(change, a, b, diff, json);
    std::vector<std::string> words;
    for (const auto& c : change.causes)
        words.push_back(kader::describe(c));
    if (out) *out = change;
    return words;
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("identical rule sets change no decision and name no cause", "[audit][diff]") {
    Versions v;
    auto a = v.load("a", rules_v1, annex_v1), b = v.load("b", rules_v1, annex_v1);
    CHECK(kader::RuleSetDiff(*a, *b).identical());
    kader::DecisionChange change;
    CHECK(causes(a, b, ru_case, &change).empty());
    CHECK_FALSE(change.any());
}

TEST_CASE("a set entry removed is named as the cause, with the set", "[audit][diff]") {
    Versions v;
    auto a = v.load("a", rules_v1, annex_v1);
    auto b = v.load("b", rules_v1, R"({"entries": ["854232"]})");
    kader::DecisionChange change;
    CHECK(causes(a, b, ru_case, &change) ==
          kt::Strings{"entry 854231 removed from set t.annex (annex.json)"});
    CHECK(change.verdict_before == kader::ast::Verdict::prohibited);
    CHECK(change.verdict_after == kader::ast::Verdict::allow);
    CHECK(change.rules_no_longer_applied == kt::Strings{"t.banned"});
    REQUIRE(change.goals.size() == 1);
    CHECK(change.goals[0].goal == kader::ast::Goal::sanctions);
    // The entry added (854232) concerns no text of this case, so it is not named.
    auto j = kader::to_json(*change.causes.begin());
    CHECK(j["kind"] == "set_entry_removed");
    CHECK(j["set"] == "t.annex");
    CHECK(j["entry"] == "854231");
}

TEST_CASE("a set entry added that covers the case's code is the cause", "[audit][diff]") {
    Versions v;
    auto a = v.load("a", rules_v1, R"({"entries": ["854232"]})");
    auto b = v.load("b", rules_v1, R"({"entries": ["854232", "8542"]})");
    CHECK(causes(a, b, ru_case) == kt::Strings{"entry 8542 added to set t.annex (annex.json)"});
}

TEST_CASE("a rewritten rule, a moved period and a rewritten definition are told apart",
          "[audit][diff]") {
    Versions v;
    auto a = v.load("a", rules_v1, annex_v1);
    auto rewritten = v.load(
        "b", replace(rules_v1, "then prohibited \"banned\"", "then deny \"banned\""), annex_v1);
    CHECK(causes(a, rewritten, ru_case) == kt::Strings{"rule t.banned rewritten"});
    auto moved = v.load(
        "c", replace(rules_v1, "effective from 2022-10-07", "effective from 2022-12-01"), annex_v1);
    CHECK(causes(a, moved, ru_case) ==
          kt::Strings{"rule t.banned: in effect from 2022-12-01, was from 2022-10-07"});
    auto def = v.load("d", replace(rules_v1, "c == \"RU\"", "c == \"BY\""), annex_v1);
    CHECK(causes(a, def, ru_case) == kt::Strings{"definition t.russian rewritten"});
    // Moving a rule within its file, or rewording its doc comment, changes no decision.
    auto reordered = v.load("e", "/// moved\n" + rules_v1 + "\n", annex_v1);
    CHECK_FALSE(kader::RuleSetDiff(*a, *reordered).identical());
    CHECK(causes(a, reordered, ru_case).empty());
}

TEST_CASE("a rule added or removed is the cause", "[audit][diff]") {
    Versions v;
    auto a = v.load("a", rules_v1, annex_v1);
    auto b = v.load("b", rules_v1 + R"(
rule to_russia
  goal end_use
  basis "Art. 12"
  when case.destination == "RU"
  then escalate "check the end user"
)",
                    annex_v1);
    kader::DecisionChange change;
    CHECK(causes(a, b, ru_case, &change) == kt::Strings{"rule t.to_russia added"});
    CHECK(change.rules_applied == kt::Strings{"t.to_russia"});
    CHECK_FALSE(change.verdict_changed());
    CHECK(kader::describe_transition(change) == "prohibited (verdict unchanged)");
    CHECK(causes(b, a, ru_case) == kt::Strings{"rule t.to_russia removed"});
}

TEST_CASE("another as-of day is put down to the period the day moved into", "[audit][diff]") {
    Versions v;
    auto a = v.load("a", rules_v1, annex_v1);
    auto before = decide(a, ru_case, kader::ast::parse_date("2022-09-01"));
    auto after = decide(a, ru_case);
    auto change = kader::compare_decisions(before, after);
    kader::attribute(change, before, after, kader::RuleSetDiff(*a, *a), ru_case);
    REQUIRE(change.causes.size() == 1);
    CHECK(kader::describe(*change.causes.begin()) ==
          "rule t.banned is in effect from 2022-10-07: the as-of date moved into that period");
    CHECK(kader::describe_changes(change, "  ") ==
          "  goal sanctions: allow -> prohibited\n  now applies t.banned\n"
          "  now complete\n"); // the missing item code can no longer raise the verdict
}
