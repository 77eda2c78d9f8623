// Exceptions against their base rules. An exception replaces its base's
// conclusion when both apply, so three slips would silently change verdicts:
// an exception whose period never meets its base's (it can never apply), a
// goal of its own (it inherits its base's, and a second goal would file the
// verdict under another heading), and a conclusion stricter than its base's
// (which almost always means a separate rule was meant).
#include "lang/checker_internal.hpp"

namespace kader::checking {

namespace {

std::string period(const RuleInfo& r) {
    if (r.from && r.until)
        return fmt::format("from {} until {}", format_date(*r.from), format_date(*r.until));
    if (r.from) return fmt::format("from {}", format_date(*r.from));
    if (r.until) return fmt::format("until {}", format_date(*r.until));
    return "always";
}

// Whether `a` ends before `b` starts (else it starts after `b` ends).
bool ends_too_early(const RuleInfo& a, const RuleInfo& b) {
    return a.until && b.from && *a.until < *b.from;
}

// Whether two effective periods share at least one day.
bool overlap(const RuleInfo& a, const RuleInfo& b) {
    return !ends_too_early(a, b) && !ends_too_early(b, a);
}

} // namespace

void Checker::check_exceptions() {
    for (auto [index, rule] : exception_links_) {
        const RuleInfo& r = p_.rules[static_cast<std::size_t>(index)];
        if (r.exception_to < 0) continue; // unknown base or a circle: reported already
        const RuleInfo& base = p_.rules[static_cast<std::size_t>(r.exception_to)];
        if (rule->common.goal_location.line != 0)
            diags_.error(rule->common.goal_location,
                         fmt::format("exception `{}` has a goal of its own, but an exception "
                                     "takes the goal of its base rule `{}`",
                                     rule->name, base.id),
                         "remove the `goal` line");
        if (!overlap(r, base))
            diags_.error(ends_too_early(r, base) ? rule->common.until->location
                                                 : rule->common.from->location,
                         fmt::format("exception `{}` can never apply: it is in effect {}, and its "
                                     "base rule `{}` is in effect {}",
                                     rule->name, period(r), base.id, period(base)),
                         "an exception only replaces its base rule's conclusion on days both "
                         "are in effect: make the periods meet");
        // An exception to an exception may restore up to what the chain above concluded.
        std::optional<Verdict> above;
        for (int at = r.exception_to, guard = 0; at >= 0 && guard < 1000; ++guard) {
            const RuleInfo& up = p_.rules[static_cast<std::size_t>(at)];
            if (up.verdict && (!above || *up.verdict > *above)) above = up.verdict;
            at = up.exception_to;
        }
        if (r.verdict && above && *r.verdict > *above)
            diags_.warning(rule->name_location,
                           base.verdict == above
                               ? fmt::format("exception `{}` concludes {}, stricter than its base "
                                             "rule `{}` ({})",
                                             rule->name, to_string(*r.verdict), base.id,
                                             to_string(*above))
                               : fmt::format("exception `{}` concludes {}, stricter than every "
                                             "rule it is an exception to (at most {})",
                                             rule->name, to_string(*r.verdict), to_string(*above)),
                           "an exception replaces its base's conclusion; to add a stricter "
                           "verdict, write a rule of its own without `exception to`: the "
                           "strictest verdict of all rules that apply decides");
    }
}

} // namespace kader::checking
