#include "interpreter/render.hpp"

#include <fmt/format.h>

namespace kader {

namespace {

// Two levels of reasons under each rule: the parts of its condition, and
// what made each part hold. The full tree is in the JSON and in the REPL's
// `why`; a terminal page should hold a typical decision.
constexpr int max_reason_depth = 2;

// What to show under a reason: a definition is explained by its body, and a
// body that is an `and`/`or` by its parts, so the definition's text (already
// in the rule files) is not repeated.
const std::vector<Reason>& shown_parts(const Reason& r) {
    if (!r.definition.empty() && r.parts.size() == 1) {
        const Reason& body = r.parts.front();
        if (!body.parts.empty() && body.witness.empty()) return body.parts;
    }
    return r.parts;
}

void reason_lines(const Reason& r, int depth, std::string& out) {
    std::string line = fmt::format(
        "{}{}: {}", std::string(static_cast<std::size_t>(6 + 2 * depth), ' '), r.expr, r.value);
    if (!r.witness.empty()) line += fmt::format("  (by {})", r.witness);
    out += line + '\n';
    if (depth >= max_reason_depth) return;
    for (const auto& part : shown_parts(r)) {
        // A part that says what its parent said adds nothing; show its parts instead.
        if (part.expr == r.expr && part.value == r.value) {
            for (const auto& sub : part.parts)
                reason_lines(sub, depth + 1, out);
            continue;
        }
        reason_lines(part, depth + 1, out);
    }
}

// The condition's own line repeats the rule file; start with its parts.
void condition_lines(const Reason& condition, std::string& out) {
    bool split =
        condition.definition.empty() && condition.witness.empty() && !condition.parts.empty();
    if (!split) {
        reason_lines(condition, 1, out);
        return;
    }
    for (const auto& part : condition.parts)
        reason_lines(part, 1, out);
}

std::string verdict_word(const std::optional<ast::Verdict>& v) {
    return v ? ast::to_string(*v) : "obligation";
}

void applied_rule(const DecisionRecord& d, const AppliedRule& a, bool overridden,
                  std::string& out) {
    const RuleInfo& r = d.rule(a.rule);
    out += fmt::format("  {} {}{}\n", verdict_word(a.verdict), r.id,
                       overridden ? "  [overridden]" : "");
    out += fmt::format("      basis: {}\n", r.basis);
    if (!a.message.empty()) out += fmt::format("      {}\n", a.message);
    if (r.review) out += fmt::format("      review: {}\n", *r.review);
    out += fmt::format("      at {}\n", to_string(r.location));
    out += "      because\n";
    condition_lines(a.reason, out);
}

bool is_overridden(const DecisionRecord& d, int rule) {
    for (const auto& o : d.overridden)
        if (o.rule == rule) return true;
    return false;
}

} // namespace

std::string render_text(const DecisionRecord& d) {
    std::string out;
    std::string verdict = ast::to_string(d.verdict);
    for (auto& c : verdict)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    out += fmt::format("{}{}\n", verdict, d.incomplete ? " (incomplete)" : "");
    out += fmt::format("case {}, as of {}\n", d.case_id.empty() ? "(no id)" : d.case_id,
                       ast::format_date(d.as_of));
    if (d.incomplete)
        out += fmt::format("missing facts that could change the verdict: {}\n",
                           fmt::join(d.missing, ", "));
    if (d.applied.empty()) {
        std::size_t rules = d.program->rules.size(), modules = d.program->modules.size();
        out += fmt::format("\nno rule applied; checked {} rule{} in {} module{}: {}\n", rules,
                           rules == 1 ? "" : "s", modules, modules == 1 ? "" : "s",
                           fmt::join(d.program->module_names(), ", "));
    }
    for (int g = 0; g < ast::goal_count; ++g) {
        std::vector<const AppliedRule*> rules;
        for (const auto& a : d.applied)
            if (static_cast<int>(d.rule(a.rule).goal) == g) rules.push_back(&a);
        if (rules.empty()) continue;
        out += fmt::format("\n{}: {}\n", ast::to_string(static_cast<ast::Goal>(g)),
                           ast::to_string(d.goals[static_cast<std::size_t>(g)]));
        for (const AppliedRule* a : rules)
            applied_rule(d, *a, is_overridden(d, a->rule), out);
    }
    if (!d.overridden.empty()) {
        out += "\noverridden\n";
        for (const auto& o : d.overridden) {
            std::vector<std::string> by;
            for (int b : o.by)
                by.push_back(d.rule(b).id);
            out += fmt::format(
                "  {} by {}{}\n", d.rule(o.rule).id, fmt::join(by, ", "),
                o.conflict ? "  [conflict: the exceptions disagree; the most severe wins]" : "");
        }
    }
    if (!d.obligations.empty()) {
        out += "\nobligations\n";
        for (const auto& o : d.obligations)
            out += fmt::format("  {}: {}\n      from {} ({})\n", o.name,
                               o.message.empty() ? "(no message)" : o.message, d.rule(o.rule).id,
                               d.rule(o.rule).basis);
    }
    if (!d.undetermined.empty()) {
        out += "\nundetermined (facts missing)\n";
        for (const auto& u : d.undetermined) {
            const RuleInfo& r = d.rule(u.rule);
            out +=
                fmt::format("  {} could conclude {}; missing: {}\n", r.id, verdict_word(r.verdict),
                            u.missing.empty() ? "(none recorded)"
                                              : fmt::format("{}", fmt::join(u.missing, ", ")));
        }
    }
    if (d.full && !d.not_applied.empty()) {
        out += "\nnot applied\n";
        for (const auto& n : d.not_applied)
            out += fmt::format("  {}: {}\n", d.rule(n.rule).id, n.failed);
    }
    out += fmt::format("\nrule set {}\n", d.program->fingerprint);
    return out;
}

} // namespace kader
