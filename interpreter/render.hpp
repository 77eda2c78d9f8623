#pragma once
// DecisionRecord -> text for people, and JSON for programs (INTERFACES.md).
// Rendering only reads the decision; it decides nothing.
#include "interpreter/decision.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace kader {

nlohmann::ordered_json to_json(const DecisionRecord& d);
std::string render_json(const DecisionRecord& d); // one line, no trailing newline
std::string render_text(const DecisionRecord& d);
// Why a rule did not apply, ending in a newline: one line, or `failed:`
// and the failed part of its condition.
std::string render_why_not(const DecisionRecord& d, const NotAppliedRule& n);
nlohmann::ordered_json to_json(const Program& p, const Reason& r);

} // namespace kader
