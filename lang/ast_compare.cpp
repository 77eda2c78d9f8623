#include "lang/ast_compare.hpp"

#include <algorithm>

namespace kader {

using namespace ast;

namespace {

bool same(const Expr& a, const Expr& b);
bool same(const Type& a, const Type& b);

// Two optional parts mean the same when both are absent or both are present and the same.
template <typename T, typename Same> bool same_optional(const T* a, const T* b, Same same_part) {
    if (!a || !b) return a == b;
    return same_part(*a, *b);
}

template <typename T, typename Same>
bool same_list(const std::vector<T>& a, const std::vector<T>& b, Same same_item) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), same_item);
}

bool same_expr(const ExprPtr& a, const ExprPtr& b) {
    return same_optional(a.get(), b.get(), [](const Expr& x, const Expr& y) { return same(x, y); });
}

// Every field but the locations: for a given kind the unused fields hold
// their defaults on both sides, so comparing them all is exact.
bool same(const Expr& a, const Expr& b) {
    return a.kind == b.kind && a.text == b.text && a.number == b.number && a.date == b.date &&
           a.boolean == b.boolean && a.op == b.op && a.quantifier == b.quantifier &&
           a.strings == b.strings && same_list(a.kids, b.kids, same_expr);
}

bool same_message(const Message& a, const Message& b) {
    auto same_part = [](const Message::Part& x, const Message::Part& y) {
        return x.text == y.text && same_expr(x.expr, y.expr);
    };
    return a.raw == b.raw && same_list(a.parts, b.parts, same_part);
}

bool same_message(const std::optional<Message>& a, const std::optional<Message>& b) {
    auto same_part = [](const Message& x, const Message& y) { return same_message(x, y); };
    return same_optional(a ? &*a : nullptr, b ? &*b : nullptr, same_part);
}

bool same_date(const std::optional<DateClause>& a, const std::optional<DateClause>& b) {
    if (!a || !b) return a.has_value() == b.has_value();
    return a->date == b->date;
}

bool same_common(const Common& a, const Common& b) {
    return a.goal == b.goal && a.basis == b.basis && same_date(a.from, b.from) &&
           same_date(a.until, b.until) && a.review == b.review;
}

bool same_obligation(const Obligation& a, const Obligation& b) {
    return a.name == b.name && same_message(a.message, b.message);
}

bool same_rule(const Rule& a, const Rule& b) {
    return a.name == b.name && a.doc == b.doc && same_common(a.common, b.common) &&
           a.exception_to == b.exception_to && same_expr(a.when, b.when) &&
           a.verdict == b.verdict && same_message(a.message, b.message) &&
           same_list(a.obligations, b.obligations, same_obligation);
}

bool same_cell(const Cell& a, const Cell& b) {
    return a.kind == b.kind && a.op == b.op && same_expr(a.value, b.value);
}

bool same_row(const Row& a, const Row& b) {
    return same_list(a.cells, b.cells, same_cell) && a.verdict == b.verdict &&
           same_message(a.message, b.message) && a.basis == b.basis;
}

bool same_table(const Table& a, const Table& b) {
    return a.name == b.name && a.doc == b.doc && same_common(a.common, b.common) &&
           a.hit == b.hit && a.hit_given == b.hit_given &&
           same_list(a.columns, b.columns, same_expr) && same_list(a.rows, b.rows, same_row);
}

bool same_set(const SetDecl& a, const SetDecl& b) {
    return a.name == b.name && a.doc == b.doc && a.entries == b.entries &&
           a.load_path == b.load_path && a.element == b.element;
}

bool same_def(const Def& a, const Def& b) {
    auto same_param = [](const Param& x, const Param& y) { return x.name == y.name; };
    return a.name == b.name && a.doc == b.doc && same_list(a.params, b.params, same_param) &&
           same_expr(a.body, b.body);
}

bool same_field(const Field& a, const Field& b) {
    return a.name == b.name && a.optional == b.optional && a.ask == b.ask && same(a.type, b.type);
}

bool same(const Type& a, const Type& b) {
    auto same_type = [](const Type& x, const Type& y) { return same(x, y); };
    return a.kind == b.kind && a.nonempty == b.nonempty && a.enum_values == b.enum_values &&
           same_optional(a.element.get(), b.element.get(), same_type) &&
           same_list(a.fields, b.fields, same_field);
}

bool same_schema(const Schema& a, const Schema& b) {
    return a.name == b.name && a.doc == b.doc && same(a.record, b.record);
}

bool same_order(const Module::DeclRef& a, const Module::DeclRef& b) {
    return a.kind == b.kind && a.index == b.index;
}

} // namespace

bool same_meaning(const Module& a, const Module& b) {
    auto same_import = [](const Import& x, const Import& y) { return x.module == y.module; };
    return a.name == b.name && a.doc == b.doc && same_list(a.imports, b.imports, same_import) &&
           same_list(a.sets, b.sets, same_set) && same_list(a.defs, b.defs, same_def) &&
           same_list(a.rules, b.rules, same_rule) && same_list(a.tables, b.tables, same_table) &&
           same_list(a.schemas, b.schemas, same_schema) && same_list(a.order, b.order, same_order);
}

} // namespace kader
