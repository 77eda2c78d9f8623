#pragma once
// Words and JSON for changes of decisions and their causes (kader diff,
// kader replay). Only renderers write words.
#include "interpreter/decision_compare.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace kader {

// "entry 853221 added to set sanctions.russia.annex_vii"
std::string describe(const Cause& cause);
nlohmann::ordered_json to_json(const Cause& cause);

// "allow -> prohibited", or "prohibited (verdict unchanged)".
std::string describe_transition(const DecisionChange& change);
// The changes other than the verdict's, one per line, each indented by `indent`, ending in
// newlines.
std::string describe_changes(const DecisionChange& change, const std::string& indent);
nlohmann::ordered_json to_json(const DecisionChange& change);

} // namespace kader
