// The REPL's words and small text helpers (see text.hpp).
#include "interpreter/repl/text.hpp"

#include "interpreter/evaluator.hpp"
#include "interpreter/render_reason.hpp"
#include "lang/checker.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace kader::repl {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The span [begin, end) of `s` without surrounding blanks.
std::pair<std::size_t, std::size_t> trimmed(const std::string& s, std::size_t begin,
                                            std::size_t end) {
    end = std::min(end, s.size());
    while (begin < end && is_space(s[begin]))
        ++begin;
    while (end > begin && is_space(s[end - 1]))
        --end;
    return {begin, end};
}

std::string trim(const std::string& s) {
    auto [b, e] = trimmed(s);
    return s.substr(b, e - b);
}

InputError line_error(Code code, std::string message, std::string help) {
    return {std::move(message), std::move(help), std::string::npos, 1, code};
}

std::string verdict_word(const std::optional<ast::Verdict>& v) {
    return v ? ast::to_string(*v) : "obligation";
}

std::string verdict_text(const DecisionRecord& d) {
    std::string out = ast::to_string(d.verdict);
    std::vector<std::string> paths;
    for (const auto& m : d.missing)
        paths.push_back(m.path);
    if (d.incomplete) out += fmt::format(" (incomplete: missing {})", fmt::join(paths, ", "));
    return out;
}

bool is_overridden(const DecisionRecord& d, int rule) {
    return std::any_of(d.overridden.begin(), d.overridden.end(),
                       [&](const OverriddenRule& o) { return o.rule == rule; });
}

// Each applied rule's state, by id: its verdict, "obligation" or "overridden".
std::map<std::string, std::pair<std::string, const AppliedRule*>>
rule_states(const DecisionRecord& d) {
    std::map<std::string, std::pair<std::string, const AppliedRule*>> out;
    for (const auto& a : d.applied)
        out[d.rule(a.rule).id] = {is_overridden(d, a.rule) ? "overridden" : verdict_word(a.verdict),
                                  &a};
    return out;
}

// The verdict and the rules that made it, for a decision seen for the first time.
std::string digest(const DecisionRecord& d) {
    std::string out = fmt::format("verdict: {}\n", verdict_text(d));
    std::size_t width = 0;
    auto states = rule_states(d);
    for (const auto& [id, s] : states)
        width = std::max(width, s.first.size());
    for (const auto& a : d.applied) {
        const std::string& id = d.rule(a.rule).id;
        out += fmt::format("  {:<{}}  {}\n", states[id].first, width, id);
    }
    return out;
}

// How the decision moved from `a` to `b`.
std::string diff(const DecisionRecord& a, const DecisionRecord& b) {
    std::string out;
    if (a.verdict != b.verdict || a.incomplete != b.incomplete)
        out += fmt::format("verdict: {} -> {}\n", verdict_text(a), verdict_text(b));
    else
        out += fmt::format("verdict: still {}\n", verdict_text(b));
    auto before = rule_states(a), after = rule_states(b);
    std::size_t changes = 0;
    for (const auto& [id, s] : after) {
        auto it = before.find(id);
        if (it == before.end()) {
            out += fmt::format("  + {}  {}\n", s.first, id);
            if (!s.second->message.empty()) out += fmt::format("      {}\n", s.second->message);
            ++changes;
        } else if (it->second.first != s.first) {
            out += fmt::format("  ~ {}  {} (was {})\n", s.first, id, it->second.first);
            ++changes;
        }
    }
    for (const auto& [id, s] : before)
        if (!after.count(id)) {
            out += fmt::format("  - {}  {}\n", s.first, id);
            ++changes;
        }
    std::set<std::string> was_undetermined, is_undetermined;
    for (const auto& u : a.undetermined)
        was_undetermined.insert(a.rule(u.rule).id);
    for (const auto& u : b.undetermined) {
        const RuleInfo& r = b.rule(u.rule);
        is_undetermined.insert(r.id);
        if (was_undetermined.count(r.id)) continue;
        out += fmt::format("  ? {}  {} (missing {})\n", verdict_word(r.verdict), r.id,
                           u.missing.empty() ? "nothing recorded"
                                             : fmt::format("{}", fmt::join(u.missing, ", ")));
        ++changes;
    }
    std::vector<std::string> settled;
    for (const auto& id : was_undetermined)
        if (!is_undetermined.count(id) && !after.count(id)) settled.push_back(id);
    if (!settled.empty()) {
        out += fmt::format("  settled (no longer undetermined): {}\n", fmt::join(settled, ", "));
        ++changes;
    }
    if (changes == 0 && a.verdict == b.verdict)
        out = fmt::format("verdict: still {}; no rule changed\n", verdict_text(b));
    return out;
}

// A reason tree, every level shown.
void tree(const Program& p, const Reason& r, int depth, std::string& out) {
    ReasonPrinter(p, -1).tree(r, 2 + 2 * depth, {}, out);
}

std::string indent_lines(const std::string& text, const std::string& indent) {
    std::string out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        out += indent + l + '\n';
    return out;
}

// Flows `text` into lines of at most `width` characters after `indent`.
std::string wrap(const std::string& text, std::size_t width, const std::string& indent) {
    std::string out, line;
    std::istringstream words(text);
    for (std::string w; words >> w;) {
        if (!line.empty() && line.size() + 1 + w.size() > width) {
            out += indent + line + '\n';
            line.clear();
        }
        line += (line.empty() ? "" : " ") + w;
    }
    if (!line.empty()) out += indent + line + '\n';
    return out;
}

std::string rule_header(const RuleInfo& r) {
    std::string out;
    if (!r.doc.empty()) out += indent_lines(r.doc, "  ");
    out += fmt::format("  basis: {}\n", r.basis);
    if (r.review) out += fmt::format("  review: {}\n", *r.review);
    out += fmt::format("  at {}\n", to_string(r.location));
    return out;
}

// A case value as JSON, for lists and records typed at the prompt.
Json datum_json(const Program& p, const CaseData& c, const Datum& d, int node) {
    switch (d.kind) {
    case Datum::Kind::absent:
        return nullptr;
    case Datum::Kind::boolean:
        return d.boolean;
    case Datum::Kind::number:
        return d.number == static_cast<double>(static_cast<long long>(d.number))
                   ? Json(static_cast<long long>(d.number))
                   : Json(d.number);
    case Datum::Kind::string:
        return std::string(c.text(d));
    case Datum::Kind::date:
        return ast::format_date(d.date);
    case Datum::Kind::list: {
        Json a = Json::array();
        int element = node >= 0 ? p.schema[static_cast<std::size_t>(node)].element : -1;
        for (const Datum& e : c.elements(d))
            a.push_back(datum_json(p, c, e, element));
        return a;
    }
    case Datum::Kind::record: {
        Json o = Json::object();
        if (node < 0) return o;
        const SchemaNode& rec = p.schema[static_cast<std::size_t>(node)];
        std::span<const Datum> fields = c.elements(d);
        for (std::size_t i = 0; i < fields.size() && i < rec.fields.size(); ++i)
            if (fields[i].kind != Datum::Kind::absent)
                o[rec.fields[i].name] = datum_json(p, c, fields[i], rec.fields[i].type);
        return o;
    }
    }
    return nullptr;
}

std::string problems_text(const std::vector<Problem>& problems, std::size_t limit) {
    std::string out;
    for (std::size_t i = 0; i < problems.size() && i < limit; ++i) {
        out += fmt::format("  {}\n", problems[i].message);
        if (!problems[i].help.empty()) out += fmt::format("    help: {}\n", problems[i].help);
    }
    if (problems.size() > limit)
        out += fmt::format("  ... and {} more (`eval` lists them all)\n", problems.size() - limit);
    return out;
}

// The closest name, also when two letters are swapped (`:hlep`).
std::optional<std::string> closest(const std::string& name, const std::vector<std::string>& names) {
    if (auto best = closest_name(name, names)) return best;
    for (const auto& n : names) {
        if (n.size() != name.size()) continue;
        std::vector<std::size_t> differ;
        for (std::size_t i = 0; i < n.size(); ++i)
            if (n[i] != name[i]) differ.push_back(i);
        if (differ.size() == 2 && differ[1] == differ[0] + 1 && n[differ[0]] == name[differ[1]] &&
            n[differ[1]] == name[differ[0]])
            return n;
    }
    return std::nullopt;
}

} // namespace kader::repl
