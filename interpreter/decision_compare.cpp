#include "interpreter/decision_compare.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

namespace kader {

namespace {

// A rule's outcome in one decision, as far as the case file cares.
struct Outcome {
    int state = 0; // 0 not applied, 1 undetermined, 2 overridden, 3 applied
    std::optional<ast::Verdict> verdict;
    auto key() const { return std::tie(state, verdict); }
};

std::map<std::string, Outcome> outcomes(const DecisionRecord& d) {
    std::map<std::string, Outcome> out;
    for (const auto& a : d.applied)
        out[d.rule(a.rule).id] = {3, a.verdict};
    for (const auto& o : d.overridden)
        out[d.rule(o.rule).id].state = 2;
    for (const auto& u : d.undetermined)
        out[d.rule(u.rule).id] = {1, d.rule(u.rule).verdict};
    return out;
}

std::set<std::string> obligations(const DecisionRecord& d) {
    std::set<std::string> out;
    for (const auto& o : d.obligations)
        out.insert(o.name + " (" + d.rule(o.rule).id + ")");
    return out;
}

template <class Set, class Out> void only_in(const Set& a, const Set& b, Out& out) {
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
}

// Every text in the case, and each without spaces (codes are often
// written "8542 31 90"): the values a set entry may concern.
void collect_texts(const nlohmann::json& j, std::vector<std::string>& out) {
    if (j.is_string()) {
        const auto& s = j.get_ref<const std::string&>();
        out.push_back(s);
        std::string packed;
        std::copy_if(s.begin(), s.end(), std::back_inserter(packed),
                     [](char c) { return c != ' '; });
        if (packed != s) out.push_back(packed);
    } else if (j.is_structured()) {
        for (const auto& v : j)
            collect_texts(v, out);
    }
}

} // namespace

DecisionChange compare_decisions(const DecisionRecord& before, const DecisionRecord& after) {
    DecisionChange c;
    c.verdict_before = before.verdict;
    c.verdict_after = after.verdict;
    for (int g = 0; g < ast::goal_count; ++g) {
        auto i = static_cast<std::size_t>(g);
        if (before.goals[i] != after.goals[i])
            c.goals.push_back({static_cast<ast::Goal>(g), before.goals[i], after.goals[i]});
    }
    auto applied = [](const DecisionRecord& d) {
        std::set<std::string> ids;
        for (const auto& [id, o] : outcomes(d))
            if (o.state == 3) ids.insert(id);
        return ids;
    };
    auto then = applied(before), now = applied(after);
    only_in(now, then, c.rules_applied);
    only_in(then, now, c.rules_no_longer_applied);
    auto ob_then = obligations(before), ob_now = obligations(after);
    only_in(ob_now, ob_then, c.obligations_added);
    only_in(ob_then, ob_now, c.obligations_removed);
    c.incomplete_before = before.incomplete;
    c.incomplete_after = after.incomplete;
    return c;
}

void attribute(DecisionChange& change, const DecisionRecord& before, const DecisionRecord& after,
               const RuleSetDiff& diff, std::string_view case_json) {
    auto then = outcomes(before), now = outcomes(after);
    std::set<std::string> moved;
    for (const auto& [id, o] : then) {
        auto it = now.find(id);
        if (it == now.end() || it->second.key() != o.key()) moved.insert(id);
    }
    for (const auto& [id, o] : now)
        if (!then.count(id)) moved.insert(id);
    std::vector<std::string> texts;
    if (!diff.identical()) {
        auto j = nlohmann::json::parse(case_json, nullptr, false);
        if (!j.is_discarded()) collect_texts(j, texts);
    }
    for (const auto& id : moved) {
        diff.causes_for_rule(id, texts, change.causes);
        if (before.as_of == after.as_of) continue;
        // Decided as of another day: the rule may have entered or left its period.
        int b = before.program->rule_index(id), a = after.program->rule_index(id);
        if (b < 0 || a < 0) continue;
        const RuleInfo& rb = before.rule(b);
        const RuleInfo& ra = after.rule(a);
        if (rb.in_effect(before.as_of) != ra.in_effect(after.as_of)) {
            Cause moved = Cause::of(Cause::Kind::date_moved, id);
            moved.from = ra.from;
            moved.until = ra.until;
            moved.into = ra.in_effect(after.as_of);
            change.causes.insert(moved);
        }
    }
    if (change.causes.empty() && change.any())
        change.causes.insert(Cause::of(Cause::Kind::unattributed));
}

} // namespace kader
