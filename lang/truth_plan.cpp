// Plans each rule's condition as truth steps (TruthStep): the nodes whose
// value is a truth (`and`, `or`, `not`, a text against a set or a literal,
// a quantifier whose body is an element test, a call of a definition),
// each with what it reads resolved here, once, rather than by the general
// evaluator at every node of every case. The general evaluator asked each
// node what it was, then each of its operands, and made a value of each
// answer; for a screening rule set that was most of the work of deciding
// the rules that do not apply. Any other node is a step that the general
// evaluator evaluates, so every condition has a plan.
#include "lang/program.hpp"

#include <vector>

namespace kader {

namespace {

TruthStep step_of(TruthStep::Kind kind, int node) {
    TruthStep s;
    s.kind = kind;
    s.node = node;
    return s;
}

class Planner {
public:
    explicit Planner(Program& p) : p_(p), def_steps_(p.defs.size(), -1) {}

    // The step of node `index`.
    int plan(int index) {
        const Node& n = p_.node(index);
        // (Only a truth is planned: a node of another type is evaluated as it is.)
        if (n.type.kind == StaticType::boolean) switch (n.op) {
            case Op::and_:
            case Op::or_:
            case Op::not_:
                return logic(index);
            case Op::in_set:
            case Op::under_set:
            case Op::eq:
            case Op::ne:
                if (int s = text_test(index); s >= 0) return s;
                break;
            case Op::any:
            case Op::all:
            case Op::none:
                if (int s = quantifier(index); s >= 0) return s;
                break;
            case Op::call:
                if (int s = call(index); s >= 0) return s;
                break;
            default:
                break;
            }
        return add(step_of(TruthStep::Kind::node, index));
    }

private:
    int add(const TruthStep& s) {
        p_.truth_steps.push_back(s);
        return static_cast<int>(p_.truth_steps.size() - 1);
    }

    // The parts are planned first; their steps are then listed together.
    int logic(int index) {
        std::vector<int> kids;
        for (int k : p_.node(index).kids)
            kids.push_back(plan(k));
        const Op op = p_.node(index).op;
        if (kids.empty() || (op == Op::not_ && kids.size() != 1))
            return add(step_of(TruthStep::Kind::node, index));
        TruthStep s = step_of(TruthStep::Kind::node, index);
        s.kind = op == Op::and_  ? TruthStep::Kind::all_of
                 : op == Op::or_ ? TruthStep::Kind::any_of
                                 : TruthStep::Kind::negation;
        s.first = static_cast<int>(p_.truth_kids.size());
        s.count = static_cast<int>(kids.size());
        p_.truth_kids.insert(p_.truth_kids.end(), kids.begin(), kids.end());
        return add(s);
    }

    // Where a text (or a list) is read: a field of the case or of a
    // variable, or a variable itself. False for anything else.
    bool source_of(int operand, TruthStep& s, bool field_only) const {
        const Node& o = p_.node(operand);
        if (o.op == Op::local && o.slot >= 0 && !field_only) {
            s.source = TruthStep::Source::variable;
            s.slot = o.slot;
            return true;
        }
        if (o.op != Op::field || o.slot < 0 || o.kids.size() != 1) return false;
        const Node& record = p_.node(o.kids[0]);
        if (record.op == Op::case_root) {
            s.source = TruthStep::Source::case_field;
        } else if (record.op == Op::local && record.slot >= 0) {
            s.source = TruthStep::Source::variable_field;
            s.slot = record.slot;
        } else {
            return false;
        }
        s.test.field = o.slot;
        return true;
    }

    int text_test(int index) {
        const Node& n = p_.node(index);
        TruthStep s = step_of(TruthStep::Kind::text_test, index);
        s.test.op = n.op;
        s.test.negate = n.negate;
        if (n.op == Op::in_set || n.op == Op::under_set) {
            if (n.set < 0 || n.kids.empty()) return -1;
            s.test.set = n.set;
        } else { // a text against a text literal (the checker has made sure the other side is a
                 // text)
            if (n.kids.size() != 2 || p_.node(n.kids[1]).op != Op::string) return -1;
            s.test.literal = n.kids[1];
        }
        if (!source_of(n.kids[0], s, false)) return -1;
        return add(s);
    }

    int quantifier(int index) {
        const Node& n = p_.node(index);
        if (n.element_test < 0 || n.kids.size() != 2 || n.slot < 0) return -1;
        TruthStep s = step_of(TruthStep::Kind::quantifier, index);
        if (!source_of(n.kids[0], s, true)) return -1;
        return add(s);
    }

    // A definition's body is planned once, however many calls it has.
    int call(int index) {
        const Node& n = p_.node(index);
        if (n.def < 0) return -1;
        const DefInstance& def = p_.defs[static_cast<std::size_t>(n.def)];
        if (def.root < 0) return -1;
        auto& body = def_steps_[static_cast<std::size_t>(n.def)];
        if (body < 0) body = plan(def.root);
        TruthStep s = step_of(TruthStep::Kind::node, index);
        s.kind = def.memoize ? TruthStep::Kind::memo : TruthStep::Kind::call;
        s.first = body;
        return add(s);
    }

    Program& p_;
    std::vector<int> def_steps_; // per definition: its body's step, or -1
};

} // namespace

void plan_truths(Program& p) {
    p.truth_steps.clear();
    p.truth_kids.clear();
    Planner planner(p);
    for (auto& r : p.rules)
        r.truth = r.when >= 0 ? planner.plan(r.when) : -1;
}

} // namespace kader
