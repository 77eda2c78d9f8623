// Exceptions: linked to their base rules, then checked against them. An
// exception replaces its base's conclusion when both apply, so three slips
// would silently change verdicts:
// an exception whose period never meets its base's (it can never apply), a
// goal of its own (it inherits its base's, and a second goal would file the
// verdict under another heading), and a conclusion stricter than its base's
// (which almost always means a separate rule was meant).
#include "lang/checker_internal.hpp"

#include <algorithm>

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

// `exception to R`: each exception linked to its base rule (by name, in its
// own module or an imported one), circles refused, goals inherited.
void Checker::link_exceptions() {
    for (auto [index, rule] : exception_links_) {
        RuleInfo& r = p_.rules[static_cast<std::size_t>(index)];
        std::string target = *rule->exception_to;
        int module = module_by_name_[r.module];
        std::string name = target;
        if (auto dot = target.rfind('.'); dot != std::string::npos) {
            std::string prefix = target.substr(0, dot);
            name = target.substr(dot + 1);
            auto& aliases = module_info(module).imports;
            if (auto a = aliases.find(prefix); a != aliases.end())
                module = a->second;
            else if (auto f = module_by_name_.find(prefix); f != module_by_name_.end())
                module = f->second;
            else {
                diags_.error(
                    Code::exception_unknown_rule, rule->exception_location,
                    fmt::format("unknown module `{}` in `exception to {}`", prefix, target));
                continue;
            }
        }
        auto it = rule_by_name_.find({module, name});
        if (it == rule_by_name_.end()) {
            std::vector<std::string> names;
            for (const auto& [key, _] : rule_by_name_)
                if (key.first == module) names.push_back(key.second);
            diags_.error(Code::exception_unknown_rule, rule->exception_location,
                         fmt::format("`exception to` names an unknown rule `{}`", target),
                         did_you_mean(name, names));
            continue;
        }
        if (it->second == index) {
            diags_.error(Code::exception_to_itself, rule->exception_location,
                         fmt::format("rule `{}` cannot be an exception to itself", rule->name));
            continue;
        }
        r.exception_to = it->second;
        p_.rules[static_cast<std::size_t>(it->second)].exceptions.push_back(index);
    }
    // Cycles among exceptions, and goals inherited along the chain.
    for (std::size_t i = 0; i < p_.rules.size(); ++i) {
        std::vector<int> chain{static_cast<int>(i)};
        int at = p_.rules[i].exception_to;
        bool cycle = false;
        while (at >= 0) {
            if (std::find(chain.begin(), chain.end(), at) != chain.end()) {
                cycle = true;
                break;
            }
            chain.push_back(at);
            at = p_.rules[static_cast<std::size_t>(at)].exception_to;
        }
        if (cycle) {
            std::vector<std::string> ids;
            for (int c : chain)
                ids.push_back(p_.rules[static_cast<std::size_t>(c)].id);
            if (std::min_element(chain.begin(), chain.end()) == chain.begin() ||
                chain.front() == *std::min_element(chain.begin(), chain.end()))
                diags_.error(Code::exception_cycle, p_.rules[i].location,
                             fmt::format("exceptions form a circle: {} -> {}",
                                         fmt::join(ids, " -> "), ids.front()));
            p_.rules[i].exception_to = -1;
            continue;
        }
    }
    for (auto [index, rule] : exception_links_) {
        if (rule->common.goal) continue;
        int at = p_.rules[static_cast<std::size_t>(index)].exception_to;
        for (int guard = 0; at >= 0 && guard < 1000; ++guard) {
            const Rule* base = nullptr;
            for (auto [i, r] : exception_links_)
                if (i == at) base = r;
            if (!base || base->common.goal) break;
            at = p_.rules[static_cast<std::size_t>(at)].exception_to;
        }
        if (at >= 0)
            p_.rules[static_cast<std::size_t>(index)].goal =
                p_.rules[static_cast<std::size_t>(at)].goal;
    }
}

void Checker::check_exceptions() {
    for (auto [index, rule] : exception_links_) {
        const RuleInfo& r = p_.rules[static_cast<std::size_t>(index)];
        if (r.exception_to < 0) continue; // unknown base or a circle: reported already
        const RuleInfo& base = p_.rules[static_cast<std::size_t>(r.exception_to)];
        if (rule->common.goal_location.line != 0)
            diags_.error(Code::exception_goal, rule->common.goal_location,
                         fmt::format("exception `{}` has a goal of its own, but an exception "
                                     "takes the goal of its base rule `{}`",
                                     rule->name, base.id),
                         "remove the `goal` line");
        if (!overlap(r, base))
            diags_.error(Code::exception_never_applies,
                         ends_too_early(r, base) ? rule->common.until->location
                                                 : rule->common.from->location,
                         fmt::format("exception `{}` can never apply: it is in effect {}, and its "
                                     "base rule `{}` is in effect {}",
                                     rule->name, period(r), base.id, period(base)),
                         "an exception only replaces its base rule's conclusion on days both "
                         "are in effect: make the periods meet",
                         {related(base.location, fmt::format("the base rule `{}`", base.id))});
        // An exception to an exception may restore up to what the chain above concluded.
        std::optional<Verdict> above;
        for (int at = r.exception_to, guard = 0; at >= 0 && guard < 1000; ++guard) {
            const RuleInfo& up = p_.rules[static_cast<std::size_t>(at)];
            if (up.verdict && (!above || *up.verdict > *above)) above = up.verdict;
            at = up.exception_to;
        }
        if (r.verdict && above && *r.verdict > *above)
            diags_.warning(Code::exception_stricter, rule->name_location,
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
                           "strictest verdict of all rules that apply decides",
                           {related(base.location, fmt::format("the base rule `{}`", base.id))});
    }
}

} // namespace kader::checking
