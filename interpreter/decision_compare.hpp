#pragma once
// Two decisions of one case compared: what changed that matters to the case
// file (verdict, goals, rules applied, obligations, completeness), and why,
// as the changes of the rule set (or of the as-of date) that explain it.
#include "interpreter/decision.hpp"
#include "interpreter/ruleset_diff.hpp"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace kader {

struct DecisionChange {
    struct GoalChange {
        ast::Goal goal;
        ast::Verdict before, after;
    };
    ast::Verdict verdict_before = ast::Verdict::allow, verdict_after = ast::Verdict::allow;
    std::vector<GoalChange> goals;
    // Rule ids: applied now and not before (not overridden), and the other way.
    std::vector<std::string> rules_applied, rules_no_longer_applied;
    // Obligations by name, with the rule that imposes them.
    std::vector<std::string> obligations_added, obligations_removed;
    bool incomplete_before = false, incomplete_after = false;
    std::set<Cause> causes; // empty until attributed

    bool verdict_changed() const { return verdict_before != verdict_after; }
    bool any() const {
        return verdict_changed() || !goals.empty() || !rules_applied.empty() ||
               !rules_no_longer_applied.empty() || !obligations_added.empty() ||
               !obligations_removed.empty() || incomplete_before != incomplete_after;
    }
};

DecisionChange compare_decisions(const DecisionRecord& before, const DecisionRecord& after);

// Fills `change.causes`: for every rule whose outcome differs between the
// two decisions, the changes of the rule set that concern it and this case
// (`case_json`, whose texts pick the set entries that matter), and, when
// the decisions were made as of different days, the periods it entered or
// left. A change nothing explains gets one `unattributed` cause.
void attribute(DecisionChange& change, const DecisionRecord& before, const DecisionRecord& after,
               const RuleSetDiff& diff, std::string_view case_json);

} // namespace kader
