// Generated structures -> Kader source text.
#include "generator.hpp"

namespace kdiff {

namespace {

// Operands are parenthesised unless they are atoms, calls or `known(...)`,
// so the text never depends on the precedence rules it is meant to test.
std::string operand(const GExpr& e) {
    switch (e.kind) {
    case GExpr::Kind::atom:
    case GExpr::Kind::call:
    case GExpr::Kind::known:
    case GExpr::Kind::quant: // a quantifier renders its own parentheses
        return render(e);
    default:
        return "(" + render(e) + ")";
    }
}

std::string type_text(const GType& t, int indent);

std::string fields_text(const std::vector<GField>& fields, int indent) {
    std::string out;
    for (const auto& f : fields)
        out += std::string(static_cast<std::size_t>(indent), ' ') + f.name + ": " +
               (f.optional ? "optional " : "") + type_text(f.type, indent) + "\n";
    return out;
}

std::string type_text(const GType& t, int indent) {
    using Kind = GType::Kind;
    switch (t.kind) {
    case Kind::string:
        return "string";
    case Kind::number:
        return "number";
    case Kind::boolean:
        return "boolean";
    case Kind::date:
        return "date";
    case Kind::country:
        return "country";
    case Kind::code:
        return "code";
    case Kind::cn:
        return "cn";
    case Kind::enum_: {
        std::string out = "enum {";
        for (std::size_t i = 0; i < t.enum_values.size(); ++i)
            out += (i ? ", " : "") + t.enum_values[i];
        return out + "}";
    }
    case Kind::list:
        return std::string(t.nonempty ? "nonempty " : "") + "list of " +
               type_text(*t.element, indent);
    case Kind::record:
        return "record {\n" + fields_text(t.fields, indent + 2) +
               std::string(static_cast<std::size_t>(indent), ' ') + "}";
    }
    return {};
}

std::string period_text(const GPeriod& p) {
    if (!p.from && !p.until) return {};
    std::string out = "  effective";
    if (p.from) out += " from " + *p.from;
    if (p.until) out += " until " + *p.until;
    return out + "\n";
}

std::string with_message(const std::string& verdict, const std::string& message) {
    return message.empty() ? verdict : verdict + " \"" + message + "\"";
}

std::string rule_text(const GRule& r) {
    std::string out = "rule " + r.name + "\n";
    if (r.goal) out += "  goal " + *r.goal + "\n";
    out += "  basis \"Art. " + r.name.substr(1) + "\"\n";
    out += period_text(r.period);
    if (r.exception_to) out += "  exception to " + *r.exception_to + "\n";
    if (r.review) out += "  review \"to be checked\"\n";
    out += "  when " + render(r.when) + "\n";
    if (r.verdict) out += "  then " + with_message(*r.verdict, r.message) + "\n";
    for (const auto& o : r.obligations)
        out += "  oblige " + o + " \"do " + o + "\"\n";
    return out;
}

std::string table_text(const GTable& t) {
    std::string out = "table " + t.name + "\n  goal " + t.goal + "\n";
    if (t.hit) out += "  hit " + *t.hit + "\n";
    out += "  basis \"Table " + t.name.substr(1) + "\"\n";
    out += period_text(t.period);
    out += "  |";
    for (const auto& c : t.columns)
        out += " " + operand(c) + " |";
    out += " => verdict |\n";
    for (const auto& row : t.rows) {
        out += "  |";
        for (const auto& c : row.cells)
            out += " " + c + " |";
        out += " => " + with_message(row.verdict, row.message) + " |\n";
    }
    return out;
}

} // namespace

std::string render(const GExpr& e) {
    switch (e.kind) {
    case GExpr::Kind::atom:
        return e.text;
    case GExpr::Kind::not_:
        return "not " + operand(e.kids[0]);
    case GExpr::Kind::and_:
    case GExpr::Kind::or_: {
        std::string out;
        for (std::size_t i = 0; i < e.kids.size(); ++i)
            out += (i ? (e.kind == GExpr::Kind::and_ ? " and " : " or ") : "") + operand(e.kids[i]);
        return out;
    }
    case GExpr::Kind::compare:
        return operand(e.kids[0]) + " " + e.text + " " + operand(e.kids[1]);
    case GExpr::Kind::known:
        return "known(" + render(e.kids[0]) + ")";
    case GExpr::Kind::quant:
        return "(" + e.text + ": " + render(e.kids[0]) + ")";
    case GExpr::Kind::call: {
        std::string out = e.text + "(";
        for (std::size_t i = 0; i < e.kids.size(); ++i)
            out += (i ? ", " : "") + render(e.kids[i]);
        return out + ")";
    }
    }
    return {};
}

std::string render(const GRuleSet& rs) {
    std::string out = "module g\n\nschema case {\n" + fields_text(rs.schema, 2) + "}\n";
    for (const auto& s : rs.sets) {
        out += "\nset " + s.name + " = {";
        for (std::size_t i = 0; i < s.entries.size(); ++i)
            out += (i ? ", " : "") + s.entries[i];
        out += "}\n";
    }
    for (const auto& d : rs.defs)
        out += "\ndef " + d.name + (d.param.empty() ? "" : "(" + d.param + ")") + " = " +
               render(d.body) + "\n";
    for (const auto& r : rs.rules)
        out += "\n" + rule_text(r);
    for (const auto& t : rs.tables)
        out += "\n" + table_text(t);
    return out;
}

} // namespace kdiff
