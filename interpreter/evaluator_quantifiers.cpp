// Quantifiers: `any`, `all`, `none` and `count` over a list of the case,
// element by element or, for a body that is an element test
// (lang/element_tests.cpp), as one loop; and the explanation of the element
// that decided one.
#include "interpreter/evaluator.hpp"

#include <new>
#include <span>
#include <string>
#include <utility>

namespace kader {

namespace {

// Names the element of a list that decided a quantifier for people, by the
// field that best identifies a record (a string element names itself).
void name_witness(BlockWitness& w, Explanation& block, const Datum& d, const CaseData& c,
                  const Program& p, int schema) {
    if (d.kind == Datum::Kind::string) {
        w.name_at = block.keep(c.text(d), w.name_size);
        return;
    }
    if (d.kind != Datum::Kind::record || schema < 0) return;
    const SchemaNode& node = p.schema[static_cast<std::size_t>(schema)];
    for (int slot : node.naming_fields) {
        const Datum& field = c.element(d, static_cast<std::size_t>(slot));
        if (field.kind == Datum::Kind::string) {
            w.field = node.fields[static_cast<std::size_t>(slot)].name;
            w.name_at = block.keep(c.text(field), w.name_size);
            return;
        }
    }
}

} // namespace

// In traced mode, the elements are first tried untraced: only the element
// that decides is explained, and it is evaluated again, traced, for its
// reason. A quantifier whose value is known keeps no absent facts (see
// eval), so only an unknown one is evaluated again traced throughout, for
// the facts that were absent.
template <bool Traced> Value Evaluator::eval_quantifier(const Node& n, int reason) {
    if constexpr (!Traced) {
        const Datum* elements = list_operand(n.kids[0]);
        if (!elements) return Value::unknown();
        Value list;
        list.kind = Value::Kind::list, list.datum = elements;
        // Fast mode returns the value as quantify makes it (see eval_call).
        return quantify<false, false>(n, list, reason);
    }
    Value list = operand<Traced>(n.kids[0]);
    if (list.kind != Value::Kind::list) return Value::unknown();
    if (n.case_quantifier >= 0) {
        std::int32_t at = deciding_[static_cast<std::size_t>(n.case_quantifier)];
        if (at >= 0) return explain_decided(n, list, static_cast<std::size_t>(at), reason);
    }
    Value v = quantify<Traced, false>(n, list, reason);
    if (Traced && v.kind == Value::Kind::unknown) v = quantify<Traced, true>(n, list, reason);
    return v;
}

namespace {

// What a quantifier's elements come to, element by element: `any` and
// `none` stop at the first element that holds, `all` at the first that
// fails; `count` counts the elements that hold. An unknown element leaves
// the value unknown unless another decides it.
struct Tally {
    Op op;
    bool unknown_seen = false;
    double count = 0;

    // Notes one element's value (-1: unknown); true when it decides.
    bool decides(int t) {
        if (t < 0) {
            unknown_seen = true;
            return false;
        }
        if (op == Op::count) {
            count += t;
            return false;
        }
        return (t == 1) == (op != Op::all);
    }
    // The value once an element decided it.
    Value decided() const { return Value::of(op == Op::any); }
    // The value when no element decided it.
    Value value() const {
        if (unknown_seen) return Value::unknown();
        if (op != Op::count) return Value::of(op != Op::any); // all held; none held
        Value v;
        v.kind = Value::Kind::number;
        v.number = count;
        return v;
    }
};

} // namespace

template <bool Traced, bool TracedElements>
Value Evaluator::quantify(const Node& n, const Value& list, int reason) {
    if constexpr (!TracedElements)
        if (n.element_test >= 0) return quantify_test<Traced>(n, list, reason);
    std::span<const Datum> elements = case_->elements(*list.datum);
    std::size_t slot = base_ + static_cast<std::size_t>(n.slot);
    Tally tally{n.op};
    for (std::size_t i = 0; i < elements.size(); ++i) {
        std::int32_t path =
            TracedElements ? step(list.path, n.text, static_cast<std::int64_t>(i)) : 0;
        // Made where it is kept: a value built field by field in one place
        // and copied whole to another stalls the copy (store forwarding).
        ::new (static_cast<void*>(&stack_[slot])) Value(element(elements[i], path));
        if (tally.decides(eval<TracedElements>(n.kids[1], -1).tri())) {
            note_deciding(n, i);
            if (Traced && reason >= 0) explain_element(n, list, i, reason);
            return tally.decided();
        }
    }
    return tally.value();
}

// quantify for a quantifier whose body is an element test: the same value,
// the same element explained, and the same element left in the variable's
// slot, without evaluating the body (or the definition it calls) node by
// node for every element.
template <bool Traced>
Value Evaluator::quantify_test(const Node& n, const Value& list, int reason) {
    const ElementTest& test = p_->element_tests[static_cast<std::size_t>(n.element_test)];
    std::span<const Datum> elements = case_->elements(*list.datum);
    std::size_t slot = base_ + static_cast<std::size_t>(n.slot);
    Tally tally{n.op};
    for (std::size_t i = 0; i < elements.size(); ++i) {
        bool decides = tally.decides(element_test(test, elements[i]));
        if (decides || i + 1 == elements.size())
            ::new (static_cast<void*>(&stack_[slot])) Value(element(elements[i], 0));
        if (decides) {
            note_deciding(n, i);
            if (Traced && reason >= 0) explain_element(n, list, i, reason);
            return tally.decided();
        }
    }
    return tally.value();
}

void Evaluator::note_deciding(const Node& n, std::size_t i) {
    if (n.case_quantifier >= 0)
        deciding_[static_cast<std::size_t>(n.case_quantifier)] = static_cast<std::int32_t>(i);
}

// A quantifier whose deciding element is known from an earlier evaluation in
// this case: that element explained and left in the variable's slot, as
// quantify leaves it, without trying the elements before it again (they
// did not decide, and untraced they note nothing).
Value Evaluator::explain_decided(const Node& n, const Value& list, std::size_t i, int reason) {
    if (reason >= 0)
        explain_element(n, list, i, reason);
    else
        stack_[base_ + static_cast<std::size_t>(n.slot)] =
            element(case_->element(*list.datum, i), 0);
    return Value::of(n.op == Op::any); // as Tally::decided
}

// The reason of the element that decided a quantifier, and its witness.
void Evaluator::explain_element(const Node& n, const Value& list, std::size_t i, int reason) {
    const Datum& d = case_->element(*list.datum, i);
    std::int32_t path = step(list.path, n.text, static_cast<std::int64_t>(i));
    Value e = element(d, path);
    stack_[base_ + static_cast<std::size_t>(n.slot)] = e;
    int part = add_part(reason);
    // (An element test decides only on a record: a test of any other
    // element is unknown.)
    if (n.element_test >= 0 && e.kind == Value::Kind::record)
        explain_test(n, e, part);
    else
        eval<true>(n.kids[1], part);
    entry(reason).witness = static_cast<int>(block_->witnesses.size());
    BlockWitness& w = block_->witnesses.emplace_back();
    w.path = path;
    name_witness(w, *block_, d, *case_, *p_, p_->node(n.kids[0]).type.schema);
}

// The reason of an element test's body (Program::element_tests) on the
// record `element` that decided its quantifier, into `reason`: the entries,
// facts, values and paths that eval_traced makes of the body node by node,
// in the same order, made straight from the body's nodes. Most reasons of
// a screening rule set explain such a body, and the traced evaluator's way
// through one (operands, a frame per call, absent facts noted and dropped
// again, every set looked up again) took 1,100 instructions; this, 490.
//
// The body's truth on that element is known: it decided the quantifier, so
// it holds for `any` and `none`, and fails for `all`. A body that holds is
// an `and` of tests that all hold, so its tests are not looked up again.
void Evaluator::explain_test(const Node& n, const Value& element, int reason) {
    int body = n.kids[1];
    const Node& b = p_->node(body);
    const int holds = n.op == Op::all ? 0 : 1;
    if (b.op != Op::call) {
        explain_test_body(body, element, holds, reason);
        return;
    }
    // A definition of one parameter, given the element (lang/element_tests.cpp),
    // as call<true> explains it: the record it is given is no fact to show.
    entry(reason).definition = b.def;
    int part = add_part(reason);
    int t = explain_test_body(p_->defs[static_cast<std::size_t>(b.def)].root, element, holds, part);
    ReasonEntry& r = entry(reason);
    r.node = body;
    keep_value(t < 0 ? Value::unknown() : Value::of(t == 1), r.value);
}

// One node of an element test's body: an `and` of tests, as eval_logic
// explains it, or a test of a text field of the element, as eval_compare
// does (the field's value its fact). Absent fields are not noted as
// missing: the body of a deciding element has a value, and eval_traced
// drops the absent facts below a node that has one. `holds`: the node's
// truth when known (1 or 0), or -1. Its truth.
int Evaluator::explain_test_body(int index, const Value& element, int holds, int reason) {
    const Node& n = p_->node(index);
    Value v;
    if (n.op == Op::and_) {
        int result = 1;
        for (int k : n.kids) {
            // (An `and` that fails leaves its parts to be found out.)
            int t = explain_test_body(k, element, holds == 1 ? 1 : -1, add_part(reason));
            if (t == 0) {
                result = 0;
                break;
            }
            if (t < 0) result = -1;
        }
        v = result < 0 ? Value::unknown() : Value::of(result == 1);
    } else {
        const Node& field = p_->node(n.kids[0]);
        const Datum& d = case_->element(*element.datum, static_cast<std::size_t>(field.slot));
        Value l = this->element(d, step(element.path, field.text));
        note_fact(reason, l);
        if (holds >= 0)
            v = Value::of(holds == 1);
        else if (n.op == Op::in_set || n.op == Op::under_set)
            v = set_value(n, l);
        else // (a text literal: no fact)
            v = compared(n, l, operand<true>(n.kids[1]));
    }
    ReasonEntry& r = entry(reason);
    r.node = index;
    keep_value(v, r.value);
    return v.tri();
}

template Value Evaluator::eval_quantifier<true>(const Node&, int);
template Value Evaluator::eval_quantifier<false>(const Node&, int);

} // namespace kader
