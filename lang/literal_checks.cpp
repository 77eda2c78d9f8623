// Literals against the type of what they are compared with. A text that a
// value of the case can never be (a CN code with dots, a country code that
// does not exist, a control code in a CN field, an enum value not listed)
// makes its comparison always false: the rule never applies and the case
// silently escapes it. The checker refuses such a rule instead.
#include "lang/checker_internal.hpp"
#include "lang/text_kinds.hpp"

#include <algorithm>

namespace kader::checking {

// The type of a text that comes from the case schema; none for a text of
// unknown origin (a literal, a parameter of an unused definition).
std::optional<ValueType> Checker::value_type(const StaticType& t) const {
    if (t.kind != StaticType::string || t.schema < 0) return std::nullopt;
    return ValueType{p_.schema[static_cast<std::size_t>(t.schema)].kind, t.schema};
}

bool Checker::fits(const std::string& text, ValueType type) const {
    if (type.kind == TypeKind::enum_) {
        const auto& values = p_.schema[static_cast<std::size_t>(type.schema)].enum_values;
        return std::find(values.begin(), values.end(), text) != values.end();
    }
    return text_fits(type.kind, text);
}

Help Checker::hint(const std::string& text, ValueType type, const std::string& subject) const {
    if (type.kind == TypeKind::enum_) {
        const auto& values = p_.schema[static_cast<std::size_t>(type.schema)].enum_values;
        Help help = did_you_mean(text, values);
        if (help.text.empty())
            help = fmt::format("`{}` is one of: {}", subject, fmt::join(values, ", "));
        return help;
    }
    return text_hint(type.kind, text);
}

// One text against the type of `subject`, the value it is compared with.
void Checker::check_text(const std::string& text, Location at, ValueType type,
                         const std::string& subject, Relation relation) {
    // `under` relates codes; on other texts it is equality at dots, checked nowhere else.
    bool coded = kind_is_coded(type.kind);
    if (relation == Relation::under && !coded) return;
    if (fits(text, type)) return;
    Help help = hint(text, type, subject);
    if (type.kind == TypeKind::country) {
        diags_.error(Code::invalid_literal, at,
                     fmt::format("\"{}\" is not {}", text, kind_singular(type.kind)), help);
        return;
    }
    const char* verb = relation == Relation::hold ? "can never hold" : "can never be";
    std::string why = coded ? fmt::format(": it is not {}", kind_singular(type.kind)) : "";
    if (relation == Relation::under)
        diags_.error(Code::never_matches, at,
                     fmt::format("`{}` is never under \"{}\"{}", subject, text, why), help);
    else
        diags_.error(Code::never_matches, at,
                     fmt::format("`{}` {} \"{}\"{}", subject, verb, text, why), help);
}

// Both sides of a comparison, once its operation is known (in a condition
// or a table cell): a literal or a set against the field it is compared with.
void Checker::check_operands(Op op, int left, int right) {
    const Node& l = p_.node(left);
    const Node& r = p_.node(right);
    switch (op) {
    case Op::eq:
    case Op::ne:
        if (auto t = value_type(l.type); t && r.op == Op::string)
            check_text(r.text, r.location, *t, l.source, Relation::be);
        if (auto t = value_type(r.type); t && l.op == Op::string)
            check_text(l.text, l.location, *t, r.source, Relation::be);
        break;
    case Op::in_list:
        if (l.op == Op::string && r.type.kind == StaticType::list && r.type.schema >= 0)
            if (auto t = value_type(type_of(r.type.schema)))
                check_text(l.text, l.location, *t, r.source, Relation::hold);
        break;
    case Op::under_code:
        if (auto t = value_type(l.type); t && r.op == Op::string)
            check_text(r.text, r.location, *t, l.source, Relation::under);
        break;
    case Op::in_set:
        check_set_use(right, left, Relation::be);
        break;
    case Op::under_set:
        check_set_use(right, left, Relation::under);
        break;
    default:
        break;
    }
}

} // namespace kader::checking
