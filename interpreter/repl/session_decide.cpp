// The REPL's deciding commands: `eval`, `why`, `whatif` and `:asof`, and
// the decisions they compare.
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

std::optional<Session::Decided> Session::decide_json(const Json& c, std::optional<ast::Days> as_of,
                                                     std::string& problems) const {
    // One reading of the case: its data, or the problems that keep it from being decided.
    Diagnostics diags;
    auto data = read_case(*program_, c, "case", diags);
    if (!data) {
        auto list = problems_of(diags);
        problems = list.empty() ? render(diags)
                                : fmt::format("the case does not fit the schema yet:\n{}",
                                              problems_text(list));
        return std::nullopt;
    }
    return decide_data(std::move(*data), as_of, problems);
}

std::optional<Session::Decided> Session::decide_data(CaseData data, std::optional<ast::Days> as_of,
                                                     std::string& problems) const {
    DecideOptions options;
    options.as_of = as_of;
    options.full = true;
    Diagnostics diags;
    auto decision = decide(program_, data, options, "case", diags);
    if (!decision) {
        problems = render(diags);
        return std::nullopt;
    }
    return Decided{std::move(data), std::move(*decision)};
}

const Session::Decided* Session::current(std::string& problems) {
    if (decided_) return &*decided_;
    if (!case_) {
        problems = "there is no case yet";
        return nullptr;
    }
    decided_ = decide_json(*case_, as_of_, problems);
    return decided_ ? &*decided_ : nullptr;
}

std::string Session::after_change(const std::optional<Decided>& before) {
    if (!case_) return {};
    std::string problems;
    const Decided* now = current(problems);
    if (!now) {
        auto list = case_problems(*program_, *case_);
        if (list.empty()) return problems;
        return fmt::format("not decided yet; the case still needs:\n{}", problems_text(list, 5));
    }
    return before ? diff(before->decision, now->decision) : digest(now->decision);
}

Reply Session::eval(const std::string& line, const std::string& args, std::size_t at) {
    bool full = false, json = false;
    std::size_t i = 0;
    while (i < args.size()) {
        std::size_t j = i;
        while (j < args.size() && !is_space(args[j]))
            ++j;
        std::string word = args.substr(i, j - i);
        if (word == "full")
            full = true;
        else if (word == "json")
            json = true;
        else
            return fail(line, {fmt::format("`eval` takes `full` and `json`, not `{}`", word),
                               {},
                               at + i,
                               word.size()});
        while (j < args.size() && is_space(args[j]))
            ++j;
        i = j;
    }
    Reply r;
    const Decided* now = decision_now(r);
    if (!now) return r;
    DecisionRecord d = now->decision;
    d.full = full;
    if (json) return {to_json(d).dump(2) + "\n"};
    return {render_text(d)};
}

int Session::find_rule(const std::string& name, InputError& error, bool& ambiguous) const {
    ambiguous = false;
    const Program& p = *program_;
    if (int i = p.rule_index(name); i >= 0) return i;
    std::vector<int> found;
    for (std::size_t i = 0; i < p.rules.size(); ++i) {
        const std::string& id = p.rules[i].id;
        if (id.size() > name.size() &&
            id.compare(id.size() - name.size(), name.size(), name) == 0 &&
            id[id.size() - name.size() - 1] == '.')
            found.push_back(static_cast<int>(i));
    }
    if (found.size() == 1) return found.front();
    std::vector<std::string> ids;
    if (found.size() > 1) {
        for (int f : found)
            ids.push_back(p.rules[static_cast<std::size_t>(f)].id);
        ambiguous = true;
        error.message = fmt::format("several rules are called `{}`", name);
        error.help = fmt::format("name one by its full id: {}", fmt::join(ids, ", "));
        return -1;
    }
    for (const auto& r : p.rules) {
        ids.push_back(r.id);
        ids.push_back(r.id.substr(r.module.size() + 1));
    }
    auto best = closest_name(name, ids);
    error.code = Code::repl_state;
    error.message = fmt::format("no rule `{}`", name);
    error.help = best ? fmt::format("did you mean `{}`?", *best) : "`:rules` lists the rules";
    return -1;
}

Reply Session::why(const std::string& line, const std::string& args, std::size_t at) {
    if (!args.empty()) {
        bool name_like = std::all_of(args.begin(), args.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '#';
        });
        if (name_like) {
            InputError error;
            bool ambiguous = false;
            int rule = find_rule(args, error, ambiguous);
            if (rule >= 0) return why_rule(rule);
            error.column = at;
            error.length = args.size();
            if (ambiguous) return fail(line, error);
            // Not a rule: perhaps a definition or another expression.
            Source probe("<input>", args);
            Diagnostics diags;
            auto e = parse_expression(probe, diags);
            int frame = 0;
            if (!e || diags.has_errors() || scope().resolve(*e, diags, frame) < 0)
                return fail(line, error);
        }
        return expression(line, args, at, true);
    }
    Reply r;
    const Decided* now = decision_now(r);
    if (!now) return r;
    const DecisionRecord& d = now->decision;
    std::string verdict = ast::to_string(d.verdict);
    for (auto& c : verdict)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    r.text = fmt::format("{}{}, as of {}\n", verdict, d.incomplete ? " (incomplete)" : "",
                         ast::format_date(d.as_of));
    if (d.applied.empty())
        r.text +=
            fmt::format("\nno rule applied ({} rules checked); `why RULE` shows why one did not\n",
                        program_->rules.size());
    for (const auto& a : d.applied) {
        const RuleInfo& rule = d.rule(a.rule);
        r.text += fmt::format("\n{}  {}{}\n", verdict_word(a.verdict), rule.id,
                              is_overridden(d, a.rule) ? "  [overridden]" : "");
        if (!a.message.empty()) r.text += fmt::format("  {}\n", a.message);
        r.text += fmt::format("  basis: {}\n  because\n", rule.basis);
        tree(*program_, d.reason(a.reason), 2, r.text);
    }
    if (!d.overridden.empty()) {
        r.text += "\noverridden\n";
        for (const auto& o : d.overridden) {
            std::vector<std::string> by;
            for (int b : o.by)
                by.push_back(d.rule(b).id);
            r.text += fmt::format("  {} by {}\n", d.rule(o.rule).id, fmt::join(by, ", "));
        }
    }
    if (!d.undetermined.empty()) {
        r.text += "\nundetermined (facts missing)\n";
        for (const auto& u : d.undetermined)
            r.text +=
                fmt::format("  {} could conclude {}; missing: {}\n", d.rule(u.rule).id,
                            verdict_word(d.rule(u.rule).verdict),
                            u.missing.empty() ? "(none recorded)"
                                              : fmt::format("{}", fmt::join(u.missing, ", ")));
    }
    return r;
}

Reply Session::why_rule(int index) {
    Reply r;
    const Decided* now = decision_now(r);
    if (!now) return r;
    const DecisionRecord& d = now->decision;
    const RuleInfo& rule = program_->rules[static_cast<std::size_t>(index)];
    auto traced = [&] {
        Evaluator ev(*program_, now->data);
        Reason reason;
        ev.condition(rule, reason);
        std::string out;
        tree(*program_, reason, 1, out);
        return out;
    };
    for (const auto& a : d.applied) {
        if (a.rule != index) continue;
        if (is_overridden(d, index)) {
            std::vector<std::string> by;
            for (const auto& o : d.overridden)
                if (o.rule == index)
                    for (int b : o.by)
                        by.push_back(d.rule(b).id);
            r.text = fmt::format(
                "{} applies, but is overridden by {}: the exception's conclusion replaces its {}\n",
                rule.id, fmt::join(by, ", "), verdict_word(a.verdict));
        } else {
            r.text = fmt::format("{} applies: {}\n", rule.id, verdict_word(a.verdict));
        }
        if (!a.message.empty()) r.text += fmt::format("  {}\n", a.message);
        r.text += rule_header(rule) + "because\n";
        tree(*program_, d.reason(a.reason), 1, r.text);
        return r;
    }
    for (const auto& u : d.undetermined) {
        if (u.rule != index) continue;
        r.text = fmt::format(
            "{} is undetermined: it could conclude {}, but facts are missing: {}\n", rule.id,
            verdict_word(rule.verdict),
            u.missing.empty() ? "(none recorded)" : fmt::format("{}", fmt::join(u.missing, ", ")));
        r.text += rule_header(rule) + "because\n" + traced();
        return r;
    }
    std::string failed;
    for (const auto& n : d.not_applied)
        if (n.rule == index) failed = render_why_not(d, n);
    if (!rule.in_effect(d.as_of)) {
        r.text = fmt::format("{} does not apply: {}", rule.id, failed) + rule_header(rule);
        return r;
    }
    Evaluator ev(*program_, now->data);
    if (ev.condition(rule).is_false()) {
        r.text = fmt::format("{} does not apply: its condition is false\n", rule.id) +
                 rule_header(rule) + "because\n" + traced();
        return r;
    }
    r.text = fmt::format("{} does not apply: {}", rule.id, failed) + rule_header(rule);
    return r;
}

namespace {

// The changes of a `whatif`, split at each `;` outside quotes and brackets:
// each with its offset in `args`.
std::vector<std::pair<std::string, std::size_t>> whatif_parts(const std::string& args) {
    std::vector<std::pair<std::string, std::size_t>> parts;
    BracketScan scan;
    std::size_t begin = 0;
    for (std::size_t i = 0; i <= args.size(); ++i) {
        bool split = i == args.size() ||
                     (args[i] == ';' && scan.depth == 0 && !scan.quoted && !scan.escaped);
        if (!split) {
            scan.feed(std::string_view(args).substr(i, 1));
            continue;
        }
        auto [b, e] = trimmed(args, begin, i);
        parts.push_back({args.substr(b, e - b), b});
        begin = i + 1;
    }
    return parts;
}

} // namespace

// One change of a `whatif`, made on `next` (or on the as-of date): its
// description, or nullopt with the error in `r`.
std::optional<std::string> Session::whatif_change(const std::string& line, const std::string& args,
                                                  std::size_t at, Json& next,
                                                  std::optional<ast::Days>& as_of, Reply& r) const {
    std::size_t word_end = 0;
    while (word_end < args.size() && !is_space(args[word_end]))
        ++word_end;
    std::string word = args.substr(0, word_end);
    auto [rb, re] = trimmed(args, word_end);
    std::string rest = args.substr(rb, re - rb);
    if (word == "asof" || word == ":asof") {
        auto day = ast::parse_date(rest);
        if (!day) {
            r = fail(line, {"expected a date in the calendar, as in 2022-02-26",
                            {},
                            at + rb,
                            std::max<std::size_t>(1, rest.size())});
            return std::nullopt;
        }
        as_of = day;
        return fmt::format("it were decided as of {}", rest);
    }
    EditKind kind = EditKind::set;
    std::string edit_args = args;
    std::size_t edit_at = at;
    if (word == "set" || word == "unset" || word == "add" || word == "remove") {
        kind = word == "set"     ? EditKind::set
               : word == "unset" ? EditKind::unset
               : word == "add"   ? EditKind::add
                                 : EditKind::remove;
        edit_args = rest;
        edit_at = at + rb;
    }
    InputError error;
    auto e = parse_edit(kind, edit_args, edit_at, error);
    if (!e) {
        r = fail(line, error);
        return std::nullopt;
    }
    const Json* old = value_at(next, e->path);
    std::string was = old ? brief(*old) : "absent";
    std::string where = e->path.text();
    std::string change;
    switch (kind) {
    case EditKind::set:
        if (e->value.is_null())
            change = fmt::format("{} were unknown (instead of {})", where, was);
        else if (old && *old == e->value)
            change = fmt::format("{} = {} (it already is)", where, brief(e->value));
        else
            change = fmt::format("{} = {} (instead of {})", where, brief(e->value), was);
        break;
    case EditKind::unset:
        change = fmt::format("{} were unknown (instead of {})", where, was);
        break;
    case EditKind::add:
        change = fmt::format("{} also had {}", where, brief(e->value));
        break;
    case EditKind::remove:
        change = fmt::format("{} were taken out ({})", where, was);
        break;
    }
    auto before_problems = case_problems(*program_, next);
    if (!apply_edit(*program_, next, *e, error)) {
        r = fail(line, error);
        return std::nullopt;
    }
    auto fresh = new_problems(before_problems, case_problems(*program_, next));
    if (!fresh.empty()) {
        bool value = kind == EditKind::set || kind == EditKind::add;
        r = fail(line, {fresh.front().message, fresh.front().help,
                        value ? e->value_column : e->path.column,
                        value ? e->value_length : e->path.length, fresh.front().code});
        for (std::size_t i = 1; i < fresh.size(); ++i)
            r.text += render_error(
                "", {fresh[i].message, fresh[i].help, std::string::npos, 1, fresh[i].code});
        return std::nullopt;
    }
    return change;
}

// `whatif CHANGE; CHANGE; ...`: the decision with all the changes made
// together, against the decision now; the case itself stays as it is.
Reply Session::whatif(const std::string& line, const std::string& args, std::size_t at) {
    Reply r;
    if (!need_case(r)) return r;
    if (args.empty())
        return fail(line, {"`whatif` needs a change",
                           "as in `whatif destination = \"RU\"` (see `:help whatif`)", at, 1});
    Json next = *case_;
    std::optional<ast::Days> as_of = as_of_;
    std::vector<std::string> changes;
    for (const auto& [part, offset] : whatif_parts(args)) {
        if (part.empty())
            return fail(line, {"an empty change between `;`", "write one change between each `;`",
                               at + offset, 1});
        auto change = whatif_change(line, part, at + offset, next, as_of, r);
        if (!change) return r;
        changes.push_back(std::move(*change));
    }
    std::string problems;
    const Decided* now = current(problems);
    if (!now) return {"error: " + problems, true};
    auto then = decide_json(next, as_of, problems);
    if (!then) return {"error: " + problems, true};
    r.text = fmt::format("what if {}:\n", fmt::join(changes, ", and ")) +
             diff(now->decision, then->decision);
    r.text += "(the case is unchanged; `set` keeps a change)\n";
    return r;
}

Reply Session::asof(const std::string& line, const std::string& args, std::size_t at) {
    auto case_date = [&]() -> std::string {
        if (case_ && case_->contains("date") && (*case_)["date"].is_string())
            return (*case_)["date"].get<std::string>();
        return "its date";
    };
    if (args.empty()) {
        if (as_of_)
            return {fmt::format(
                "deciding as of {} (set with `:asof`; `:asof case` goes back to the case's date)\n",
                ast::format_date(*as_of_))};
        return {fmt::format("deciding as of the case's date ({})\n",
                            case_ ? case_date() : "no case yet")};
    }
    std::optional<ast::Days> next;
    if (args != "case") {
        next = ast::parse_date(args);
        if (!next)
            return fail(line, {fmt::format("`{}` is not a date in the calendar", args),
                               "write it as YYYY-MM-DD, or `case` for the case's own date", at,
                               args.size(), Code::bad_date});
    }
    std::string problems;
    std::optional<Decided> before;
    if (case_ && current(problems)) before = std::move(decided_);
    as_of_ = next;
    changed();
    Reply r;
    r.text = next ? fmt::format("deciding as of {}\n", args)
                  : fmt::format("deciding as of the case's date ({})\n", case_date());
    if (case_) r.text += after_change(before);
    return r;
}

} // namespace kader::repl
