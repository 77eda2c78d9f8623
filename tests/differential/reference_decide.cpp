// The reference model: from the values of the conditions to a decision, read
// straight from docs/language.md ("Rules", "Exceptions", "Decision tables",
// "Unknown facts") and the verdict order of the design (allow <
// license_required < escalate < deny < prohibited, the decision being the
// most severe verdict of the rules that apply and are not overridden).
#include "reference_eval.hpp"

#include "reference_internal.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace kdiff {

namespace {

using namespace ref;

enum class Status { out_of_period, failed, unknown, held, shadowed };

// A rule, or one row of a table ("each further row is a rule of its own").
struct Entry {
    std::string id;
    const ast::Rule* rule = nullptr;
    const ast::Table* table = nullptr;
    const ast::Common* common = nullptr;
    std::optional<ast::Verdict> verdict;
    std::vector<std::string> obligations;
    int base = -1; // the rule this one is an exception to
    Status status = Status::failed;
    Val condition;
};

class Decider {
public:
    Decider(const ast::Module& m, const nlohmann::json& c, ast::Days as_of)
        : model_{m, nullptr}, case_(c), as_of_(as_of) {
        for (const auto& s : m.schemas)
            if (s.name == "case") model_.case_type = &s.record;
        if (!model_.case_type) throw std::runtime_error("no `schema case`");
        list_entries();
    }

    Outcome run() {
        Eval eval(model_, case_);
        for (auto& e : entries_)
            if (e.rule) evaluate_rule(e, eval);
        for (const auto& t : model_.module.tables)
            evaluate_table(t, eval);
        Outcome o;
        conclude(o);
        find_undetermined(o);
        return o;
    }

private:
    void list_entries() {
        const std::string& mod = model_.module.name;
        for (const auto& r : model_.module.rules) {
            Entry e;
            e.id = mod + "." + r.name, e.rule = &r, e.common = &r.common, e.verdict = r.verdict;
            for (const auto& o : r.obligations)
                e.obligations.push_back(o.name);
            entries_.push_back(std::move(e));
        }
        for (auto& e : entries_)
            if (e.rule->exception_to) e.base = index_of(*e.rule->exception_to);
        for (const auto& t : model_.module.tables)
            for (std::size_t k = 0; k < t.rows.size(); ++k) {
                Entry e;
                e.id = mod + "." + t.name + "#" + std::to_string(k + 1);
                e.table = &t, e.common = &t.common, e.verdict = t.rows[k].verdict;
                entries_.push_back(std::move(e));
            }
    }

    // `exception to R` names R or module.R.
    int index_of(std::string name) const {
        std::string prefix = model_.module.name + ".";
        if (name.rfind(prefix, 0) == 0) name = name.substr(prefix.size());
        for (std::size_t i = 0; i < entries_.size(); ++i)
            if (entries_[i].rule && entries_[i].rule->name == name) return static_cast<int>(i);
        throw std::runtime_error("exception to an unknown rule " + name);
    }

    // "`until` is the last day it applies."
    bool in_effect(const ast::Common& c) const {
        return (!c.from || as_of_ >= c.from->date) && (!c.until || as_of_ <= c.until->date);
    }

    static Status status_of(const Val& v) {
        if (v.unknown()) return Status::unknown;
        return v.b ? Status::held : Status::failed;
    }

    void evaluate_rule(Entry& e, Eval& eval) {
        if (!in_effect(*e.common)) {
            e.status = Status::out_of_period;
            return;
        }
        e.condition = eval.top(*e.rule->when);
        e.status = status_of(e.condition);
    }

    // A row holds when every cell matches its column; `hit first`: only the
    // first row that holds applies, so the rows after it cannot apply at all.
    void evaluate_table(const ast::Table& t, Eval& eval) {
        std::vector<Val> columns;
        for (const auto& c : t.columns)
            columns.push_back(eval.top(*c));
        bool hit = false;
        std::size_t first = first_row(t);
        for (std::size_t k = 0; k < t.rows.size(); ++k) {
            Entry& e = entries_[first + k];
            if (!in_effect(t.common)) {
                e.status = Status::out_of_period;
                continue;
            }
            std::vector<Val> cells;
            for (std::size_t c = 0; c < t.rows[k].cells.size(); ++c)
                cells.push_back(eval.cell(columns[c], t.rows[k].cells[c]));
            e.condition = all_of(cells);
            e.status = status_of(e.condition);
            if (t.hit == ast::HitPolicy::first && hit && e.status != Status::failed)
                e.status = Status::shadowed;
            if (e.status == Status::held) hit = true;
        }
    }

    std::size_t first_row(const ast::Table& t) const {
        for (std::size_t i = 0; i < entries_.size(); ++i)
            if (entries_[i].table == &t) return i;
        return 0;
    }

    // An exception applies when its condition holds and its base rule applies.
    bool applies(int i) const {
        const Entry& e = entries_[static_cast<std::size_t>(i)];
        return e.status == Status::held && (e.base < 0 || applies(e.base));
    }

    // Whether the base chain is known not to apply: then the exception's own
    // condition does not matter and cannot keep anything undecided.
    bool chain_fails(int i) const {
        if (i < 0) return false;
        const Entry& e = entries_[static_cast<std::size_t>(i)];
        if (e.status != Status::held && e.status != Status::unknown) return true;
        return chain_fails(e.base);
    }

    // Whether resolving this rule's unknown condition could make it apply.
    bool could_apply(const Entry& e) const { return !chain_fails(e.base); }

    // "An exception inherits its base rule's goal."
    ast::Goal goal(int i) const {
        const Entry& e = entries_[static_cast<std::size_t>(i)];
        if (e.common->goal) return *e.common->goal;
        if (e.base >= 0) return goal(e.base);
        return ast::Goal::end_use;
    }

    std::vector<int> applied_exceptions(int i) const {
        std::vector<int> out;
        for (std::size_t k = 0; k < entries_.size(); ++k)
            if (entries_[k].base == i && applies(static_cast<int>(k)))
                out.push_back(static_cast<int>(k));
        return out;
    }

    void conclude(Outcome& o) {
        std::array<int, ast::goal_count> goals{};
        std::map<std::string, std::string> obligations; // name -> first rule id
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            if (!applies(static_cast<int>(i))) continue;
            const Entry& e = entries_[i];
            o.applied.push_back(e.id);
            std::vector<int> by = applied_exceptions(static_cast<int>(i));
            if (!by.empty()) { // the exceptions' conclusions replace this rule's
                auto& list = o.overridden[e.id];
                for (int k : by) {
                    list.push_back(entries_[static_cast<std::size_t>(k)].id);
                    if (entries_[static_cast<std::size_t>(k)].verdict !=
                        entries_[static_cast<std::size_t>(by[0])].verdict)
                        conflict(o, e.id);
                }
                std::sort(list.begin(), list.end());
                continue;
            }
            for (const auto& name : e.obligations) {
                auto it = obligations.find(name);
                if (it == obligations.end() || e.id < it->second) obligations[name] = e.id;
            }
            if (!e.verdict) continue;
            int v = static_cast<int>(*e.verdict);
            verdict_ = std::max(verdict_, v);
            auto& g = goals[static_cast<std::size_t>(goal(static_cast<int>(i)))];
            g = std::max(g, v);
        }
        std::sort(o.applied.begin(), o.applied.end());
        o.verdict = ast::to_string(static_cast<ast::Verdict>(verdict_));
        for (std::size_t g = 0; g < goals.size(); ++g)
            o.goals[g] = ast::to_string(static_cast<ast::Verdict>(goals[g]));
        for (const auto& [name, rule] : obligations)
            o.obligations.push_back(name + " (" + rule + ")");
    }

    static void conflict(Outcome& o, const std::string& id) {
        if (std::find(o.conflicts.begin(), o.conflicts.end(), id) == o.conflicts.end())
            o.conflicts.push_back(id);
    }

    // The verdict from the statuses as they stand: the most severe verdict
    // of the rules that apply and are not overridden.
    int verdict_from_statuses() const {
        int v = 0;
        for (std::size_t i = 0; i < entries_.size(); ++i)
            if (applies(static_cast<int>(i)) && applied_exceptions(static_cast<int>(i)).empty() &&
                entries_[i].verdict)
                v = std::max(v, static_cast<int>(*entries_[i].verdict));
        return v;
    }

    // The verdict were rule `i` to hold, all else equal: with `hit first`,
    // the rows after it would then not apply.
    int verdict_if_held(std::size_t i) {
        std::vector<Status> saved;
        for (const auto& e : entries_)
            saved.push_back(e.status);
        entries_[i].status = Status::held;
        if (entries_[i].table && entries_[i].table->hit == ast::HitPolicy::first)
            for (std::size_t k = i + 1; k < entries_.size(); ++k)
                if (entries_[k].table == entries_[i].table && entries_[k].status != Status::failed)
                    entries_[k].status = Status::shadowed;
        int v = verdict_from_statuses();
        for (std::size_t k = 0; k < entries_.size(); ++k)
            entries_[k].status = saved[k];
        return v;
    }

    // "A rule whose condition is unknown does not apply; it is reported as
    // undetermined with the missing facts. The decision is marked incomplete
    // when a missing fact could change its verdict in either direction: an
    // undetermined rule could conclude a more severe verdict, or it could
    // lower the verdict" — here found by deciding again as if the rule held.
    // A rule that cannot apply whatever the facts (shadowed by `hit first`,
    // or an exception whose base chain is known not to apply) is not
    // undetermined.
    void find_undetermined(Outcome& o) {
        std::set<std::string> missing;
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            const Entry& e = entries_[i];
            if (e.status != Status::unknown || !could_apply(e)) continue;
            o.undetermined[e.id] =
                std::vector<std::string>(e.condition.missing.begin(), e.condition.missing.end());
            if ((e.verdict && static_cast<int>(*e.verdict) > verdict_) ||
                verdict_if_held(i) < verdict_) {
                o.incomplete = true;
                missing.insert(e.condition.missing.begin(), e.condition.missing.end());
            }
        }
        std::sort(o.conflicts.begin(), o.conflicts.end());
        o.missing.assign(missing.begin(), missing.end());
    }

    Model model_;
    const nlohmann::json& case_;
    ast::Days as_of_;
    std::vector<Entry> entries_;
    int verdict_ = 0; // allow
};

} // namespace

std::optional<Outcome> reference_decide(const kader::ast::Module& module,
                                        const nlohmann::json& case_json,
                                        std::optional<kader::ast::Days> as_of, std::string& error) {
    try {
        if (!module.imports.empty()) throw std::runtime_error("imports are outside the model");
        if (!as_of) {
            auto d = kader::ast::parse_date(case_json.at("date").get<std::string>());
            if (!d) throw std::runtime_error("the case has no valid date");
            as_of = d;
        }
        return Decider(module, case_json, *as_of).run();
    } catch (const std::exception& e) {
        error = e.what();
        return std::nullopt;
    }
}

} // namespace kdiff
