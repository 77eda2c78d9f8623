#pragma once
// Replaying a decision log: each logged case decided again, with the rule
// set it was logged with (which must give the logged decision byte for byte:
// a check of the log) or with another one, as of the logged day or another.
// Bitemporal: "decided on 1 March 2023 with the rules known then" against
// "the same day with the rules known now".
#include "interpreter/decision_compare.hpp"
#include "interpreter/decision_log.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace kader {

struct ReplayOptions {
    // The rules to decide with; null: each decision's own logged rule set.
    std::shared_ptr<const Program> rules;
    std::optional<ast::Days> as_of; // default: as logged
    LogFilter filter;
};

struct ReplayResult {
    LoggedDecision logged;
    // The logged rule set, as of the logged day, gave the logged decision
    // byte for byte. False means the log, or the engine, changed.
    bool reproduced = false;
    // Compared with the decision now asked for (other rules or another
    // day); none when that is the logged rule set and day.
    std::optional<DecisionChange> change;
    // The case could not be decided again (e.g. it no longer reads under
    // today's schema): what went wrong, and no change.
    Diagnostics problems;
};

// Calls `each` per logged decision, in id order. False, with the errors in
// `diags`, when the log cannot be read or a logged rule set is missing or
// damaged (then no further decision is replayed).
bool replay(DecisionLog& log, const ReplayOptions& options,
            const std::function<void(const ReplayResult&)>& each, Diagnostics& diags);

} // namespace kader
