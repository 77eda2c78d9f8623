// Fast evaluation of a rule's condition by its truth steps
// (lang/truth_plan.cpp): each step's truth is what the general evaluator
// makes of its node (eval_fast, Value::tri), from operands resolved when
// the program was built.
#include "interpreter/evaluator.hpp"

namespace kader {

int Evaluator::holds(const RuleInfo& rule) {
    enter(rule);
    if (rule.truth < 0) return eval<false>(rule.when, -1).tri();
    return truth(rule.truth);
}

int Evaluator::truth(int step) {
    const TruthStep& s = p_->truth_steps[static_cast<std::size_t>(step)];
    switch (s.kind) {
    case TruthStep::Kind::all_of:
    case TruthStep::Kind::any_of: { // as eval_logic
        const int decides = s.kind == TruthStep::Kind::all_of ? 0 : 1;
        int result = 1 - decides;
        for (int k = s.first; k < s.first + s.count; ++k) {
            int t = truth(p_->truth_kids[static_cast<std::size_t>(k)]);
            if (t == decides) return t;
            if (t < 0) result = -1;
        }
        return result;
    }
    case TruthStep::Kind::negation: {
        int t = truth(p_->truth_kids[static_cast<std::size_t>(s.first)]);
        return t < 0 ? t : 1 - t;
    }
    case TruthStep::Kind::text_test:
        return step_text_test(s);
    case TruthStep::Kind::quantifier:
        return step_quantifier(s);
    case TruthStep::Kind::memo: { // as eval_call, into the same memo
        const Node& n = p_->node(s.node);
        Memo& m = memo_[static_cast<std::size_t>(n.def)];
        if (m.case_number == case_number_) return m.value.tri();
        int t = step_call(s);
        // (A truth's value is a truth value or unknown, nothing else.)
        m.value = t < 0 ? Value::unknown() : Value::of(t == 1);
        m.case_number = case_number_;
        return t;
    }
    case TruthStep::Kind::call:
        return step_call(s);
    case TruthStep::Kind::node:
        break;
    }
    return eval_fast(p_->node(s.node)).tri();
}

// The record whose field a step reads (the case, or a variable that is
// one), or null.
const Datum* Evaluator::step_record(const TruthStep& s) const {
    if (s.source == TruthStep::Source::case_field) return &case_->root;
    const Value& v = stack_[base_ + static_cast<std::size_t>(s.slot)];
    return v.kind == Value::Kind::record ? v.datum : nullptr;
}

// As eval_compare's text against a set or a literal: unknown unless the
// text is there.
int Evaluator::step_text_test(const TruthStep& s) {
    if (s.source == TruthStep::Source::variable) {
        const Value& v = stack_[base_ + static_cast<std::size_t>(s.slot)];
        return v.kind == Value::Kind::string ? text_test(s.test, v.text) : -1;
    }
    const Datum* record = step_record(s);
    return record ? field_test(s.test, *record) : -1;
}

// As eval_quantifier: unknown unless the list is there.
int Evaluator::step_quantifier(const TruthStep& s) {
    const Datum* record = step_record(s);
    if (!record) return -1;
    const Datum& d = case_->element(*record, static_cast<std::size_t>(s.test.field));
    if (d.kind != Datum::Kind::list) return -1;
    Value list;
    list.kind = Value::Kind::list, list.datum = &d;
    return quantify_test<false>(p_->node(s.node), list, -1).tri();
}

// As call: the body's truth in a frame of its own.
int Evaluator::step_call(const TruthStep& s) {
    const Node& n = p_->node(s.node);
    std::size_t top = bind_arguments<false>(n, p_->defs[static_cast<std::size_t>(n.def)]);
    CallerFrame caller{*this, base_, top};
    base_ = top;
    return truth(s.first);
}

} // namespace kader
