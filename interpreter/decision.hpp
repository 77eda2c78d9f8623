#pragma once
// A decision and its explanation, as data. Deciding fills it; rendering
// (text, JSON) reads it. Free of I/O.
#include "lang/ast.hpp"
#include "lang/program.hpp"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kader {

// Why a condition had its value: the sub-conditions that mattered.
struct Reason {
    std::string_view expr; // the expression as written (owned by the program)
    std::string value;     // "true", "false", "unknown", or the value shown
    std::string
        witness; // for `any`/`all`: the element that decided, e.g. "items[1] (code 3A001.a.2)"
    std::string_view definition; // when this is a definition: its full name (owned by the program)
    std::vector<Reason> parts;
};

struct AppliedRule {
    int rule = -1;
    std::optional<ast::Verdict> verdict; // as concluded by this rule
    std::string message;
    Reason reason;
};

struct OverriddenRule {
    int rule = -1;
    std::vector<int> by;   // the exceptions that replaced its conclusion
    bool conflict = false; // exceptions that disagree; the most severe won
};

struct UndeterminedRule {
    int rule = -1;
    std::vector<std::string> missing; // JSON paths of the absent facts
};

struct ObligationEntry {
    std::string name;
    int rule = -1;
    std::string message;
};

struct NotAppliedRule {
    int rule = -1;
    std::string failed; // the first condition that failed, or why it was not considered
};

struct DecisionRecord {
    std::shared_ptr<const Program> program;
    std::string case_id;
    ast::Verdict verdict = ast::Verdict::allow;
    bool incomplete = false;
    ast::Days as_of = 0;
    std::array<ast::Verdict, ast::goal_count> goals{};
    std::vector<AppliedRule> applied;
    std::vector<OverriddenRule> overridden;
    std::vector<UndeterminedRule> undetermined;
    std::vector<ObligationEntry> obligations;
    std::vector<NotAppliedRule> not_applied; // filled in full mode only
    std::vector<std::string> missing;        // every absent fact an officer should obtain
    bool full = false;

    const RuleInfo& rule(int index) const {
        return program->rules[static_cast<std::size_t>(index)];
    }
};

} // namespace kader
