// Finds the quantifiers whose value depends on the case alone
// (Node::case_quantifier): those of a rule's condition that lie in no other
// quantifier's body and in no definition. Evaluation notes which element
// decided such a quantifier when the condition is first evaluated; when the
// rule applies and its condition is evaluated again for its reason, the
// quantifier explains that element at once instead of trying the elements
// before it again (each a lookup in a set, most of the time).
#include "lang/program.hpp"

namespace kader {

namespace {

// A quantifier's body is evaluated once per element, its variable bound to
// each in turn, so a quantifier inside it depends on more than the case; a
// definition's body, on its arguments. Only the list operand of a
// quantifier, and the arguments of a call, are evaluated where the rule is.
void mark(Program& p, int index) {
    Node& n = p.nodes[static_cast<std::size_t>(index)];
    if (is_quantifier(n.op)) {
        if (n.op != Op::count) n.case_quantifier = p.case_quantifiers++;
        if (!n.kids.empty()) mark(p, n.kids[0]);
        return;
    }
    for (int kid : n.kids) // (marking changes no node's kids)
        mark(p, kid);
}

} // namespace

void find_case_quantifiers(Program& p) {
    p.case_quantifiers = 0;
    for (auto& n : p.nodes)
        n.case_quantifier = -1;
    for (const auto& r : p.rules)
        if (r.when >= 0) mark(p, r.when);
}

} // namespace kader
