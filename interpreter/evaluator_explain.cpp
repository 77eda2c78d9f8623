// The reason of a rule whose condition holds, made by walking its truth
// steps (lang/truth_plan.cpp) with their truths known, instead of
// evaluating the condition again node by node (eval_traced). The reason is
// the one eval_traced makes: the same entries, values, facts, witnesses
// and paths, as the explanation shows them.
//
// Known truths spare the work: an `and` that holds holds in every part and
// a `not` that holds fails in its part, so no set is asked again, and the
// generic traced evaluation (a 48-byte value per node, absent facts kept and
// dropped, a switch per node) is left to the steps that need it. A part
// whose truth is not known from its parent's (a part of an `or` that holds,
// or of an `and` that fails) is found by its truth steps, untraced. Any
// step that is no test, logic or call, and any whose truth is unknown, is
// explained by eval_traced as before.
#include "interpreter/evaluator.hpp"

#include <cassert>

namespace kader {

void Evaluator::explain_held(const RuleInfo& rule, Explanation& into, int& root) {
    if (rule.truth < 0) {
        condition(rule, into, root);
        return;
    }
    enter(rule);
    assert(truth(rule.truth) == 1); // (the truths below are taken from it)
    block_ = &into;
    root = static_cast<int>(into.reasons.size());
    into.reasons.emplace_back();
    std::size_t noted = missing_.size();
    explain_step(rule.truth, 1, root);
    // A condition that holds leaves no fact undecided (as eval_traced drops
    // the absent facts below a known value).
    missing_.resize(noted);
    block_ = nullptr;
}

// The reason of step `step`, whose truth is `known` (-1: unknown), into
// entry `reason`, as eval_traced makes it of the step's node.
void Evaluator::explain_step(int step, int known, int reason) {
    const TruthStep& s = p_->truth_steps[static_cast<std::size_t>(step)];
    if (known < 0) {
        eval_traced(s.node, reason);
        return;
    }
    switch (s.kind) {
    case TruthStep::Kind::all_of:
    case TruthStep::Kind::any_of:
        explain_logic(s, known, reason);
        break;
    case TruthStep::Kind::negation:
        explain_step(p_->truth_kids[static_cast<std::size_t>(s.first)], 1 - known,
                     add_part(reason));
        break;
    case TruthStep::Kind::text_test:
        // As eval_compare: the text read is the fact (a literal compared
        // with has no path, and is none).
        note_fact(reason, operand<true>(p_->node(s.node).kids[0]));
        break;
    case TruthStep::Kind::memo:
    case TruthStep::Kind::call:
        explain_call(s, known, reason);
        break;
    case TruthStep::Kind::quantifier:
        if (explain_quantifier(s, reason)) break;
        eval_traced(s.node, reason);
        return;
    case TruthStep::Kind::node:
        eval_traced(s.node, reason);
        return;
    }
    ReasonEntry& r = entry(reason);
    r.node = s.node;
    keep_value(Value::of(known == 1), r.value);
}

// As eval_logic: the parts of an `and` up to the first that fails, every
// part of an `or` that fails, the part that holds of one that holds.
void Evaluator::explain_logic(const TruthStep& s, int known, int reason) {
    const bool is_and = s.kind == TruthStep::Kind::all_of;
    const int decides = is_and ? 0 : 1; // a part's truth that decides
    for (int k = s.first; k < s.first + s.count; ++k) {
        int kid = p_->truth_kids[static_cast<std::size_t>(k)];
        if (known != decides) { // every part has the truth of the whole
            explain_step(kid, known, add_part(reason));
            continue;
        }
        int t = truth(kid);
        if (!is_and && t != 1) continue; // the parts before the one that holds are left out
        explain_step(kid, t, add_part(reason));
        if (t == decides) return;
    }
}

// As eval_quantifier, for a quantifier whose deciding element its truth
// step found (Node::case_quantifier: its list is a field of the case, as it
// lies in no quantifier's body and no definition): that element explained,
// the list's path made as operand<true> makes it. False for any other
// quantifier, which eval_traced explains.
bool Evaluator::explain_quantifier(const TruthStep& s, int reason) {
    const Node& n = p_->node(s.node);
    if (n.case_quantifier < 0 || s.source != TruthStep::Source::case_field) return false;
    std::int32_t at = deciding_[static_cast<std::size_t>(n.case_quantifier)];
    if (at < 0) return false;
    const Datum& d = case_->element(case_->root, static_cast<std::size_t>(s.test.field));
    if (d.kind != Datum::Kind::list) return false;
    Value list = element(d, step(case_step(), p_->node(n.kids[0]).text));
    explain_decided(n, list, static_cast<std::size_t>(at), reason);
    return true;
}

// As call<true>: the arguments are the call's facts, the body its part.
void Evaluator::explain_call(const TruthStep& s, int known, int reason) {
    const Node& n = p_->node(s.node);
    std::size_t top = bind_arguments<true>(n, p_->defs[static_cast<std::size_t>(n.def)]);
    CallerFrame caller{*this, base_, top};
    base_ = top;
    explain_step(s.first, known, explain_arguments(n, top, reason));
}

} // namespace kader
