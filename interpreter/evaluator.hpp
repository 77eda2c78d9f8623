#pragma once
// Evaluation of resolved expressions against one case, with three-valued
// (Kleene) logic for absent facts. Two modes share one code path: fast
// (value only) and traced (value plus the missing facts and, into an
// explanation block, the reasons, facts and witnesses), used only for the
// rules a decision has to explain.
#include "interpreter/case_data.hpp"
#include "interpreter/decision.hpp"
#include "lang/program.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kader {

struct Value {
    enum class Kind : std::uint8_t { unknown, boolean, number, string, date, list, record };
    // In this order a value takes 48 bytes, not 56: it is copied at every step.
    Kind kind = Kind::unknown;
    bool boolean = false;
    ast::Days date = 0;
    double number = 0;
    std::string_view text;
    const Datum* datum = nullptr; // list or record
    // Traced mode: where in the case it comes from (a PathStep); 0: nowhere.
    // Zero, not -1: a value made from nothing is then all zero bytes, which the
    // compiler writes in whole words (a -1 written alone into a value about to
    // be copied stalled the copy: measured, a fifth of fast evaluation).
    std::int32_t path = 0;

    static Value unknown() { return {}; }
    static Value of(bool b) {
        Value v;
        v.kind = Kind::boolean;
        v.boolean = b;
        return v;
    }
    // Kleene logic on three values: -1 unknown, 0 false, 1 true.
    int tri() const { return kind == Kind::boolean ? (boolean ? 1 : 0) : -1; }
    bool is_true() const { return kind == Kind::boolean && boolean; }
    bool is_false() const { return kind == Kind::boolean && !boolean; }
};

// A value as shown to people: true, 16, "RU", 2022-02-26, unknown.
std::string show(const Value& v);
// The value as an explanation keeps it (owned, typed).
ShownValue shown(const Value& v);

static_assert(sizeof(Value) <= 48);

// The value of a datum of case `c`. Inline: quantifiers make one per
// element, and a call per element cost more than the switch.
inline Value value_of(const Datum& d, const CaseData& c) {
    Value v;
    switch (d.kind) {
    case Datum::Kind::absent:
        break;
    case Datum::Kind::boolean:
        v.kind = Value::Kind::boolean, v.boolean = d.boolean;
        break;
    case Datum::Kind::number:
        v.kind = Value::Kind::number, v.number = d.number;
        break;
    case Datum::Kind::string:
        v.kind = Value::Kind::string, v.text = c.text(d);
        break;
    case Datum::Kind::date:
        v.kind = Value::Kind::date, v.date = d.date;
        break;
    case Datum::Kind::list:
        v.kind = Value::Kind::list, v.datum = &d;
        break;
    case Datum::Kind::record:
        v.kind = Value::Kind::record, v.datum = &d;
        break;
    }
    return v;
}

class Evaluator {
public:
    Evaluator(const Program& program, const CaseData& c);
    // The evaluator, emptied, for another case (of any program), with the
    // room its vectors made: a thread deciding case after case keeps one
    // evaluator (decide.cpp), where making one per case cost a few hundred
    // instructions and, without room kept, allocations.
    void restart(const Program& program, const CaseData& c);
    Evaluator(const Evaluator&) = delete;
    Evaluator& operator=(const Evaluator&) = delete;

    // The value of a rule's condition.
    Value condition(const RuleInfo& rule);
    // Its truth in Kleene's three values (-1 unknown, 0 false, 1 true), as
    // condition(rule).tri() gives it, made by the condition's truth steps
    // (RuleInfo::truth): a decision asks this of every rule.
    int holds(const RuleInfo& rule);
    // The same, with why recorded as a reason of `into` (its index in
    // `root`). The block's paths are steps(): copy them into it once done.
    Value condition(const RuleInfo& rule, Explanation& into, int& root);
    // The same for a rule whose condition holds (holds(rule) is 1), made
    // from its truth steps with their truths known (evaluator_explain.cpp).
    void explain_held(const RuleInfo& rule, Explanation& into, int& root);
    // The same, with why as a tree.
    Value condition(const RuleInfo& rule, Reason& reason);
    // The same, traced for the absent facts only (missing()).
    Value traced_condition(const RuleInfo& rule);
    // A message of `rule` (its own or an obligation's) with its holes filled
    // from the last condition() of `rule`, whatever was evaluated since.
    std::string message(const RuleInfo& rule, const std::vector<MessagePart>& parts);
    // Absent facts met during the last traced evaluations.
    const std::vector<std::string>& missing() const { return missing_; }
    void clear_missing() { missing_.clear(); }
    // The steps of the paths that the reasons recorded so far refer to.
    const std::vector<PathStep>& steps() const { return steps_; }
    // The same, handed over into `into` (a block's steps) without a copy;
    // the evaluator keeps the room `into` had, for its next case.
    void hand_over_steps(std::vector<PathStep>& into) {
        into.swap(steps_);
        steps_.clear();
    }
    // Any expression node (the REPL evaluates typed expressions this way);
    // with `reason`, also why.
    Value evaluate(int node, std::size_t frame_size, Reason* reason = nullptr);

private:
    template <bool Traced> Value eval(int node, int reason);
    Value traced(int node, Explanation& into, int& root);
    Value traced_tree(int node, Reason& reason);
    void enter(const RuleInfo& rule);
    template <bool Traced> Value operand(int node);
    Value eval_fast(const Node& n);
    int truth(int step);
    int kid_truth(int step);
    int step_text_test(const TruthStep& s);
    int step_quantifier(const TruthStep& s);
    int step_call(const TruthStep& s);
    const Datum* step_record(const TruthStep& s) const;
    void explain_step(int step, int known, int reason);
    void explain_logic(const TruthStep& s, int known, int reason);
    void explain_call(const TruthStep& s, int known, int reason);
    bool explain_quantifier(const TruthStep& s, int reason);
    Value eval_traced(int index, int reason);
    Value literal(const Node& n);
    const Datum* record_operand(int index);
    const Datum* list_operand(int index);
    const Datum* computed_record(int index);
    bool text_operand(int index, std::string_view& text);
    Value set_test(const Node& n, std::string_view text) const;
    Value set_value(const Node& n, const Value& l) const;
    Value compared(const Node& n, const Value& l, const Value& r) const;
    template <bool Traced> Value eval_field(const Node& n);
    Value field_traced(const Node& n);
    template <bool Traced> Value eval_call(const Node& n, int reason);
    template <bool Traced> Value call(const Node& n, const DefInstance& def, int reason);
    template <bool Traced> std::size_t bind_arguments(const Node& n, const DefInstance& def);
    int explain_arguments(const Node& n, std::size_t top, int reason);
    // Gives the caller's frame back once a call's body is evaluated.
    struct CallerFrame {
        Evaluator& e;
        std::size_t base, top;
        ~CallerFrame() { e.top_ = top, e.base_ = base; }
    };
    template <bool Traced> Value eval_logic(const Node& n, int reason);
    template <bool Traced> Value eval_compare(const Node& n, int reason);
    template <bool Traced> Value eval_quantifier(const Node& n, int reason);
    template <bool Traced, bool TracedElements>
    Value quantify(const Node& n, const Value& list, int reason);
    template <bool Traced> Value quantify_test(const Node& n, const Value& list, int reason);
    int element_test(const ElementTest& test, const Datum& element) const;
    int field_test(const FieldTest& test, const Datum& element) const;
    int text_test(const FieldTest& test, std::string_view text) const;
    void explain_element(const Node& n, const Value& list, std::size_t i, int reason);
    void explain_test(const Node& n, const Value& element, int reason);
    int explain_test_body(int index, const Value& element, int holds, int reason);
    void note_deciding(const Node& n, std::size_t i);
    Value explain_decided(const Node& n, const Value& list, std::size_t i, int reason);
    Value element(const Datum& d, std::int32_t path);
    std::size_t push_frame(std::size_t size);
    void note_missing(const std::string& path);
    void note_fact(int reason, const Value& v);
    int add_part(int parent);
    ReasonEntry& entry(int reason) { return block_->reasons[static_cast<std::size_t>(reason)]; }
    void keep_value(const Value& v, BlockValue& out);
    void keep_other_value(const Value& v, BlockValue& out);
    std::int32_t step(std::int32_t parent, std::string_view name, std::int64_t index = -1);
    std::int32_t case_step();
    void start_steps();
    std::string path_text(std::int32_t path) const;

    const Program* p_ = nullptr;
    const CaseData* case_ = nullptr;
    std::vector<Value> stack_;
    std::size_t base_ = 0; // the frame in use
    std::size_t top_ = 0;  // the values in use; stack_ keeps room above them
    struct Memo {
        Value value;
        std::uint32_t case_number = 0; // the case it was made in (0: none)
    };
    std::vector<Memo> memo_;        // definitions without parameters, per case
    std::uint32_t case_number_ = 0; // the case being evaluated: restarts so far
    std::vector<std::string> missing_;
    std::vector<PathStep> steps_; // traced mode: the paths of the values read
    // Per quantifier whose value depends on the case alone
    // (Node::case_quantifier): the element that decided it when it was
    // last evaluated, or -1. A reason asked for later explains that element
    // without trying the ones before it again.
    std::vector<std::int32_t> deciding_;
    Explanation* block_ = nullptr; // traced mode: where the reasons go
    Explanation scratch_;          // the reasons made as trees
};

// Traced or fast, chosen where evaluation starts (condition, evaluate).
// Here, not in evaluator.cpp: evaluator_quantifiers.cpp evaluates bodies too.
inline Value Evaluator::element(const Datum& d, std::int32_t path) {
    Value v = value_of(d, *case_);
    v.path = path;
    return v;
}

// The record an operand stands for, or null when it is none (absent, or not
// a record). A variable or the case is looked at where it is, not copied.
// (This and list_operand are inline: every quantifier reads its list
// through them, most often `case.items` or the like, in a few instructions.)
inline const Datum* Evaluator::record_operand(int index) {
    const Node& n = p_->node(index);
    switch (n.op) {
    case Op::case_root:
        return &case_->root;
    case Op::local: {
        const Value& v = stack_[base_ + static_cast<std::size_t>(n.slot)];
        return v.kind == Value::Kind::record ? v.datum : nullptr;
    }
    default:
        return computed_record(index);
    }
}

// Fast mode: the list an operand stands for, or null when it is none. A
// field (most quantifiers' lists are: `case.items`) is looked at where it
// is, without making a value of it on the way.
inline const Datum* Evaluator::list_operand(int index) {
    const Node& n = p_->node(index);
    if (n.op == Op::field) {
        const Datum* record = record_operand(n.kids[0]);
        if (!record || n.slot < 0) return nullptr;
        const Datum& d = case_->element(*record, static_cast<std::size_t>(n.slot));
        return d.kind == Datum::Kind::list ? &d : nullptr;
    }
    Value v = operand<false>(index);
    return v.kind == Value::Kind::list ? v.datum : nullptr;
}

// The tests of element tests and truth steps: inline, as each runs once
// per element of a list, and a call per test cost more than the test.
// The value of a field test's test on a text at hand (0 or 1).
inline int Evaluator::text_test(const FieldTest& test, std::string_view text) const {
    switch (test.op) {
    case Op::in_set:
    case Op::under_set: {
        const NamedSet& s = p_->sets[static_cast<std::size_t>(test.set)];
        bool hit = test.op == Op::in_set ? s.contains(text) : s.covers(text);
        return hit != test.negate ? 1 : 0;
    }
    default:
        return (text == p_->node(test.literal).text) == (test.op == Op::eq) ? 1 : 0;
    }
}

// The value of a field test on one element, as the test's nodes would
// make it: -1 unknown (the field is absent).
inline int Evaluator::field_test(const FieldTest& test, const Datum& element) const {
    if (element.kind != Datum::Kind::record) return -1;
    const Datum& field = case_->element(element, static_cast<std::size_t>(test.field));
    if (field.kind != Datum::Kind::string) return -1;
    return text_test(test, case_->text(field));
}

// The value of an element test (Program::element_tests) on one element:
// its tests joined by `and`, in Kleene logic, as eval_logic makes it.
inline int Evaluator::element_test(const ElementTest& test, const Datum& element) const {
    int result = 1;
    for (std::size_t k = 0; k < test.count; ++k) {
        int t = field_test(test.tests[k], element);
        if (t == 0) return 0;
        if (t < 0) result = -1;
    }
    return result;
}

// The value as the explanation keeps it. Inline for a truth, the value of
// most reasons; any other through keep_other_value (its text kept in the block).
inline void Evaluator::keep_value(const Value& v, BlockValue& out) {
    if (v.kind != Value::Kind::boolean) return keep_other_value(v, out);
    out.kind = ShownValue::Kind::boolean;
    out.boolean = v.boolean;
}

template <bool Traced> inline Value Evaluator::eval(int index, int reason) {
    if constexpr (Traced)
        return eval_traced(index, reason);
    else
        return eval_fast(p_->node(index));
}

} // namespace kader
