#include "interpreter/ruleset_diff.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kader {

namespace {

// A node tree as text, without places or printed forms: two trees sign
// alike exactly when they compute alike. Definitions and sets are named,
// not followed, so that a changed definition is reported as such and not
// as a change of every rule that reads it; what is named is collected.
class Signer {
public:
    explicit Signer(const Program& p) : p_(p) {}

    void sign(int index, std::string& out) {
        if (index < 0) {
            out += "_";
            return;
        }
        const Node& n = p_.node(index);
        out += fmt::format("({} {} {} {} {} {} {:?}", static_cast<int>(n.op), n.negate, n.boolean,
                           n.number, n.date, n.slot, n.text);
        if (n.set >= 0) {
            const NamedSet& s = p_.sets[static_cast<std::size_t>(n.set)];
            if (s.data_file.empty() && s.name.rfind("{", 0) == 0) {
                std::vector<std::string> entries = s.entries.texts();
                std::sort(entries.begin(), entries.end());
                out += fmt::format(" {{{:?}}}", fmt::join(entries, ","));
            } else {
                out += " set " + s.name;
                sets.insert(s.name);
            }
        }
        if (n.def >= 0) {
            const DefInstance& d = p_.defs[static_cast<std::size_t>(n.def)];
            out += " def " + d.name;
            defs.insert(d.name);
        }
        for (int k : n.kids)
            sign(k, out);
        out += ")";
    }

    void message(const std::vector<MessagePart>& parts, std::string& out) {
        for (const auto& part : parts) {
            out += fmt::format("{:?}", part.text);
            sign(part.node, out);
        }
    }

    std::set<std::string> defs, sets;

private:
    const Program& p_;
};

std::string rule_signature(const Program& p, const RuleInfo& r, Signer& signer) {
    std::string out =
        fmt::format("{} {:?} {} {:?} ", static_cast<int>(r.goal), r.basis,
                    r.verdict ? static_cast<int>(*r.verdict) : -1, r.review.value_or(""));
    signer.sign(r.when, out);
    signer.message(r.message, out);
    for (const auto& o : r.obligations) {
        out += " oblige " + o.name;
        signer.message(o.message, out);
    }
    if (r.exception_to >= 0)
        out += " exception to " + p.rules[static_cast<std::size_t>(r.exception_to)].id;
    if (r.table >= 0) {
        const TableInfo& t = p.tables[static_cast<std::size_t>(r.table)];
        out += fmt::format(" table {} {:?}", static_cast<int>(t.hit), t.basis);
    }
    return out;
}

// Which definitions (by name) each definition reads directly.
std::map<std::string, std::set<std::string>>
definition_reads(const Program& p, std::map<std::string, std::set<std::string>>& sets) {
    std::map<std::string, std::set<std::string>> reads;
    for (const auto& d : p.defs) {
        Signer s(p);
        std::string ignored;
        s.sign(d.root, ignored);
        reads[d.name].insert(s.defs.begin(), s.defs.end());
        sets[d.name].insert(s.sets.begin(), s.sets.end());
    }
    return reads;
}

} // namespace

std::map<std::string, std::string> RuleSetDiff::definition_signatures(const Program& p) {
    std::map<std::string, std::string> out;
    for (const auto& d : p.defs) {
        Signer s(p);
        std::string text = fmt::format("{} ", d.params);
        s.sign(d.root, text);
        out[d.name] += text + ";"; // one name may have several typed instances
    }
    return out;
}

std::map<std::string, RuleSetDiff::RuleShape> RuleSetDiff::shapes(const Program& p) {
    std::map<std::string, std::set<std::string>> def_sets;
    auto def_reads = definition_reads(p, def_sets);
    std::map<std::string, RuleShape> out;
    for (const auto& r : p.rules) {
        Signer s(p);
        RuleShape shape;
        shape.signature = rule_signature(p, r, s);
        shape.from = r.from;
        shape.until = r.until;
        shape.sets = s.sets;
        // Close over the definitions read through other definitions.
        std::vector<std::string> todo(s.defs.begin(), s.defs.end());
        while (!todo.empty()) {
            std::string d = todo.back();
            todo.pop_back();
            if (!shape.defs.insert(d).second) continue;
            shape.sets.insert(def_sets[d].begin(), def_sets[d].end());
            for (const auto& next : def_reads[d])
                todo.push_back(next);
        }
        out.emplace(r.id, std::move(shape));
    }
    return out;
}

RuleSetDiff::RuleSetDiff(const Program& before, const Program& after)
    : identical_(before.fingerprint == after.fingerprint) {
    if (identical_) return;
    before_ = shapes(before);
    after_ = shapes(after);
    auto defs_before = definition_signatures(before), defs_after = definition_signatures(after);
    for (const auto& [name, text] : defs_after) {
        auto it = defs_before.find(name);
        if (it == defs_before.end() || it->second != text) changed_defs_.insert(name);
    }
    for (const auto& [name, text] : defs_before)
        if (!defs_after.count(name)) changed_defs_.insert(name);
    std::map<std::string, const NamedSet*> sets_before;
    for (const auto& s : before.sets)
        sets_before[s.name] = &s;
    for (const auto& s : after.sets) {
        auto it = sets_before.find(s.name);
        if (it == sets_before.end()) continue; // a new set is read by new or changed rules
        SetChange change;
        for (auto& e : s.entries.texts())
            if (!it->second->contains(e)) change.added.push_back(std::move(e));
        for (auto& e : it->second->entries.texts())
            if (!s.contains(e)) change.removed.push_back(std::move(e));
        if (change.added.empty() && change.removed.empty()) continue;
        change.file = s.data_file;
        std::sort(change.added.begin(), change.added.end());
        std::sort(change.removed.begin(), change.removed.end());
        changed_sets_.emplace(s.name, std::move(change));
    }
}

void RuleSetDiff::causes_for_rule(const std::string& id, const std::vector<std::string>& case_texts,
                                  std::set<Cause>& out) const {
    if (identical_) return;
    std::set<Cause> found;
    own_causes(id, case_texts, found);
    out.insert(found.begin(), found.end());
}

void RuleSetDiff::own_causes(const std::string& id, const std::vector<std::string>& case_texts,
                             std::set<Cause>& out) const {
    auto b = before_.find(id), a = after_.find(id);
    if (b == before_.end() && a == after_.end()) return;
    if (b == before_.end()) {
        out.insert(Cause::of(Cause::Kind::rule_added, id));
        return;
    }
    if (a == after_.end()) {
        out.insert(Cause::of(Cause::Kind::rule_removed, id));
        return;
    }
    const RuleShape& then = b->second;
    const RuleShape& now = a->second;
    if (then.signature != now.signature) out.insert(Cause::of(Cause::Kind::rule_changed, id));
    if (then.from != now.from || then.until != now.until) {
        Cause moved = Cause::of(Cause::Kind::period_changed, id);
        moved.from = then.from;
        moved.until = then.until;
        moved.new_from = now.from;
        moved.new_until = now.until;
        out.insert(moved);
    }
    for (const auto& d : now.defs)
        if (changed_defs_.count(d)) out.insert(Cause::of(Cause::Kind::definition_changed, d));
    for (const auto& d : then.defs)
        if (changed_defs_.count(d) && !now.defs.count(d))
            out.insert(Cause::of(Cause::Kind::definition_changed, d));
    std::set<std::string> sets = now.sets;
    sets.insert(then.sets.begin(), then.sets.end());
    // A changed set with no entry that concerns the case is named only when
    // nothing else explains the rule's change.
    std::set<Cause> unnamed;
    for (const auto& name : sets) {
        auto change = changed_sets_.find(name);
        if (change == changed_sets_.end()) continue;
        bool named = false;
        auto concerns = [&](const std::string& entry) {
            return std::any_of(case_texts.begin(), case_texts.end(), [&](const std::string& t) {
                return t == entry || code_under(t, entry);
            });
        };
        auto cause = [&](Cause::Kind kind, const std::string& entry) {
            Cause c = Cause::of(kind, name, entry);
            c.file = change->second.file;
            return c;
        };
        for (const auto& e : change->second.added)
            if (concerns(e)) {
                out.insert(cause(Cause::Kind::set_entry_added, e));
                named = true;
            }
        for (const auto& e : change->second.removed)
            if (concerns(e)) {
                out.insert(cause(Cause::Kind::set_entry_removed, e));
                named = true;
            }
        if (!named) unnamed.insert(cause(Cause::Kind::set_changed, {}));
    }
    if (out.empty()) out = std::move(unnamed);
}

} // namespace kader
