// Finds the quantifiers whose body only tests text fields of the element
// (Node::element_test). The evaluator runs those as one loop:
// in screening rule sets most quantifiers are of this kind, and evaluating
// their body node by node, per element, was most of a rule's evaluation.
#include "lang/program.hpp"

#include <optional>

namespace kader {

namespace {

// Adds the test `body` makes of a text field of the variable in `slot` (of
// the frame the body is evaluated in), or the tests of an `and` of such
// tests; false when the body is anything else.
bool add_field_tests(const Program& p, int body, int slot, ElementTest& out) {
    const Node& test = p.node(body);
    if (test.op == Op::and_) {
        for (int k : test.kids)
            if (!add_field_tests(p, k, slot, out)) return false;
        return !test.kids.empty();
    }
    FieldTest t;
    t.op = test.op;
    t.negate = test.negate;
    if (test.op == Op::in_set || test.op == Op::under_set) {
        if (test.set < 0 || test.kids.empty()) return false;
        t.set = test.set;
    } else if (test.op == Op::eq || test.op == Op::ne) {
        // A text against a text literal: the checker has made sure the field
        // is a text when it is there at all.
        if (test.kids.size() != 2 || p.node(test.kids[1]).op != Op::string) return false;
        t.literal = test.kids[1];
    } else {
        return false;
    }
    const Node& field = p.node(test.kids[0]);
    if (field.op != Op::field || field.slot < 0 || field.kids.size() != 1) return false;
    const Node& x = p.node(field.kids[0]);
    if (x.op != Op::local || x.slot != slot || out.count == ElementTest::most) return false;
    t.field = field.slot;
    out.tests[out.count++] = t;
    return true;
}

std::optional<ElementTest> field_tests(const Program& p, int body, int slot) {
    ElementTest test;
    if (!add_field_tests(p, body, slot, test)) return std::nullopt;
    return test;
}

// The body as an element test: the test itself, or a call of a definition
// of one parameter, given the element, whose body is the test on its
// parameter (the parameter is the first slot of the definition's frame).
std::optional<ElementTest> element_test_of(const Program& p, const Node& quantifier) {
    if (quantifier.kids.size() != 2 || quantifier.slot < 0) return std::nullopt;
    int body = quantifier.kids[1];
    const Node& b = p.node(body);
    if (b.op != Op::call) return field_tests(p, body, quantifier.slot);
    if (b.def < 0 || b.kids.size() != 1) return std::nullopt;
    const DefInstance& def = p.defs[static_cast<std::size_t>(b.def)];
    const Node& arg = p.node(b.kids[0]);
    if (def.memoize || def.params != 1 || def.root < 0 || arg.op != Op::local ||
        arg.slot != quantifier.slot)
        return std::nullopt;
    return field_tests(p, def.root, 0);
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
