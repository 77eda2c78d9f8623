// Traced evaluation's record of why: the reasons, facts and witnesses it
// writes into an explanation block (interpreter/explanation.hpp), and values
// as an explanation keeps them.
#include "interpreter/evaluator.hpp"

#include "interpreter/render_reason.hpp"

#include <string>
#include <string_view>

namespace kader {

std::string show(const Value& v) {
    return show(shown(v));
}

namespace {

// The value as an explanation keeps it, in a ShownValue or a BlockValue
// (the same fields but the text, which `keep_text(text, out)` keeps).
template <class Shown, class KeepText> void show_as(const Value& v, Shown& s, KeepText keep_text) {
    switch (v.kind) {
    case Value::Kind::unknown:
        s.kind = ShownValue::Kind::unknown;
        break;
    case Value::Kind::boolean:
        s.kind = ShownValue::Kind::boolean, s.boolean = v.boolean;
        break;
    case Value::Kind::number:
        s.kind = ShownValue::Kind::number, s.number = v.number;
        break;
    case Value::Kind::string:
        s.kind = ShownValue::Kind::string;
        keep_text(v.text, s);
        break;
    case Value::Kind::date:
        s.kind = ShownValue::Kind::date, s.date = v.date;
        break;
    case Value::Kind::list:
        s.kind = ShownValue::Kind::list, s.count = v.datum->count;
        break;
    case Value::Kind::record:
        s.kind = ShownValue::Kind::record;
        break;
    }
}

} // namespace

ShownValue shown(const Value& v) {
    ShownValue s;
    show_as(v, s, [](std::string_view text, ShownValue& to) { to.text.assign(text); });
    return s;
}

// A fact read by the expression being explained, once per path.
void Evaluator::note_fact(int reason, const Value& v) {
    // A list or record is not a fact to show: the witness names the element.
    if (reason < 0 || v.path == 0 || v.kind == Value::Kind::list || v.kind == Value::Kind::record)
        return;
    const PathStep& s = steps_[static_cast<std::size_t>(v.path)];
    if (s.parent == 0 && s.index < 0 && s.name.empty()) return; // the case itself
    for (int f = entry(reason).first_fact; f >= 0; f = block_->fact(f).next)
        if (same_path(steps_, block_->fact(f).path, v.path)) return;
    int at = static_cast<int>(block_->facts.size());
    BlockFact& fact = block_->facts.emplace_back();
    fact.path = v.path;
    keep_value(v, fact.value);
    ReasonEntry& r = entry(reason);
    if (r.last_fact < 0)
        r.first_fact = at;
    else
        block_->facts[static_cast<std::size_t>(r.last_fact)].next = at;
    r.last_fact = at;
}

// A new reason, the last part of `parent`.
int Evaluator::add_part(int parent) {
    int at = static_cast<int>(block_->reasons.size());
    block_->reasons.emplace_back();
    ReasonEntry& p = entry(parent);
    if (p.last_part < 0)
        p.first_part = at;
    else
        entry(p.last_part).next = at;
    p.last_part = at;
    return at;
}

// The value as the explanation keeps it, its text in the block.
void Evaluator::keep_other_value(const Value& v, BlockValue& out) {
    show_as(v, out, [this](std::string_view text, BlockValue& to) {
        to.text_at = block_->keep(text, to.text_size);
    });
}

} // namespace kader
