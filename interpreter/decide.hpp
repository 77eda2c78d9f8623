#pragma once
// Case + program -> decision: which rules apply on the evaluation date,
// which exceptions override them, what the verdict is per goal, what is
// undetermined for lack of facts.
#include "interpreter/case_data.hpp"
#include "interpreter/decision.hpp"

#include <memory>
#include <optional>

namespace kader {

struct DecideOptions {
    std::optional<ast::Days> as_of; // default: the case's own date
    bool full = false;              // also explain every rule that did not apply
};

DecisionRecord decide(const std::shared_ptr<const Program>& program, const CaseData& c,
                      const DecideOptions& options = {});

} // namespace kader
