#include "interpreter/render_reason.hpp"

#include "lang/questions.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kader {

std::string show(const ShownValue& v) {
    switch (v.kind) {
    case ShownValue::Kind::unknown:
        return "unknown";
    case ShownValue::Kind::boolean:
        return v.boolean ? "true" : "false";
    case ShownValue::Kind::number:
        return fmt::format("{}", v.number);
    case ShownValue::Kind::string:
        return fmt::format("\"{}\"", v.text);
    case ShownValue::Kind::date:
        return ast::format_date(v.date);
    case ShownValue::Kind::list:
        return fmt::format("a list of {}", v.count);
    case ShownValue::Kind::record:
        return "a record";
    }
    return {};
}

std::string show(const FactRead& f) {
    if (f.value.kind == ShownValue::Kind::unknown) return f.path + ": missing";
    return fmt::format("{} = {}", f.path, show(f.value));
}

std::string show(const Witness& w) {
    if (w.name.empty()) return w.path;
    if (w.field.empty()) return fmt::format("{} (\"{}\")", w.path, w.name);
    return fmt::format("{} ({} {})", w.path, w.field, w.name);
}

std::string question_text(const Program& p, const std::string& path) {
    return question_line(question_for(p, path));
}

namespace {

void collect_sets_to_review(const Program& p, const Explanation& e, int at, std::vector<int>& out) {
    const ReasonEntry& r = e.reason(at);
    if (r.node >= 0) {
        const Node& n = p.node(r.node);
        if ((n.op == Op::in_set || n.op == Op::under_set) && n.set >= 0) {
            if (p.sets[static_cast<std::size_t>(n.set)].needs_review()) out.push_back(n.set);
        }
    }
    for (int part = r.first_part; part >= 0; part = e.reason(part).next)
        collect_sets_to_review(p, e, part, out);
}

bool any_set_to_review(const Program& p) {
    return std::any_of(p.sets.begin(), p.sets.end(),
                       [](const NamedSet& s) { return s.needs_review(); });
}

void sort_unique(std::vector<int>& sets) {
    std::sort(sets.begin(), sets.end());
    sets.erase(std::unique(sets.begin(), sets.end()), sets.end());
}

} // namespace

// Collected in a vector, sorted once: most reasons name no set to review,
// and a std::set allocated a node for each one that does (per applied rule).
std::vector<int> sets_to_review(const DecisionRecord& d, const AppliedRule& a) {
    if (!d.reasons) return d.rule(a.rule).sets_to_review;
    std::vector<int> sets;
    // Most rule sets have no set to review: then no reason is walked.
    if (a.reason < 0 || !any_set_to_review(*d.program)) return sets;
    collect_sets_to_review(*d.program, d.explanation, a.reason, sets);
    sort_unique(sets);
    return sets;
}

const std::string& expression_of(const Program& p, const Reason& r) {
    static const std::string none = "(condition)";
    return r.node >= 0 ? p.node(r.node).source : none;
}

// `expr: value`, then what it rests on: the element that decided it and
// the facts it read, with their values.
std::string ReasonPrinter::head(const Reason& r) const {
    std::string line = fmt::format("{}: {}", expression_of(p_, r), show(r.value));
    std::vector<std::string> rests;
    if (r.witness) rests.push_back("by " + show(*r.witness));
    for (const auto& f : r.facts)
        rests.push_back(show(f));
    if (!rests.empty()) line += fmt::format(" — {}", fmt::join(rests, "; "));
    return line;
}

// A definition is explained by its body, and a body that is an `and`/`or`
// by its parts, so the definition's text (in the rule files) is not repeated.
const std::vector<Reason>& ReasonPrinter::shown_parts(const Reason& r) const {
    if (r.definition >= 0 && r.parts.size() == 1) {
        const Reason& body = r.parts.front();
        if (!body.parts.empty() && !body.witness && body.facts.empty()) return body.parts;
    }
    return r.parts;
}

bool ReasonPrinter::same_line(const Reason& a, const Reason& b) const {
    return expression_of(p_, a) == expression_of(p_, b) && show(a.value) == show(b.value);
}

// The sub-proof below `r` as text, without references: equal text is an
// equal proof, whichever rule reached it.
std::string ReasonPrinter::subtree_key(const Reason& r, int depth) const {
    ReasonPrinter plain(p_, max_depth_);
    plain.owner_.clear();
    std::string out;
    // A printer that never refers: its own map stays empty while it prints one tree.
    for (const auto& part : shown_parts(r))
        plain.lines(part, depth + 1, 0, out);
    return head(r) + '\n' + out;
}

void ReasonPrinter::lines(const Reason& r, int depth, int indent, std::string& out) {
    std::string pad(static_cast<std::size_t>(indent + 2 * depth), ' ');
    const auto& parts = shown_parts(r);
    bool cut = max_depth_ >= 0 && depth >= max_depth_;
    if (parts.empty() || cut) {
        out += pad + head(r) + (parts.empty() ? "" : " …") + '\n';
        return;
    }
    if (!owner_.empty()) {
        std::string key = subtree_key(r, depth);
        auto [at, fresh] = shown_.try_emplace(key, owner_);
        if (!fresh) {
            out += fmt::format("{}{} (as shown under {})\n", pad, head(r), at->second);
            return;
        }
    }
    out += pad + head(r) + '\n';
    for (const auto& part : parts) {
        // A part that says what its parent said adds nothing; show its parts instead.
        if (same_line(part, r)) {
            for (const auto& sub : part.parts)
                lines(sub, depth + 1, indent, out);
            continue;
        }
        lines(part, depth + 1, indent, out);
    }
}

void ReasonPrinter::tree(const Reason& r, int indent, const std::string& owner, std::string& out) {
    owner_ = owner;
    lines(r, 0, indent, out);
}

// The condition's own line repeats the rule file: start with its parts,
// unless it is one definition or quantifier, whose line says what held.
void ReasonPrinter::condition(const Reason& r, int indent, const std::string& owner,
                              std::string& out) {
    owner_ = owner;
    bool split = r.definition < 0 && !r.witness && !r.parts.empty();
    if (!split) {
        lines(r, 0, indent, out);
        return;
    }
    for (const auto& part : r.parts)
        lines(part, 0, indent, out);
}

} // namespace kader
