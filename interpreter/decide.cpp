#include "interpreter/decide.hpp"

#include "interpreter/evaluator.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <optional>

namespace kader {

using ast::Verdict;

namespace {

enum class Status : std::uint8_t { out_of_period, failed, unknown, held, shadowed };

int severity(const std::optional<Verdict>& v) {
    return v ? static_cast<int>(*v) : -1;
}

// The applied rules, the most severe verdict first, in the order of the
// rules among equals: by insertion, as a decision applies a handful of
// rules, and std::stable_sort took a buffer (an allocation) for any two.
void sort_by_severity(std::vector<AppliedRule>& applied) {
    for (std::size_t i = 1; i < applied.size(); ++i)
        for (std::size_t j = i;
             j > 0 && severity(applied[j].verdict) > severity(applied[j - 1].verdict); --j)
            std::swap(applied[j], applied[j - 1]);
}

// Per rule: whether its condition held, whether it applies (-1: not yet
// known), and whether it sets the verdict.
struct RuleState {
    Status status = Status::out_of_period;
    std::int8_t effective = -1;
    bool contributes = false; // applied, not overridden, with a verdict: it sets the verdict
};

// What a decision works in: the evaluator and the rules' states.
struct Workspace {
    Workspace(const Program& program, const CaseData& c) : eval(program, c) {}
    Evaluator eval;
    std::vector<RuleState> rules;
};

// A thread keeps one workspace from one decision to the next, with the room
// its vectors made (Evaluator::restart): a batch decides a case per line, and
// a workspace made per case cost a few hundred instructions and allocations.
// A decision made while another is under way on the same thread works in
// one of its own. (Nothing does that today: a decision calls no code that
// decides. The lease makes sure it stays correct if something comes to.)
class WorkspaceLease {
public:
    WorkspaceLease(const Program& program, const CaseData& c) {
        if (kept_busy_) {
            own_.emplace(program, c);
            w_ = &*own_;
            return;
        }
        if (kept_)
            kept_->eval.restart(program, c);
        else
            kept_.emplace(program, c);
        kept_busy_ = true;
        w_ = &*kept_;
    }
    ~WorkspaceLease() {
        if (!own_) kept_busy_ = false;
    }
    WorkspaceLease(const WorkspaceLease&) = delete;
    WorkspaceLease& operator=(const WorkspaceLease&) = delete;
    Workspace& get() { return *w_; }

private:
    static thread_local std::optional<Workspace> kept_;
    static thread_local bool kept_busy_;
    std::optional<Workspace> own_;
    Workspace* w_ = nullptr;
};

thread_local std::optional<Workspace> WorkspaceLease::kept_;
thread_local bool WorkspaceLease::kept_busy_ = false;

class Decider {
public:
    // Fills `out`, an empty record (new, or cleared for reuse) that the
    // caller keeps: a record made here and moved out was moved twice and
    // destroyed twice per case.
    Decider(const std::shared_ptr<const Program>& program, const CaseData& c,
            const DecideOptions& options, DecisionRecord& out)
        : p_(*program), lease_(*program, c), eval_(lease_.get().eval), rules_(lease_.get().rules),
          d_(out) {
        prefetch(c);
        rules_.assign(program->rules.size(), RuleState{});
        if (d_.program != program) d_.program = program;
        d_.case_id = c.id;
        d_.as_of = options.as_of ? *options.as_of : c.date;
        d_.full = options.full;
        d_.reasons = options.reasons;
    }
    Decider(const Decider&) = delete;
    Decider& operator=(const Decider&) = delete;

    void run() {
        evaluate_conditions();
        apply_hit_first();
        collect_applied();
        collect_undetermined();
        if (d_.full) collect_not_applied();
        // The paths the reasons refer to (steps are only ever added).
        if (!d_.explanation.reasons.empty()) eval_.hand_over_steps(d_.explanation.steps);
    }

private:
    const RuleInfo& rule(std::size_t i) const { return p_.rules[i]; }

    void evaluate_conditions() {
        for (std::size_t i = 0; i < p_.rules.size(); ++i) {
            if (!rule(i).in_effect(d_.as_of)) {
                rules_[i].status = Status::out_of_period;
                continue;
            }
            int t = eval_.holds(rule(i));
            rules_[i].status = t == 1 ? Status::held : t == 0 ? Status::failed : Status::unknown;
        }
    }

    // With `hit first`, only the first row of a table that holds applies.
    // Rows after it cannot apply whatever the missing facts: not undetermined.
    void apply_hit_first() {
        for (const auto& t : p_.tables) {
            if (t.hit != ast::HitPolicy::first) continue;
            bool hit = false;
            for (int r : t.rows) {
                auto& s = rules_[static_cast<std::size_t>(r)].status;
                if ((s == Status::held || s == Status::unknown) && hit)
                    s = Status::shadowed;
                else if (s == Status::held)
                    hit = true;
            }
        }
    }

    // An exception counts only when the rule it is an exception to applies.
    bool effective(int i) {
        auto& memo = rules_[static_cast<std::size_t>(i)].effective;
        if (memo >= 0) return memo == 1;
        const RuleInfo& r = rule(static_cast<std::size_t>(i));
        bool e = rules_[static_cast<std::size_t>(i)].status == Status::held &&
                 (r.exception_to < 0 || effective(r.exception_to));
        memo = e ? 1 : 0;
        return e;
    }

    // Whether a rule may still apply once the missing facts are known: it holds
    // or is unknown, and so may every rule up its chain of exceptions. An
    // exception whose chain is broken anywhere can never matter.
    bool could_apply(int i) const {
        for (; i >= 0; i = rule(static_cast<std::size_t>(i)).exception_to) {
            Status s = rules_[static_cast<std::size_t>(i)].status;
            if (s != Status::held && s != Status::unknown) return false;
        }
        return true;
    }

    // The reason the rule applied, when the decision keeps reasons, and its
    // message (the elements its holes read are still bound in its frame).
    void explain_applied(const RuleInfo& r, AppliedRule& a) {
        if (d_.reasons) {
            d_.explanation.make_room();
            eval_.explain_held(r, d_.explanation, a.reason);
        }
        a.message = eval_.message(r, r.message);
    }

    void collect_applied() {
        std::vector<ObligationEntry> obligations;
        for (int i = 0; i < static_cast<int>(p_.rules.size()); ++i) {
            if (!effective(i)) continue;
            const RuleInfo& r = rule(static_cast<std::size_t>(i));
            AppliedRule& a = d_.applied.emplace_back();
            a.rule = i;
            a.verdict = r.verdict;
            explain_applied(r, a);
            std::vector<int> by;
            for (int e : r.exceptions)
                if (effective(e)) by.push_back(e);
            if (!by.empty()) {
                OverriddenRule o{i, by, false};
                for (int e : by)
                    if (rule(static_cast<std::size_t>(e)).verdict !=
                        rule(static_cast<std::size_t>(by[0])).verdict)
                        o.conflict = true;
                d_.overridden.push_back(o);
            } else {
                for (const auto& ob : r.obligations)
                    obligations.push_back({ob.name, i, eval_.message(r, ob.message)});
                if (r.verdict) {
                    rules_[static_cast<std::size_t>(i)].contributes = true;
                    d_.verdict = std::max(d_.verdict, *r.verdict);
                    auto& goal = d_.goals[static_cast<std::size_t>(r.goal)];
                    goal = std::max(goal, *r.verdict);
                }
            }
        }
        sort_by_severity(d_.applied);
        // One entry per obligation, from the first rule (by id) that imposes it.
        std::stable_sort(
            obligations.begin(), obligations.end(),
            [](const ObligationEntry& a, const ObligationEntry& b) { return a.name < b.name; });
        for (auto& o : obligations)
            if (d_.obligations.empty() || d_.obligations.back().name != o.name)
                d_.obligations.push_back(std::move(o));
    }

    void collect_undetermined() {
        for (std::size_t i = 0; i < p_.rules.size(); ++i) {
            if (rules_[i].status != Status::unknown) continue;
            const RuleInfo& r = rule(i);
            if (r.exception_to >= 0 && !could_apply(r.exception_to)) continue;
            eval_.clear_missing();
            eval_.traced_condition(r);
            UndeterminedRule u{static_cast<int>(i), eval_.missing()};
            std::sort(u.missing.begin(), u.missing.end());
            std::optional<Verdict> up, down;
            if (severity(r.verdict) > static_cast<int>(d_.verdict)) up = r.verdict;
            if (Verdict held = verdict_if_held(i); held < d_.verdict) down = held;
            if (up || down) {
                d_.incomplete = true;
                for (const auto& m : u.missing)
                    note_missing_fact(m, static_cast<int>(i), up, down);
            }
            d_.undetermined.push_back(std::move(u));
        }
        rank_missing();
        std::stable_sort(d_.undetermined.begin(), d_.undetermined.end(),
                         [&](const UndeterminedRule& a, const UndeterminedRule& b) {
                             return severity(rule(static_cast<std::size_t>(a.rule)).verdict) >
                                    severity(rule(static_cast<std::size_t>(b.rule)).verdict);
                         });
    }

    void note_missing_fact(const std::string& path, int rule_index, std::optional<Verdict> up,
                           std::optional<Verdict> down) {
        auto at = std::find_if(d_.missing.begin(), d_.missing.end(),
                               [&](const MissingFact& m) { return m.path == path; });
        if (at == d_.missing.end())
            at = d_.missing.insert(d_.missing.end(), MissingFact{path, {}, {}, {}});
        if (up && (!at->could_raise_to || *up > *at->could_raise_to)) at->could_raise_to = up;
        if (down && (!at->could_lower_to || *down < *at->could_lower_to)) at->could_lower_to = down;
        at->rules.push_back(rule_index);
    }

    // The fact that could move the verdict furthest comes first; ties by path,
    // so the order is the same from run to run.
    void rank_missing() {
        std::sort(d_.missing.begin(), d_.missing.end(),
                  [&](const MissingFact& a, const MissingFact& b) {
                      int ra = a.reach(d_.verdict), rb = b.reach(d_.verdict);
                      return ra != rb ? ra > rb : a.path < b.path;
                  });
    }

    // The rule whose conclusion an undetermined rule would take away if it
    // held: the rule it is an exception to, or, in a `hit first` table, the
    // row that applies after it. -1 when there is none.
    int would_displace(std::size_t i) const {
        const RuleInfo& r = rule(i);
        if (r.exception_to >= 0) return r.exception_to;
        if (r.table < 0) return -1;
        const TableInfo& t = p_.tables[static_cast<std::size_t>(r.table)];
        if (t.hit != ast::HitPolicy::first) return -1;
        auto at = std::find(t.rows.begin(), t.rows.end(), static_cast<int>(i));
        for (auto row = at; row != t.rows.end(); ++row)
            if (rules_[static_cast<std::size_t>(*row)].status == Status::held) return *row;
        return -1;
    }

    // The verdict without the conclusion of rule `left_out`.
    Verdict verdict_without(int left_out) const {
        Verdict v = Verdict::allow;
        for (std::size_t c = 0; c < rules_.size(); ++c)
            if (rules_[c].contributes && static_cast<int>(c) != left_out)
                v = std::max(v, *rule(c).verdict);
        return v;
    }

    // The verdict were undetermined rule `i` to hold, all else as it is. It
    // takes away the conclusion it displaces (the rule it is an exception to,
    // or a later row of a `hit first` table) and concludes itself, unless
    // exceptions to it hold: then they conclude instead, and so on down the
    // chain. An exception to a rule that does not apply changes nothing.
    Verdict verdict_if_held(std::size_t i) {
        const RuleInfo& r = rule(i);
        if (r.exception_to >= 0 && !effective(r.exception_to)) return d_.verdict;
        Verdict v = verdict_without(would_displace(i));
        conclude_if_applied(i, v);
        return v;
    }

    // Raises `v` to what rule `i` concludes when it applies.
    void conclude_if_applied(std::size_t i, Verdict& v) const {
        bool overridden = false;
        for (int e : rule(i).exceptions)
            if (rules_[static_cast<std::size_t>(e)].status == Status::held) {
                overridden = true;
                conclude_if_applied(static_cast<std::size_t>(e), v);
            }
        if (!overridden && rule(i).verdict) v = std::max(v, *rule(i).verdict);
    }

    // The part of a failed condition that made it fail: for an `and`, its
    // first false part; otherwise the whole condition. (A reason of the
    // decision's explanation.)
    int failed_part(const RuleInfo& r) {
        const Explanation& e = d_.explanation;
        int root = -1;
        eval_.condition(r, d_.explanation, root);
        if (p_.node(r.when).op == Op::and_)
            for (int part = e.reason(root).first_part; part >= 0; part = e.reason(part).next) {
                const BlockValue& v = e.reason(part).value;
                if (v.kind == ShownValue::Kind::boolean && !v.boolean) return part;
            }
        return root;
    }

    // The row of a `hit first` table that applied before row `i`.
    int applied_row_before(std::size_t i) const {
        const TableInfo& t = p_.tables[static_cast<std::size_t>(rule(i).table)];
        for (int row : t.rows) {
            if (row == static_cast<int>(i)) break;
            if (rules_[static_cast<std::size_t>(row)].status == Status::held) return row;
        }
        return -1;
    }

    NotAppliedRule why_not(std::size_t i) {
        NotAppliedRule n;
        n.rule = static_cast<int>(i);
        switch (rules_[i].status) {
        case Status::out_of_period:
            n.why = NotAppliedRule::Why::not_in_effect;
            break;
        case Status::shadowed:
            n.why = NotAppliedRule::Why::earlier_row_applied;
            n.other = applied_row_before(i);
            break;
        case Status::held:
            n.why = NotAppliedRule::Why::parent_did_not_apply;
            n.other = rule(i).exception_to;
            break;
        default:
            n.why = NotAppliedRule::Why::condition_failed;
            n.condition = failed_part(rule(i));
        }
        return n;
    }

    void collect_not_applied() {
        for (std::size_t i = 0; i < p_.rules.size(); ++i) {
            if (rules_[i].status == Status::unknown || effective(static_cast<int>(i))) continue;
            d_.not_applied.push_back(why_not(i));
        }
    }

    const Program& p_;
    WorkspaceLease lease_;
    Evaluator& eval_;
    std::vector<RuleState>& rules_;
    DecisionRecord& d_;
};

} // namespace

bool set_explain(DecideOptions& options, std::string_view level) {
    if (level != "rules" && level != "brief" && level != "full") return false;
    options.reasons = level != "rules";
    options.full = level == "full";
    return true;
}

namespace {

bool has_date_to_decide(const CaseData& c, const DecideOptions& options, const std::string& origin,
                        Diagnostics& diags) {
    if (options.as_of || c.has_date) return true;
    diags.error(Code::case_without_date, whole_input(origin),
                "the case has no `date` and no as-of date was given",
                "give the case a `date`, or the date to decide as of (`--as-of DATE`)");
    return false;
}

} // namespace

std::optional<DecisionRecord> decide(const std::shared_ptr<const Program>& program,
                                     const CaseData& c, const DecideOptions& options,
                                     const std::string& origin, Diagnostics& diags) {
    if (!has_date_to_decide(c, options, origin, diags)) return std::nullopt;
    std::optional<DecisionRecord> decided(std::in_place);
    Decider(program, c, options, *decided).run();
    return decided;
}

bool decide(const std::shared_ptr<const Program>& program, const CaseData& c,
            const DecideOptions& options, const std::string& origin, Diagnostics& diags,
            DecisionRecord& into) {
    if (!has_date_to_decide(c, options, origin, diags)) return false;
    // A record decided into again keeps its program (a batch decides every
    // case of a thread into one record): let go and taken again, the
    // program's count of owners was changed twice a case, each change an
    // atomic operation.
    std::shared_ptr<const Program> kept = std::move(into.program);
    into.clear();
    into.program = std::move(kept);
    Decider(program, c, options, into).run();
    return true;
}

} // namespace kader
