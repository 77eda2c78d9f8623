#pragma once
// Case + program -> decision: which rules apply on the evaluation date,
// which exceptions override them, what the verdict is per goal, what is
// undetermined for lack of facts.
#include "interpreter/case_data.hpp"
#include "interpreter/decision.hpp"
#include "lang/diagnostic.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kader {

struct DecideOptions {
    std::optional<ast::Days> as_of; // default: the case's own date
    bool full = false;              // also explain every rule that did not apply
    // False: the applied rules without their reason trees (`--explain
    // rules`): the verdict, the rules that applied with their messages, what
    // was overridden, what is missing. Building and writing the trees is
    // most of what a decision costs once the rules have been evaluated.
    bool reasons = true;
};

// Sets the explanation level by the name every interface gives it: "rules",
// "brief" (the default) or "full". False, leaving `options` as they were, for
// any other name.
bool set_explain(DecideOptions& options, std::string_view level);

// Nothing, with an error in `diags` (named by `origin`), when there is no
// date to decide as of: neither the case's `date` nor `options.as_of`. The
// rules in force on some default day would decide another case than the
// one asked about, so no caller gets one.
std::optional<DecisionRecord> decide(const std::shared_ptr<const Program>& program,
                                     const CaseData& c, const DecideOptions& options,
                                     const std::string& origin, Diagnostics& diags);
// The same into `into`, emptied first, whose lists and explanation keep the
// room they have (up to a bound): a caller deciding many cases decides each
// into the same record. False, with the error in `diags`, when there is no
// date to decide as of (`into` is then of no use).
bool decide(const std::shared_ptr<const Program>& program, const CaseData& c,
            const DecideOptions& options, const std::string& origin, Diagnostics& diags,
            DecisionRecord& into);

} // namespace kader
