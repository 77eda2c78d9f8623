#include "interpreter/evaluator.hpp"

#include "interpreter/room.hpp"

#include <algorithm>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace kader {

namespace {

Value text_value(std::string_view text) {
    Value v;
    v.kind = Value::Kind::string, v.text = text;
    return v;
}
Value record_value(const Datum& d) {
    Value v;
    v.kind = Value::Kind::record, v.datum = &d;
    return v;
}
Value from_tri(int t) {
    return t < 0 ? Value::unknown() : Value::of(t == 1);
}

} // namespace

Evaluator::Evaluator(const Program& program, const CaseData& c) {
    // Room for the frames of most rule sets at once, not grown by steps.
    stack_.reserve(64);
    restart(program, c);
}

// Every definition unknown again, no quantifier decided, no paths, no
// absent facts. The vectors keep their room up to the bound of room.hpp (a
// case of thousands of items should not keep its room for the rest of a
// batch); the stack, also the rules' frames, which every case needs.
void Evaluator::restart(const Program& program, const CaseData& c) {
    p_ = &program, case_ = &c;
    std::size_t frames_bytes = static_cast<std::size_t>(program.rule_frames) * sizeof(Value);
    if (stack_.capacity() * sizeof(Value) > room::most_kept_bytes + frames_bytes)
        std::vector<Value>().swap(stack_);
    if (!room::worth_keeping(steps_)) std::vector<PathStep>().swap(steps_);
    // A memo counts for the case it was made in: none of the memos kept
    // counts once the case's number has moved on (none to write, per case).
    if (++case_number_ == 0) { // after 2^32 cases: none made since 0 counts
        memo_.clear();
        case_number_ = 1;
    }
    memo_.resize(program.defs.size());
    deciding_.assign(static_cast<std::size_t>(program.case_quantifiers), -1);
    steps_.clear();
    missing_.clear();
    block_ = nullptr;
    base_ = top_ = 0;
    // Every rule's frame, unknown until its condition binds it: zeroed once
    // per case, not once per rule (a message may read a variable its
    // condition never reached, and must find it unknown, not another case's).
    push_frame(static_cast<std::size_t>(program.rule_frames));
}

// Step 0 stands for no step at all (Value::path); step 1 is the case itself,
// the first step of every path read from it, made once per case.
void Evaluator::start_steps() {
    // Room for a rule's paths at once: a case traced at all makes dozens.
    steps_.reserve(128);
    steps_.emplace_back();
    steps_.emplace_back();
}

std::int32_t Evaluator::step(std::int32_t parent, std::string_view name, std::int64_t index) {
    if (steps_.empty()) start_steps();
    steps_.push_back({parent, name, index});
    return static_cast<std::int32_t>(steps_.size() - 1);
}

std::int32_t Evaluator::case_step() {
    if (steps_.empty()) start_steps();
    return 1;
}

// The path as the explanation shows it: "" for the case itself, fields
// joined by dots, elements by their index.
std::string Evaluator::path_text(std::int32_t path) const {
    return kader::path_text(steps_, path);
}

void Evaluator::note_missing(const std::string& path) {
    if (std::find(missing_.begin(), missing_.end(), path) == missing_.end())
        missing_.push_back(path);
}

// Room for `size` values above those in use, each unknown until written.
// The stack only grows: a call's frame is given back by lowering top_,
// without destroying and constructing values at every call.
std::size_t Evaluator::push_frame(std::size_t size) {
    std::size_t at = top_;
    top_ += size;
    if (stack_.size() < top_) stack_.resize(top_);
    // An unknown value is all zero bytes (see Value::path). Zeroed whole,
    // not copied from an unknown value made on the stack: that copy read
    // back, in other pieces, what had just been written (store forwarding),
    // and stalled every frame.
    static_assert(std::is_trivially_copyable_v<Value>);
    std::memset(static_cast<void*>(stack_.data() + at), 0, size * sizeof(Value));
    return at;
}

Value Evaluator::evaluate(int node, std::size_t frame_size, Reason* reason) {
    std::size_t saved = base_;
    base_ = push_frame(frame_size);
    Value v = reason ? traced_tree(node, *reason) : eval<false>(node, -1);
    // The frame is kept until the next evaluation: messages read the witnesses from it.
    base_ = saved;
    return v;
}

// In the rule's own frame (RuleInfo::frame_at); the frames of the calls it
// makes go above those of every rule, so that none of them is overwritten.
void Evaluator::enter(const RuleInfo& rule) {
    base_ = static_cast<std::size_t>(rule.frame_at);
    top_ = static_cast<std::size_t>(p_->rule_frames);
}

Value Evaluator::condition(const RuleInfo& rule) {
    enter(rule);
    return eval<false>(rule.when, -1);
}

Value Evaluator::condition(const RuleInfo& rule, Explanation& into, int& root) {
    enter(rule);
    return traced(rule.when, into, root);
}

Value Evaluator::condition(const RuleInfo& rule, Reason& reason) {
    enter(rule);
    return traced_tree(rule.when, reason);
}

// Traced with no reason to record: absent facts are noted all the same.
Value Evaluator::traced_condition(const RuleInfo& rule) {
    enter(rule);
    return eval<true>(rule.when, -1);
}

Value Evaluator::traced(int node, Explanation& into, int& root) {
    block_ = &into;
    root = static_cast<int>(into.reasons.size());
    into.reasons.emplace_back();
    Value v = eval<true>(node, root);
    block_ = nullptr;
    return v;
}

Value Evaluator::traced_tree(int node, Reason& reason) {
    scratch_.clear();
    int root = -1;
    Value v = traced(node, scratch_, root);
    scratch_.steps = steps_;
    reason = reason_tree(scratch_, root);
    return v;
}

// The holes read the rule's frame as its last condition() left it.
std::string Evaluator::message(const RuleInfo& rule, const std::vector<MessagePart>& parts) {
    base_ = static_cast<std::size_t>(rule.frame_at);
    top_ = static_cast<std::size_t>(p_->rule_frames);
    std::string out;
    for (const auto& part : parts) {
        if (part.node < 0) {
            out += part.text;
            continue;
        }
        Value v = eval<false>(part.node, -1);
        if (v.kind == Value::Kind::string)
            out += v.text; // not through a string of its own
        else
            out += show(v);
    }
    return out;
}

// An operand, evaluated without a reason of its own. Most operands are a
// variable, a literal, the case or a field of one of these: both modes read
// those here, without a call. With no reason of its own, traced mode has
// nothing to note of them but their paths, which it makes as eval_traced
// does (the case itself is a path's first step), and the absent facts
// below a field, which it keeps only while the field's value is unknown
// (see eval_traced). A quantifier's list is such an operand: made through
// eval_traced, it took 285 instructions.
template <bool Traced> Value Evaluator::operand(int index) {
    const Node& n = p_->node(index);
    switch (n.op) {
    case Op::local: // (its path, when it has one, came with it)
        return stack_[base_ + static_cast<std::size_t>(n.slot)];
    case Op::string:
        return text_value(n.text);
    case Op::case_root: {
        Value v = record_value(case_->root);
        if (Traced) v.path = case_step();
        return v;
    }
    case Op::field: {
        if (!Traced) return eval_field<false>(n);
        std::size_t noted = missing_.size();
        Value v = field_traced(n);
        if (v.kind != Value::Kind::unknown && missing_.size() > noted) missing_.resize(noted);
        return v;
    }
    default:
        break;
    }
    return eval<Traced>(index, -1);
}

// Instantiated here for evaluator_quantifiers.cpp, which reads a
// quantifier's list as an operand.
template Value Evaluator::operand<true>(int);
template Value Evaluator::operand<false>(int);

// Apart from record_operand, so that the value it makes is made only here.
const Datum* Evaluator::computed_record(int index) {
    Value v = eval<false>(index, -1);
    return v.kind == Value::Kind::record ? v.datum : nullptr;
}

template <bool Traced> Value Evaluator::eval_field(const Node& n) {
    if constexpr (Traced) {
        return field_traced(n);
    } else {
        const Datum* record = record_operand(n.kids[0]);
        if (!record || n.slot < 0) return Value::unknown();
        return value_of(case_->element(*record, static_cast<std::size_t>(n.slot)), *case_);
    }
}

// Traced mode keeps where every value it reads comes from (the explanation
// names the facts); fast mode does not, which would cost more than the evaluation.
Value Evaluator::field_traced(const Node& n) {
    std::size_t noted = missing_.size();
    Value base = operand<true>(n.kids[0]);
    if (base.kind != Value::Kind::record || n.slot < 0) {
        if (base.kind != Value::Kind::unknown || base.path == 0) return Value::unknown();
        // Below an absent record, name the fact asked for (items[0].params.node_nm),
        // not the record that holds it.
        missing_.resize(noted);
        Value v = Value::unknown();
        v.path = step(base.path, n.text);
        note_missing(path_text(v.path));
        return v;
    }
    const Datum& d = case_->element(*base.datum, static_cast<std::size_t>(n.slot));
    std::int32_t path = step(base.path, n.text);
    if (d.kind == Datum::Kind::absent) note_missing(path_text(path));
    return element(d, path);
}

// A definition's value is returned as its body's evaluation makes it, and
// a memo is kept apart: a value copied on its way out, right after it was
// written field by field, waited on those writes (store forwarding).
template <bool Traced> Value Evaluator::eval_call(const Node& n, int reason) {
    const DefInstance& def = p_->defs[static_cast<std::size_t>(n.def)];
    if constexpr (!Traced) {
        if (def.memoize) {
            Memo& m = memo_[static_cast<std::size_t>(n.def)];
            if (m.case_number != case_number_) {
                m.value = call<false>(n, def, -1);
                m.case_number = case_number_;
            }
            return m.value;
        }
    }
    return call<Traced>(n, def, reason);
}

// The arguments of a call go straight into the callee's frame, evaluated
// in the caller's (no list of them per call: definitions are called per
// item); where that frame starts. A call while evaluating one grows the
// stack beyond this frame and gives it back; the stack may move, so the
// frame is reached by index.
template <bool Traced>
std::size_t Evaluator::bind_arguments(const Node& n, const DefInstance& def) {
    std::size_t top = push_frame(std::max(static_cast<std::size_t>(def.frame_size), n.kids.size()));
    for (std::size_t i = 0; i < n.kids.size(); ++i) {
        Value a = operand<Traced>(n.kids[i]);
        stack_[top + i] = a;
    }
    return top;
}

// (evaluator_truths.cpp and evaluator_explain.cpp call a definition
// straight from its step.)
template std::size_t Evaluator::bind_arguments<false>(const Node&, const DefInstance&);
template std::size_t Evaluator::bind_arguments<true>(const Node&, const DefInstance&);

template <bool Traced> Value Evaluator::call(const Node& n, const DefInstance& def, int reason) {
    std::size_t top = bind_arguments<Traced>(n, def);
    CallerFrame caller{*this, base_, top}; // back once the body's value is made
    base_ = top;
    int body = Traced && reason >= 0 ? explain_arguments(n, top, reason) : -1;
    if (def.root < 0) return Value::unknown();
    return eval<Traced>(def.root, body);
}

// A call's reason: the definition it calls, its arguments (bound from
// `top`) as its facts; the part its body's reason goes into.
int Evaluator::explain_arguments(const Node& n, std::size_t top, int reason) {
    entry(reason).definition = n.def;
    for (std::size_t i = 0; i < n.kids.size(); ++i)
        note_fact(reason, stack_[top + i]);
    return add_part(reason);
}

namespace {

// The part that decided an `or` alone: the parts before it are left out of
// the list (they stay in the block, unread).
void keep_last_part(ReasonEntry& r) {
    r.first_part = r.last_part;
}

} // namespace

template <bool Traced> Value Evaluator::eval_logic(const Node& n, int reason) {
    if (n.op == Op::not_) {
        int part = Traced && reason >= 0 ? add_part(reason) : -1;
        Value v = eval<Traced>(n.kids[0], part);
        return v.kind == Value::Kind::boolean ? Value::of(!v.boolean) : Value::unknown();
    }
    bool is_and = n.op == Op::and_;
    int result = is_and ? 1 : 0;
    for (int k : n.kids) {
        // Every part evaluated matters, until an `or` finds the part that holds:
        // then that part alone explains it (below). A false `or` shows each
        // part that failed, with the facts that made it fail. (The part is
        // built in place: nothing else is added to these parts meanwhile.)
        int t = eval<Traced>(k, Traced && reason >= 0 ? add_part(reason) : -1).tri();
        if (is_and) {
            if (t == 0) return Value::of(false);
            if (t < 0) result = -1;
        } else {
            if (t == 1) {
                if (Traced && reason >= 0) keep_last_part(entry(reason));
                return Value::of(true);
            }
            if (t < 0) result = -1;
        }
    }
    return from_tri(result);
}

// Fast mode: the text an operand stands for, read where it is when the
// operand is a field (most operands of `in` and `under` are), without making
// a value of it. False when it is no text (absent, or of another kind).
bool Evaluator::text_operand(int index, std::string_view& text) {
    const Node& n = p_->node(index);
    if (n.op == Op::field) {
        const Datum* record = record_operand(n.kids[0]);
        if (!record || n.slot < 0) return false;
        const Datum& d = case_->element(*record, static_cast<std::size_t>(n.slot));
        if (d.kind != Datum::Kind::string) return false;
        text = case_->text(d);
        return true;
    }
    Value v = operand<false>(index);
    text = v.text;
    return v.kind == Value::Kind::string;
}

// `text in S` or `text under S` (or their negations), for a text at hand.
Value Evaluator::set_test(const Node& n, std::string_view text) const {
    const NamedSet& s = p_->sets[static_cast<std::size_t>(n.set)];
    bool hit = n.op == Op::in_set ? s.contains(text) : s.covers(text);
    return Value::of(hit != n.negate);
}

template <bool Traced> Value Evaluator::eval_compare(const Node& n, int reason) {
    if constexpr (!Traced) {
        if (n.op == Op::in_set || n.op == Op::under_set) {
            std::string_view text;
            return text_operand(n.kids[0], text) ? set_test(n, text) : Value::unknown();
        }
        // A text against a literal (`p.role == "intermediary"`): the checker
        // has made sure the left side is a text when it is there at all.
        if ((n.op == Op::eq || n.op == Op::ne) && p_->node(n.kids[1]).op == Op::string) {
            std::string_view text;
            if (!text_operand(n.kids[0], text)) return Value::unknown();
            return Value::of((text == p_->node(n.kids[1]).text) == (n.op == Op::eq));
        }
    }
    int left_reason = -1;
    if (Traced && reason >= 0 && p_->node(n.kids[0]).op == Op::call) left_reason = add_part(reason);
    Value l = left_reason >= 0 ? eval<Traced>(n.kids[0], left_reason) : operand<Traced>(n.kids[0]);
    if (Traced && left_reason < 0) note_fact(reason, l);
    if (n.op == Op::in_set || n.op == Op::under_set) return set_value(n, l);
    Value r = operand<Traced>(n.kids[1]);
    if constexpr (Traced) note_fact(reason, r);
    return compared(n, l, r);
}

// `l in S` or `l under S` (or their negations): unknown unless `l` is a text.
Value Evaluator::set_value(const Node& n, const Value& l) const {
    return l.kind == Value::Kind::string ? set_test(n, l.text) : Value::unknown();
}

// Any other comparison of `l` with `r`, both evaluated.
Value Evaluator::compared(const Node& n, const Value& l, const Value& r) const {
    if (l.kind == Value::Kind::unknown || r.kind == Value::Kind::unknown) return Value::unknown();
    switch (n.op) {
    case Op::in_list: {
        if (r.kind != Value::Kind::list) return Value::unknown();
        std::span<const Datum> elements = case_->elements(*r.datum);
        bool hit = std::any_of(elements.begin(), elements.end(), [&](const Datum& d) {
            return d.kind == Datum::Kind::string && case_->text(d) == l.text;
        });
        return Value::of(hit != n.negate);
    }
    case Op::under_code:
        return Value::of(code_under(l.text, r.text));
    default:
        break;
    }
    int c = 0;
    switch (l.kind) {
    case Value::Kind::number:
        c = l.number < r.number ? -1 : l.number > r.number ? 1 : 0;
        break;
    case Value::Kind::date:
        c = l.date < r.date ? -1 : l.date > r.date ? 1 : 0;
        break;
    case Value::Kind::string:
        c = l.text.compare(r.text) < 0 ? -1 : l.text == r.text ? 0 : 1;
        break;
    case Value::Kind::boolean:
        c = l.boolean == r.boolean ? 0 : 1;
        break;
    default:
        return Value::unknown();
    }
    switch (n.op) {
    case Op::eq:
        return Value::of(c == 0);
    case Op::ne:
        return Value::of(c != 0);
    case Op::lt:
        return Value::of(c < 0);
    case Op::le:
        return Value::of(c <= 0);
    case Op::gt:
        return Value::of(c > 0);
    case Op::ge:
        return Value::of(c >= 0);
    default:
        return Value::unknown();
    }
}

// A literal's value (a set stands for no value of its own: `in` reads it).
Value Evaluator::literal(const Node& n) {
    Value v;
    switch (n.op) {
    case Op::boolean:
        if (n.type.kind != StaticType::any) v = Value::of(n.boolean);
        break;
    case Op::number:
        v.kind = Value::Kind::number, v.number = n.number;
        break;
    case Op::string:
        v = text_value(n.text);
        break;
    case Op::date:
        v.kind = Value::Kind::date, v.date = n.date;
        break;
    default:
        break;
    }
    return v;
}

Value Evaluator::eval_traced(int index, int reason) {
    const Node& n = p_->node(index);
    std::size_t noted = missing_.size();
    Value v;
    switch (n.op) {
    case Op::boolean:
    case Op::number:
    case Op::string:
    case Op::date:
    case Op::set:
        v = literal(n);
        break;
    case Op::case_root:
        v = record_value(case_->root);
        v.path = case_step();
        break;
    case Op::local:
        v = stack_[base_ + static_cast<std::size_t>(n.slot)];
        if (n.type.kind == StaticType::boolean) note_fact(reason, v);
        break;
    case Op::field:
        v = field_traced(n);
        if (n.type.kind == StaticType::boolean) note_fact(reason, v);
        break;
    case Op::call:
        v = eval_call<true>(n, reason);
        break;
    case Op::known: {
        Value inner = eval_traced(n.kids[0], -1);
        note_fact(reason, inner);
        v = Value::of(inner.kind != Value::Kind::unknown);
        break;
    }
    case Op::not_:
    case Op::and_:
    case Op::or_:
        v = eval_logic<true>(n, reason);
        break;
    case Op::any:
    case Op::all:
    case Op::none:
    case Op::count:
        v = eval_quantifier<true>(n, reason);
        break;
    default:
        v = eval_compare<true>(n, reason);
        break;
    }
    // A known value does not depend on the facts that were absent below it
    // (`unknown and false`, `known(x)`): they did not keep anything undecided.
    if (v.kind != Value::Kind::unknown && missing_.size() > noted) missing_.resize(noted);
    if (reason >= 0) {
        ReasonEntry& r = entry(reason);
        r.node = index;
        keep_value(v, r.value);
    }
    return v;
}

// Fast mode: every case returns its value as made, so that it is built where
// the caller keeps it (no copy through a temporary: see quantify).
Value Evaluator::eval_fast(const Node& n) {
    switch (n.op) {
    case Op::boolean:
    case Op::number:
    case Op::string:
    case Op::date:
    case Op::set:
        return literal(n);
    case Op::case_root:
        return record_value(case_->root);
    case Op::local:
        return stack_[base_ + static_cast<std::size_t>(n.slot)];
    case Op::field:
        return eval_field<false>(n);
    case Op::call:
        return eval_call<false>(n, -1);
    case Op::known:
        return Value::of(eval<false>(n.kids[0], -1).kind != Value::Kind::unknown);
    case Op::not_:
    case Op::and_:
    case Op::or_:
        return eval_logic<false>(n, -1);
    case Op::any:
    case Op::all:
    case Op::none:
    case Op::count:
        return eval_quantifier<false>(n, -1);
    default:
        return eval_compare<false>(n, -1);
    }
}

} // namespace kader
