#include "interpreter/render.hpp"
#include "interpreter/render_reason.hpp"

#include <fmt/format.h>
#include <set>

namespace kader {

namespace {

// Two levels of reasons under each rule in the brief text: the parts of its
// condition, and what made each part hold. `--explain full` shows all.
constexpr int brief_depth = 1;
// How many facts the first lines name for the deciding rule.
constexpr std::size_t headline_facts = 4;

std::string upper(std::string s) {
    for (auto& c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string verdict_word(const std::optional<ast::Verdict>& v) {
    return v ? ast::to_string(*v) : "obligation";
}

bool is_overridden(const DecisionRecord& d, int rule) {
    for (const auto& o : d.overridden)
        if (o.rule == rule) return true;
    return false;
}

// The provision a basis names first: the text up to its first `;` outside
// parentheses. A basis lists the provision, then its amendments and sources.
std::string provision(const std::string& basis) {
    int depth = 0;
    for (std::size_t i = 0; i < basis.size(); ++i) {
        char c = basis[i];
        if (c == '(') ++depth;
        if (c == ')' && depth > 0) --depth;
        if (c == ';' && depth == 0) return basis.substr(0, i);
    }
    return basis;
}

// The rules that set the verdict: applied, not overridden, concluding it.
std::vector<const AppliedRule*> deciding_rules(const DecisionRecord& d) {
    std::vector<const AppliedRule*> out;
    for (const auto& a : d.applied)
        if (a.verdict == d.verdict && !is_overridden(d, a.rule)) out.push_back(&a);
    return out;
}

// The facts a reason rests on, depth first, each once: the elements that
// decided and the facts read with their values (not the missing ones, nor
// the field that already names a witness).
void key_facts(const Reason& r, std::vector<std::string>& out, std::set<std::string>& named) {
    auto add = [&](std::string s) {
        if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
    };
    if (r.witness) {
        add(show(*r.witness));
        // The fact that names the element adds nothing beside it.
        named.insert(r.witness->field.empty() ? r.witness->path
                                              : r.witness->path + "." + r.witness->field);
    }
    for (const auto& f : r.facts)
        if (f.value.kind != ShownValue::Kind::unknown &&
            f.value.kind != ShownValue::Kind::boolean && !named.count(f.path))
            add(show(f));
    for (const auto& p : r.parts)
        key_facts(p, out, named);
}

void headline(const DecisionRecord& d, std::string& out) {
    std::string verdict = upper(ast::to_string(d.verdict)) + (d.incomplete ? " (incomplete)" : "");
    auto deciding = deciding_rules(d);
    if (deciding.empty()) {
        out += fmt::format("{} — {}\n", verdict,
                           d.applied.empty() ? "no rule applies"
                                             : "no rule that applied concludes more than allow");
        return;
    }
    const AppliedRule& a = *deciding.front();
    const RuleInfo& r = d.rule(a.rule);
    std::vector<std::string> facts;
    std::set<std::string> named;
    key_facts(d.reason(a.reason), facts, named);
    if (facts.size() > headline_facts) facts.resize(headline_facts);
    out += fmt::format("{} — {}{}\n", verdict, provision(r.basis),
                       facts.empty() ? "" : fmt::format(": {}", fmt::join(facts, ", ")));
    if (!a.message.empty()) out += fmt::format("  {}\n", a.message);
    out += fmt::format("  decided by {}", r.id);
    if (deciding.size() > 1)
        out += fmt::format(" and {} more rule{} concluding {}", deciding.size() - 1,
                           deciding.size() == 2 ? "" : "s", ast::to_string(d.verdict));
    out += '\n';
}

// Goals with a verdict above allow, most severe first; the rest in one line.
void goals_line(const DecisionRecord& d, std::string& out) {
    std::vector<std::pair<ast::Verdict, int>> raised;
    std::vector<std::string> allowed;
    for (int g = 0; g < ast::goal_count; ++g) {
        ast::Verdict v = d.goals[static_cast<std::size_t>(g)];
        if (v == ast::Verdict::allow)
            allowed.push_back(ast::to_string(static_cast<ast::Goal>(g)));
        else
            raised.emplace_back(v, g);
    }
    std::stable_sort(raised.begin(), raised.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> parts;
    for (const auto& [v, g] : raised)
        parts.push_back(
            fmt::format("{} {}", ast::to_string(static_cast<ast::Goal>(g)), ast::to_string(v)));
    if (!allowed.empty()) parts.push_back(fmt::format("allow: {}", fmt::join(allowed, ", ")));
    out += fmt::format("goals: {}\n", fmt::join(parts, "; "));
}

void review_lines(const DecisionRecord& d, const AppliedRule& a, std::string& out) {
    const RuleInfo& r = d.rule(a.rule);
    if (r.review) out += fmt::format("      review: {}\n", *r.review);
    for (int s : sets_to_review(d, a)) {
        const NamedSet& set = d.program->sets[static_cast<std::size_t>(s)];
        out += fmt::format("      review ({}, {}): {}\n", set.name, set.data_file, set.reliability);
    }
}

// A table's rows share its basis: the first row shown cites it, later ones
// refer to it. A row that cites its own provision shows that.
std::string basis_line(const DecisionRecord& d, const RuleInfo& r,
                       std::map<int, std::string>& cited) {
    if (r.table < 0 || r.basis != d.program->tables[static_cast<std::size_t>(r.table)].basis)
        return r.basis;
    auto [at, fresh] = cited.try_emplace(r.table, r.id);
    if (fresh) return r.basis;
    return fmt::format("as for {} (table {})", at->second,
                       d.program->tables[static_cast<std::size_t>(r.table)].id);
}

struct RuleWriter {
    const DecisionRecord& d;
    ReasonPrinter reasons;
    std::map<int, std::string> cited; // table -> the row that cited its basis

    void applied(const AppliedRule& a, std::string& out) {
        const RuleInfo& r = d.rule(a.rule);
        out +=
            fmt::format("  {} {}  [{}]{}\n", verdict_word(a.verdict), r.id, ast::to_string(r.goal),
                        is_overridden(d, a.rule) ? "  [overridden]" : "");
        out += fmt::format("      basis: {}\n", basis_line(d, r, cited));
        if (!a.message.empty()) out += fmt::format("      {}\n", a.message);
        review_lines(d, a, out);
        out += fmt::format("      at {}\n", to_string(r.location));
        if (!d.reasons) return; // `--explain rules`
        out += "      because\n";
        reasons.condition(d.reason(a.reason), 8, r.id, out);
    }
};

void overridden_lines(const DecisionRecord& d, std::string& out) {
    if (d.overridden.empty()) return;
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

void obligation_lines(const DecisionRecord& d, std::string& out) {
    if (d.obligations.empty()) return;
    out += "\nobligations\n";
    for (const auto& o : d.obligations)
        out += fmt::format("  {}: {}\n      from {}\n      basis: {}\n", o.name,
                           o.message.empty() ? "(no message)" : o.message, d.rule(o.rule).id,
                           d.rule(o.rule).basis);
}

// The other facts an undetermined rule misses besides `path`: the answer to
// one question may move the verdict only with these answered too.
std::vector<std::string> also_missing(const DecisionRecord& d, int rule, const std::string& path) {
    std::vector<std::string> out;
    for (const auto& u : d.undetermined)
        if (u.rule == rule)
            for (const auto& m : u.missing)
                if (m != path) out.push_back(m);
    return out;
}

// The rules that read a missing fact, each with what it would conclude and
// the other facts it needs.
std::string rules_concluding(const DecisionRecord& d, const MissingFact& m) {
    std::vector<std::string> ids;
    for (int r : m.rules) {
        std::string s = fmt::format("{}: {}", d.rule(r).id, verdict_word(d.rule(r).verdict));
        auto others = also_missing(d, r, m.path);
        if (!others.empty()) s += fmt::format(", also missing {}", fmt::join(others, ", "));
        ids.push_back(std::move(s));
    }
    return fmt::format("{}", fmt::join(ids, "; "));
}

void missing_lines(const DecisionRecord& d, std::string& out) {
    if (d.missing.empty()) return;
    out += "\nmissing facts that could change the verdict, the most decisive first\n";
    int n = 0;
    for (const auto& m : d.missing) {
        out += fmt::format("  {}. {}  [{}]\n", ++n, question_text(*d.program, m.path), m.path);
        std::vector<std::string> moves;
        if (m.could_raise_to)
            moves.push_back(std::string("raise it to ") + ast::to_string(*m.could_raise_to));
        if (m.could_lower_to)
            moves.push_back(std::string("lower it to ") + ast::to_string(*m.could_lower_to));
        out +=
            fmt::format("     could {} ({})\n", fmt::join(moves, " or "), rules_concluding(d, m));
    }
}

void undetermined_lines(const DecisionRecord& d, std::string& out) {
    if (d.undetermined.empty()) return;
    out += "\nundetermined (facts missing)\n";
    for (const auto& u : d.undetermined) {
        const RuleInfo& r = d.rule(u.rule);
        out += fmt::format("  {} could conclude {}; missing: {}\n", r.id, verdict_word(r.verdict),
                           u.missing.empty() ? "(none recorded)"
                                             : fmt::format("{}", fmt::join(u.missing, ", ")));
    }
}

} // namespace

std::string render_why_not(const DecisionRecord& d, const NotAppliedRule& n) {
    ReasonPrinter reasons(*d.program, d.full ? -1 : brief_depth);
    const RuleInfo& r = d.rule(n.rule);
    switch (n.why) {
    case NotAppliedRule::Why::not_in_effect:
        return fmt::format("not in effect on {} (effective{}{})\n", ast::format_date(d.as_of),
                           r.from ? " from " + ast::format_date(*r.from) : "",
                           r.until ? " until " + ast::format_date(*r.until) : "");
    case NotAppliedRule::Why::earlier_row_applied:
        return fmt::format("{} applied first (table {} is `hit first`)\n",
                           n.other >= 0 ? d.rule(n.other).id : "an earlier row",
                           d.program->tables[static_cast<std::size_t>(r.table)].id);
    case NotAppliedRule::Why::parent_did_not_apply:
        return fmt::format("it is an exception to {}, which did not apply\n", d.rule(n.other).id);
    case NotAppliedRule::Why::condition_failed:
        break;
    }
    std::string out = "failed:\n";
    reasons.tree(d.reason(n.condition), 6, {}, out);
    return out;
}

namespace {

void not_applied_lines(const DecisionRecord& d, std::string& out) {
    if (!d.full || d.not_applied.empty()) return;
    out += "\nnot applied\n";
    for (const auto& n : d.not_applied)
        out += fmt::format("  {}: {}", d.rule(n.rule).id, render_why_not(d, n));
}

} // namespace

std::string render_text(const DecisionRecord& d) {
    std::string out;
    headline(d, out);
    out += fmt::format("case {}, as of {}\n", d.case_id.empty() ? "(no id)" : d.case_id,
                       ast::format_date(d.as_of));
    goals_line(d, out);
    missing_lines(d, out);
    if (d.applied.empty()) {
        std::size_t rules = d.program->rules.size(), modules = d.program->modules.size();
        out += fmt::format("\nno rule applied; checked {} rule{} in {} module{}: {}\n", rules,
                           rules == 1 ? "" : "s", modules, modules == 1 ? "" : "s",
                           fmt::join(d.program->module_names(), ", "));
    }
    RuleWriter rules{d, ReasonPrinter(*d.program, d.full ? -1 : brief_depth), {}};
    auto deciding = deciding_rules(d);
    if (!deciding.empty()) {
        out += "\ndeciding\n";
        for (const AppliedRule* a : deciding)
            rules.applied(*a, out);
    }
    bool header = false;
    for (const auto& a : d.applied) {
        if (std::find(deciding.begin(), deciding.end(), &a) != deciding.end()) continue;
        if (!header) out += "\nalso applied\n";
        header = true;
        rules.applied(a, out);
    }
    overridden_lines(d, out);
    obligation_lines(d, out);
    undetermined_lines(d, out);
    not_applied_lines(d, out);
    out += fmt::format("\nrule set {}\n", d.program->fingerprint);
    return out;
}

} // namespace kader
