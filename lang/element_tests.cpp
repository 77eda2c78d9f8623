// Finds the quantifiers whose body only tests a text field of the element
// against a set (Node::element_test). The evaluator runs those as one loop:
// in screening rule sets most quantifiers are of this kind, and evaluating
// their body node by node, per element, was most of a rule's evaluation.
#include "lang/program.hpp"

#include <optional>

namespace kader {

namespace {

// `x.field in S` or `x.field under S` (or their negations), where x is the
// variable in `slot` of the frame the body is evaluated in.
std::optional<ElementTest> field_set_test(const Program& p, int body, int slot) {
    const Node& test = p.node(body);
    if ((test.op != Op::in_set && test.op != Op::under_set) || test.set < 0 || test.kids.empty())
        return std::nullopt;
    const Node& field = p.node(test.kids[0]);
    if (field.op != Op::field || field.slot < 0 || field.kids.size() != 1) return std::nullopt;
    const Node& x = p.node(field.kids[0]);
    if (x.op != Op::local || x.slot != slot) return std::nullopt;
    return ElementTest{field.slot, test.set, test.op, test.negate};
}

// The body as an element test: the test itself, or a call of a definition
// of one parameter, given the element, whose body is the test on its
// parameter (the parameter is the first slot of the definition's frame).
std::optional<ElementTest> element_test_of(const Program& p, const Node& quantifier) {
    if (quantifier.kids.size() != 2 || quantifier.slot < 0) return std::nullopt;
    int body = quantifier.kids[1];
    const Node& b = p.node(body);
    if (b.op != Op::call) return field_set_test(p, body, quantifier.slot);
    if (b.def < 0 || b.kids.size() != 1) return std::nullopt;
    const DefInstance& def = p.defs[static_cast<std::size_t>(b.def)];
    const Node& arg = p.node(b.kids[0]);
    if (def.memoize || def.params != 1 || def.root < 0 || arg.op != Op::local ||
        arg.slot != quantifier.slot)
        return std::nullopt;
    return field_set_test(p, def.root, 0);
}

bool is_quantifier(Op op) {
    return op == Op::any || op == Op::all || op == Op::none || op == Op::count;
}

} // namespace

void find_element_tests(Program& p) {
    p.element_tests.clear();
    for (auto& n : p.nodes) {
        n.element_test = -1;
        if (!is_quantifier(n.op)) continue;
        if (auto test = element_test_of(p, n)) {
            n.element_test = static_cast<int>(p.element_tests.size());
            p.element_tests.push_back(*test);
        }
    }
}

} // namespace kader
