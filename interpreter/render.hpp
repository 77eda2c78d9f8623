#pragma once
// DecisionRecord -> text for people, and JSON for programs (INTERFACES.md).
// Rendering only reads the decision; it decides nothing.
#include "interpreter/decision.hpp"

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace kader {

// The parts of a decision's JSON that depend on the rules alone: each
// rule's id, goal, basis and place, each expression's text and place, the
// rule set's fingerprint. A batch writes them for every case; they are
// written once here, each the first time it is needed, and then copied.
// Not thread-safe: one per thread. The program must outlive it.
class JsonFragments {
public:
    explicit JsonFragments(const Program& program);
    const Program& program() const { return program_; }

    // Object members, comma-separated, without braces:
    std::string_view ruleset();            // "ruleset":{...}
    std::string_view rule_id(int rule);    // "rule":"ID"
    std::string_view rule_law(int rule);   // "goal":..,"basis":..
    std::string_view rule_place(int rule); // "location":..[,"review":..]
    std::string_view node(int node);       // "expr":..,"location":..
    // "verdict":..,"incomplete":..
    std::string_view outcome(ast::Verdict verdict, bool incomplete);
    // "goals":{..}: few cases differ in all five, so each mix is written once.
    std::string_view goals(const std::array<ast::Verdict, ast::goal_count>& goals);
    // Where a decision is written before it is appended where it goes:
    // room made once, not per decision.
    std::string& scratch() { return scratch_; }

private:
    struct Span {
        std::uint32_t offset = 0, length = 0; // length 0: not written yet
    };
    template <class Write> std::string_view cached(Span& span, Write&& write);

    const Program& program_;
    std::string text_; // every fragment written so far, one after the other
    Span ruleset_;
    std::vector<Span> rule_ids_, rule_laws_, rule_places_, nodes_;
    std::array<Span, 2 * ast::verdict_count> outcomes_;
    std::vector<Span> goal_mixes_; // one per mix of goal verdicts: 5^5
    std::string scratch_;
};

nlohmann::ordered_json to_json(const DecisionRecord& d);
std::string render_json(const DecisionRecord& d); // one line, no trailing newline
// The same bytes, with the fragments of `fragments` when it is for d's rule set.
std::string render_json(const DecisionRecord& d, JsonFragments& fragments);
// The same bytes at the end of `out`: a batch writes its decisions one after
// the other into room it keeps.
void render_json(const DecisionRecord& d, JsonFragments& fragments, std::string& out);
std::string render_text(const DecisionRecord& d);
// Why a rule did not apply, ending in a newline: one line, or `failed:`
// and the failed part of its condition.
std::string render_why_not(const DecisionRecord& d, const NotAppliedRule& n);

} // namespace kader
