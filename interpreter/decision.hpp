#pragma once
// A decision and its explanation, as data. Deciding fills it; rendering
// (text, JSON) reads it. Free of I/O.
#include "interpreter/explanation.hpp"
#include "lang/ast.hpp"
#include "lang/program.hpp"

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kader {

// A fact of the case that an expression read: where it is in the case
// (a JSON path such as `items[0].cn`) and its value, unknown when absent.
struct FactRead {
    std::string path;
    ShownValue value;
};

// The list element that decided an `any`, `all` or `none`: its path and,
// when the element has one, the field that names it for people
// (`items[1]`, `code`, "3A001.a.2").
struct Witness {
    std::string path;
    std::string field; // empty when the element has no naming field
    std::string name;
};

// Why an expression had its value: the expression (a node of the program:
// its source text and place), the value, the facts it read itself, and the
// sub-expressions that mattered. Renderers turn it into words.
struct Reason {
    int node = -1;       // Program::nodes index
    int definition = -1; // Program::defs index when the expression calls a definition
    ShownValue value;
    std::vector<FactRead> facts;
    std::optional<Witness> witness;
    std::vector<Reason> parts;
};

struct AppliedRule {
    int rule = -1;
    std::optional<ast::Verdict> verdict; // as concluded by this rule
    std::string message;
    int reason = -1; // in DecisionRecord::explanation; -1 when the decision keeps no reasons
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

// Why a rule did not apply, as data: `condition` is the part of its
// condition that failed, with the facts it read (a reason of the decision's
// explanation).
struct NotAppliedRule {
    enum class Why : std::uint8_t {
        not_in_effect,        // the as-of date lies outside `effective`
        earlier_row_applied,  // `hit first`: `other` is the row that applied
        parent_did_not_apply, // an exception to `other`, which did not apply
        condition_failed,
    };
    int rule = -1;
    Why why = Why::condition_failed;
    int other = -1;
    int condition = -1;
};

// A fact whose absence keeps the decision open, and how far knowing it could
// move the verdict: up to the most severe verdict an undetermined rule
// reading it could conclude, down to the mildest an undetermined exception
// (or earlier table row) reading it could leave.
struct MissingFact {
    std::string path;
    std::optional<ast::Verdict> could_raise_to;
    std::optional<ast::Verdict> could_lower_to;
    std::vector<int> rules; // the undetermined rules that read it

    // How many verdict steps knowing the fact could move the decision.
    int reach(ast::Verdict now) const {
        int up = could_raise_to ? static_cast<int>(*could_raise_to) - static_cast<int>(now) : 0;
        int down = could_lower_to ? static_cast<int>(now) - static_cast<int>(*could_lower_to) : 0;
        return std::max(up, down);
    }
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
    std::vector<MissingFact> missing; // ranked: the fact that could move the verdict most first
    bool full = false;
    bool reasons = true;     // the applied rules carry their reasons
    Explanation explanation; // the reasons of the applied rules

    const RuleInfo& rule(int index) const {
        return program->rules[static_cast<std::size_t>(index)];
    }
    // As a new record is, but for the room of its lists and explanation: a
    // batch decides the cases of a thread into one record (decide.hpp).
    void clear() {
        program.reset();
        case_id.clear();
        verdict = ast::Verdict::allow;
        incomplete = false;
        as_of = 0;
        goals = {};
        applied.clear();
        overridden.clear();
        undetermined.clear();
        obligations.clear();
        not_applied.clear();
        missing.clear();
        full = false;
        reasons = true;
        explanation.clear_for_reuse();
    }
    // Reason `index` of the explanation as a tree; empty (node -1) for -1.
    Reason reason(int index) const;
};

// The tree of reason `root` of a block; empty (node -1) for -1.
Reason reason_tree(const Explanation& e, int root);

// What a decision comes to, for a log or an index: the fields a reader
// filters on, without the explanation.
struct DecisionSummary {
    std::string case_id;
    ast::Verdict verdict = ast::Verdict::allow;
    bool incomplete = false;
    ast::Days as_of = 0;
    std::array<ast::Verdict, ast::goal_count> goals{};
};

inline DecisionSummary summary_of(const DecisionRecord& d) {
    return {d.case_id, d.verdict, d.incomplete, d.as_of, d.goals};
}

} // namespace kader
