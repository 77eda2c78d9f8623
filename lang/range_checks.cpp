// Conditions that can never hold because their bounds contradict each other:
// `d < 2024-01-01 and d > 2025-01-01`, `x >= 10 and x < 5`, `x == 3 and x > 4`.
// Such an `and` is always false, so the rule it guards never applies; it is
// almost always a slip (a reversed operator, a wrong year), so it is reported.
#include "lang/checker_internal.hpp"

#include <algorithm>

#include <map>

namespace kader::checking {

namespace {

// What the operands of one `and` say about one value: the tightest bounds.
struct Bounds {
    std::optional<double> low, high;
    bool low_open = false, high_open = false; // `>` and `<` exclude the bound itself
    Location first;

    void raise_low(double v, bool open) {
        if (!low || v > *low || (v == *low && open)) low = v, low_open = open;
    }
    void lower_high(double v, bool open) {
        if (!high || v < *high || (v == *high && open)) high = v, high_open = open;
    }
    bool empty() const {
        return low && high && (*low > *high || (*low == *high && (low_open || high_open)));
    }
};

// A literal number or date as a number on one scale per kind.
std::optional<double> literal_value(const Node& n) {
    if (n.op == Op::number) return n.number;
    if (n.op == Op::date) return static_cast<double>(n.date);
    return std::nullopt;
}

// `a OP b` as `b OP' a`.
Op mirrored(Op op) {
    switch (op) {
    case Op::lt:
        return Op::gt;
    case Op::le:
        return Op::ge;
    case Op::gt:
        return Op::lt;
    case Op::ge:
        return Op::le;
    default:
        return op;
    }
}

} // namespace

void Checker::check_bounds(int and_node) {
    const Node& all = p_.node(and_node);
    std::map<std::string, Bounds> bounds; // by the printed path
    for (int k : all.kids) {
        const Node& c = p_.node(k);
        bool ordered =
            c.op == Op::lt || c.op == Op::le || c.op == Op::gt || c.op == Op::ge || c.op == Op::eq;
        if (!ordered || c.negate || c.kids.size() != 2) continue;
        const Node& l = p_.node(c.kids[0]);
        const Node& r = p_.node(c.kids[1]);
        Op op = c.op;
        const Node* path = &l;
        const Node* literal = &r;
        if (!literal_value(r)) { // `5 < x` reads as `x > 5`
            std::swap(path, literal);
            op = mirrored(op);
        }
        std::optional<double> v = literal_value(*literal);
        if (!v || (path->op != Op::field && path->op != Op::local)) continue;
        Bounds& b = bounds[path->source + (literal->op == Op::date ? "#date" : "#number")];
        if (b.first.line == 0) b.first = c.location;
        // Dates are whole days: `> d` is `>= d + 1`.
        if (literal->op == Op::date && op == Op::gt) op = Op::ge, *v += 1;
        if (literal->op == Op::date && op == Op::lt) op = Op::le, *v -= 1;
        if (op == Op::lt || op == Op::le || op == Op::eq) b.lower_high(*v, op == Op::lt);
        if (op == Op::gt || op == Op::ge || op == Op::eq) b.raise_low(*v, op == Op::gt);
        if (b.empty()) {
            diags_.warning(Code::contradictory_bounds, c.location,
                           fmt::format("`{}` can never hold together with the other bounds on "
                                       "`{}` in this condition: no value satisfies them all",
                                       c.source, path->source),
                           fmt::format("the first bound on `{}` is here: {}; check the "
                                       "operators and the values",
                                       path->source, to_string(b.first)));
            b = Bounds{}; // one warning per contradiction
            b.first = Location{};
        }
    }
}

} // namespace kader::checking
