#include "lang/printer.hpp"

#include <fmt/format.h>

namespace kader {

using namespace ast;

namespace {

// Binding strength, loosest first; a child looser than its parent needs parentheses.
int strength(const Expr& e) {
    switch (e.kind) {
    case ExprKind::quantifier:
        return 0;
    case ExprKind::or_:
        return 1;
    case ExprKind::and_:
        return 2;
    case ExprKind::not_:
        return 3;
    case ExprKind::compare:
        return 4;
    default:
        return 5;
    }
}

std::string number_text(const Expr& e) {
    if (!e.text.empty()) return e.text;
    return fmt::format("{}", e.number);
}

void print_to(const Expr& e, std::string& out);

// An operand of `and`/`or` that is always written in parentheses.
bool grouped(const Expr& parent, const Expr& kid) {
    return strength(kid) < strength(parent) || kid.kind == parent.kind ||
           (parent.kind == ExprKind::or_ && kid.kind == ExprKind::and_);
}

// Whether `e`, printed without parentheses, ends in a quantifier: its body
// would then swallow whatever is printed after `e`.
bool ends_in_open_quantifier(const Expr& e) {
    switch (e.kind) {
    case ExprKind::quantifier:
        return true;
    case ExprKind::not_: {
        const Expr& kid = *e.kids[0];
        if (kid.kind == ExprKind::quantifier) return true;
        return kid.kind != ExprKind::compare && strength(kid) >= strength(e) &&
               ends_in_open_quantifier(kid);
    }
    case ExprKind::and_:
    case ExprKind::or_: {
        const Expr& last = *e.kids.back();
        if (last.kind == ExprKind::quantifier) return true;
        return !grouped(e, last) && ends_in_open_quantifier(last);
    }
    default:
        return false;
    }
}

// A quantifier swallows everything to its right, so it may stand unparenthesised
// only where nothing follows it.
void print_operand(const Expr& parent, const Expr& kid, bool last, std::string& out) {
    bool paren = strength(kid) < strength(parent) || (!last && ends_in_open_quantifier(kid));
    if (kid.kind == ExprKind::quantifier && last && strength(parent) <= 3) paren = false;
    if (parent.kind == ExprKind::compare && strength(kid) <= 4) paren = true;
    if (parent.kind == ExprKind::quantifier && strength(kid) < 5)
        paren = true; // the list of `any x in (...)`
    if (paren) out += '(';
    print_to(kid, out);
    if (paren) out += ')';
}

void print_to(const Expr& e, std::string& out) {
    switch (e.kind) {
    case ExprKind::string:
        out += quote(e.text);
        break;
    case ExprKind::number:
        out += number_text(e);
        break;
    case ExprKind::boolean:
        out += e.boolean ? "true" : "false";
        break;
    case ExprKind::date:
        out += format_date(e.date);
        break;
    case ExprKind::set_literal: {
        out += '{';
        for (std::size_t i = 0; i < e.strings.size(); ++i) {
            if (i) out += ", ";
            out += quote(e.strings[i]);
        }
        out += '}';
        break;
    }
    case ExprKind::name:
        out += e.text;
        break;
    case ExprKind::case_root:
        out += "case";
        break;
    case ExprKind::field: {
        print_operand(e, *e.kids[0], false, out);
        out += '.';
        out += e.text;
        break;
    }
    case ExprKind::call: {
        out += e.text;
        out += '(';
        for (std::size_t i = 0; i < e.kids.size(); ++i) {
            if (i) out += ", ";
            print_to(*e.kids[i], out);
        }
        out += ')';
        break;
    }
    case ExprKind::known:
        out += "known(";
        print_to(*e.kids[0], out);
        out += ')';
        break;
    case ExprKind::not_:
        out += "not ";
        // `not (x in S)` reads more plainly to lawyers than `not x in S`, though both mean the same
        if (e.kids[0]->kind == ExprKind::compare) {
            out += '(';
            print_to(*e.kids[0], out);
            out += ')';
        } else {
            print_operand(e, *e.kids[0], true, out);
        }
        break;
    case ExprKind::and_:
    case ExprKind::or_: {
        const char* op = e.kind == ExprKind::and_ ? " and " : " or ";
        for (std::size_t i = 0; i < e.kids.size(); ++i) {
            if (i) out += op;
            bool paren = and_or_operand_parenthesised(e, i);
            if (paren) out += '(';
            print_to(*e.kids[i], out);
            if (paren) out += ')';
        }
        break;
    }
    case ExprKind::compare:
        print_operand(e, *e.kids[0], false, out);
        out += ' ';
        out += to_string(e.op);
        out += ' ';
        print_operand(e, *e.kids[1], false, out);
        break;
    case ExprKind::quantifier:
        out += to_string(e.quantifier);
        out += ' ';
        out += e.text;
        out += " in ";
        print_operand(e, *e.kids[0], false, out);
        out += ": ";
        print_to(*e.kids[1], out);
        break;
    }
}

} // namespace

std::string quote(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        if (c == '\t') {
            out += "\\t";
            continue;
        }
        out += c;
    }
    return out + '"';
}

bool and_or_operand_parenthesised(const Expr& parent, std::size_t index) {
    const Expr& kid = *parent.kids[index];
    bool last = index + 1 == parent.kids.size();
    // Same-kind children are flattened by the parser; keep them grouped if built by hand.
    if (kid.kind == ExprKind::quantifier && last) return false;
    return grouped(parent, kid) || (!last && ends_in_open_quantifier(kid));
}

std::string print(const Expr& e) {
    std::string out;
    print_to(e, out);
    return out;
}

std::string print(const Message& m) {
    return '"' + m.raw + '"';
}

} // namespace kader
