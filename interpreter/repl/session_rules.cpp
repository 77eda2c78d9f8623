// The REPL's rule commands: `:load` more rule files, `:reload` them,
// `:rules` to list the rules and mark those that apply.
#include "interpreter/repl/session.hpp"
#include "interpreter/repl/text.hpp"

#include "interpreter/case_reader.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/evaluator.hpp"
#include "interpreter/render.hpp"
#include "lang/checker.hpp"
#include "lang/file_input.hpp"
#include "lang/json_input.hpp"
#include "lang/parser.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace kader::repl {

Reply Session::load(const std::string& line, const std::string& args, std::size_t at) {
    if (args.empty())
        return fail(line,
                    {"`:load` needs a rule file or folder", "as in `:load my-rules/`", at, 1});
    RuleSources next = rules_;
    next.paths.push_back(args);
    Diagnostics diags;
    auto p = load_rules(next, diags);
    Reply r;
    if (!p) {
        r.text = render(diags) + fmt::format("error: the rule set with `{}` does not compile; the "
                                             "previous rule set stays active\n",
                                             args);
        r.error = true;
        return r;
    }
    for (const auto& d : diags.list())
        if (d.severity == Severity::warning && !is_builtin_rule_file(d.location.input))
            r.text += render(d);
    std::string problems;
    std::optional<Decided> before;
    if (current(problems)) before = std::move(decided_);
    rules_ = std::move(next);
    program_ = std::move(p);
    scope_.reset();
    changed();
    r.text += fmt::format("loaded {}: {}\n", args, summary());
    r.text += after_change(before);
    return r;
}

Reply Session::reload() {
    Diagnostics diags;
    auto p = load_rules(rules_, diags);
    Reply r;
    if (!p) {
        r.text =
            render(diags) +
            fmt::format(
                "error: the rule files do not compile; the previous rule set stays active ({})\n",
                summary());
        r.error = true;
        return r;
    }
    for (const auto& d : diags.list())
        if (d.severity == Severity::warning && !is_builtin_rule_file(d.location.input))
            r.text += render(d);
    bool same = p->fingerprint == program_->fingerprint;
    std::string problems;
    std::optional<Decided> before;
    if (current(problems)) before = std::move(decided_);
    program_ = std::move(p);
    scope_.reset();
    changed();
    r.text += fmt::format("reloaded: {}{}\n", summary(), same ? ", unchanged" : "");
    if (!same) r.text += after_change(before);
    return r;
}

Reply Session::rules(const std::string& args) {
    const Program& p = *program_;
    auto goal = ast::goal_from(args);
    const DecisionRecord* d = nullptr;
    std::string problems;
    if (case_) {
        if (const Decided* now = current(problems)) d = &now->decision;
    }
    auto mark = [&](int index) -> std::string {
        if (!d) return " ";
        for (const auto& a : d->applied)
            if (a.rule == index) return is_overridden(*d, index) ? "~" : "*";
        for (const auto& u : d->undetermined)
            if (u.rule == index) return "?";
        return " ";
    };
    Reply r;
    std::size_t name_width = 0, verdict_width = 0, shown = 0;
    auto wanted = [&](const RuleInfo& rule) {
        if (args.empty()) return true;
        if (goal) return rule.goal == *goal;
        return rule.id.find(args) != std::string::npos;
    };
    for (const auto& rule : p.rules) {
        if (!wanted(rule)) continue;
        name_width = std::max(name_width, rule.id.size() - rule.module.size() - 1);
        verdict_width = std::max(verdict_width, verdict_word(rule.verdict).size());
    }
    for (const auto& m : p.modules) {
        std::vector<int> list;
        for (int i : m.rules)
            if (wanted(p.rules[static_cast<std::size_t>(i)])) list.push_back(i);
        if (list.empty()) continue;
        r.text += fmt::format("{}{} ({} rule{})\n", shown ? "\n" : "", m.name, list.size(),
                              list.size() == 1 ? "" : "s");
        for (int i : list) {
            const RuleInfo& rule = p.rules[static_cast<std::size_t>(i)];
            std::string period;
            if (rule.from) period += " from " + ast::format_date(*rule.from);
            if (rule.until) period += " until " + ast::format_date(*rule.until);
            std::string line = fmt::format(
                "{} {:<{}}  {:<{}}  {}{}", mark(i), rule.id.substr(m.name.size() + 1), name_width,
                verdict_word(rule.verdict), verdict_width, ast::to_string(rule.goal), period);
            r.text += line + "\n";
            ++shown;
        }
    }
    if (shown == 0) {
        std::vector<std::string> goals;
        for (int g = 0; g < ast::goal_count; ++g)
            goals.push_back(ast::to_string(static_cast<ast::Goal>(g)));
        return fail(
            fmt::format("no rule matches `{}`", args),
            fmt::format("filter by a goal ({}) or by part of a rule id", fmt::join(goals, ", ")));
    }
    if (d)
        r.text += fmt::format("\n* applies  ~ overridden  ? undetermined (as of {})\n",
                              ast::format_date(d->as_of));
    return r;
}

} // namespace kader::repl
