// Fast evaluation of a rule's condition by its truth steps
// (lang/truth_plan.cpp): each step's truth is what the general evaluator
// makes of its node (eval_fast, Value::tri), from operands resolved when
// the program was built.
#include "interpreter/evaluator.hpp"

#include <new>
#include <span>

namespace kader {

namespace {

// The index of the first of `elements` whose truth by `test` (-1 unknown,
// 0 false, 1 true) is `deciding`, or their count; `unknown` set when an
// element before it was unknown.
template <class Test>
std::size_t first_deciding(std::span<const Datum> elements, int deciding, bool& unknown,
                           Test test) {
    std::size_t i = 0;
    for (; i < elements.size(); ++i) {
        int t = test(elements[i]);
        if (t == deciding) break;
        if (t < 0) unknown = true;
    }
    return i;
}

} // namespace

// A part of an `and` or `or`: a quantifier or a text test, as most parts
// are, straight, without a call of truth() and its switch around it.
inline int Evaluator::kid_truth(int step) {
    const TruthStep& s = p_->truth_steps[static_cast<std::size_t>(step)];
    if (s.kind == TruthStep::Kind::quantifier) return step_quantifier(s);
    if (s.kind == TruthStep::Kind::text_test) return step_text_test(s);
    return truth(step);
}

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
            int t = kid_truth(p_->truth_kids[static_cast<std::size_t>(k)]);
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

// As eval_quantifier over quantify_test (`any`, `all` or `none` of an
// element test), for its truth alone: unknown unless the list is there. The
// loop is written out here, not run through quantify_test, which made the
// list and each element a value and kept a tally (169 instructions per case
// of screen-1 more). It leaves the variable's slot and the deciding element
// as quantify_test does (messages and reasons read them).
int Evaluator::step_quantifier(const TruthStep& s) {
    const Datum* record = step_record(s);
    if (!record) return -1;
    const Datum& d = case_->element(*record, static_cast<std::size_t>(s.test.field));
    if (d.kind != Datum::Kind::list) return -1;
    const Node& n = p_->node(s.node);
    const ElementTest& test = p_->element_tests[static_cast<std::size_t>(n.element_test)];
    std::span<const Datum> elements = case_->elements(d);
    const int none_decided = n.op == Op::any ? 0 : 1; // (Tally::value)
    if (elements.empty()) return none_decided;
    const int deciding = n.op == Op::all ? 0 : 1; // an element's truth that decides
    bool unknown = false;
    // (Most bodies are one test, `p.id in entity_list` or `covered(i)`: its
    // own loop, without element_test's loop over the tests, took a
    // fifteenth off screen-1's conditions.)
    const std::size_t i =
        test.count == 1
            ? first_deciding(elements, deciding, unknown,
                             [&](const Datum& e) { return field_test(test.tests[0], e); })
            : first_deciding(elements, deciding, unknown,
                             [&](const Datum& e) { return element_test(test, e); });
    const bool decided = i < elements.size();
    std::size_t slot = base_ + static_cast<std::size_t>(n.slot);
    ::new (static_cast<void*>(&stack_[slot])) Value(element(elements[decided ? i : i - 1], 0));
    if (decided) {
        note_deciding(n, i);
        return 1 - none_decided;
    }
    return unknown ? -1 : none_decided;
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
