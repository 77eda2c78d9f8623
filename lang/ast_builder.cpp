#include "lang/ast_builder.hpp"

#include "lang/grammar.hpp"
#include "lang/parser_internal.hpp"
#include "lang/printer.hpp"
#include "lang/source.hpp"
#include "lang/text_kinds.hpp"

#include <fmt/format.h>

namespace kader {

namespace g = grammar;
using namespace ast;

// Whether the source has `(` right before `n` (spaces and line breaks
// between): the parse tree keeps no node for parentheses.
bool AstBuilder::parenthesised(const Node& n) const {
    const std::string& text = source_.text;
    std::size_t at = n.m_begin.byte;
    // Only a node parsed from this source's own text can be looked at this way.
    if (at > text.size() || n.m_begin.data != text.data() + at) return true;
    while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t' || text[at - 1] == '\n' ||
                      text[at - 1] == '\r'))
        --at;
    return at > 0 && text[at - 1] == '(';
}

// `a or b and c` means `a or (b and c)`, but lawyers read it both ways.
void AstBuilder::warn_and_in_or(const Node& n, const ast::Expr& e) {
    diags_.warning(Code::and_in_or, location(n),
                   "`and` inside `or` without parentheses: this part is read as one group",
                   fmt::format("write the parentheses to say so: `({})`", print(e)));
}

Location AstBuilder::location(const Node& n) const {
    Location loc;
    loc.source = &source_;
    loc.line = static_cast<std::uint32_t>(n.m_begin.line);
    loc.column = static_cast<std::uint32_t>(n.m_begin.column);
    std::size_t length =
        n.m_end.data && n.m_end.data > n.m_begin.data ? n.m_end.byte - n.m_begin.byte : 1;
    // A location underlines at most the rest of its first line.
    std::string_view text = source_.line(loc.line);
    std::size_t room = text.size() >= loc.column ? text.size() - loc.column + 1 : 1;
    loc.length = static_cast<std::uint32_t>(std::max<std::size_t>(1, std::min(length, room)));
    return loc;
}

namespace {

// What the escape `\c` stands for in a text or a message; the one list of
// escapes, so that texts and messages cannot come to differ.
std::optional<char> escaped(char c) {
    switch (c) {
    case 'n':
        return '\n';
    case 't':
        return '\t';
    case '"':
    case '\\':
        return c;
    default:
        return std::nullopt;
    }
}

} // namespace

// `\c` at byte `offset` after the start of `at` (the opening quote).
void AstBuilder::unknown_escape(Location at, std::size_t offset, char c) {
    at.column += static_cast<std::uint32_t>(offset);
    at.length = 2;
    diags_.error(Code::unknown_escape, at, fmt::format("unknown escape `\\{}` in text", c),
                 "write `\\\\` for a backslash, `\\\"` for a quote");
}

// Text between the quotes, with escapes resolved.
std::string AstBuilder::unquote(const Node& n) {
    std::string_view raw = n.string_view();
    raw = raw.substr(1, raw.size() - 2);
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '\\' || i + 1 == raw.size()) {
            out += raw[i];
            continue;
        }
        char c = raw[++i];
        if (auto e = escaped(c))
            out += *e;
        else
            unknown_escape(location(n), i, c);
    }
    return out;
}

Days AstBuilder::date(const Node& n) {
    auto d = parse_date(n.string_view());
    if (!d) {
        diags_.error(Code::bad_date, location(n),
                     fmt::format("`{}` is not a date in the calendar", n.string_view()),
                     "dates are written YYYY-MM-DD, as in 2022-02-26");
        return 0;
    }
    return *d;
}

// "item {item.code} is listed": literal text and `{expression}` holes;
// `{{` and `}}` stand for braces.
Message AstBuilder::message(const Node& n) {
    Message m;
    m.location = location(n);
    std::string_view raw = n.string_view();
    raw = raw.substr(1, raw.size() - 2);
    m.raw = std::string(raw);
    std::string text;
    auto flush = [&] {
        if (!text.empty()) m.parts.push_back({std::move(text), nullptr});
        text.clear();
    };
    for (std::size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '\\' && i + 1 < raw.size()) {
            char e = raw[++i];
            if (auto c2 = escaped(e))
                text += *c2;
            else {
                unknown_escape(m.location, i, e);
                text += e;
            }
        } else if ((c == '{' || c == '}') && i + 1 < raw.size() && raw[i + 1] == c) {
            text += c;
            ++i;
        } else if (c == '{') {
            std::size_t close = raw.find('}', i);
            Location hole = m.location;
            hole.column += static_cast<std::uint32_t>(i + 1);
            if (close == std::string_view::npos) {
                hole.length = 1;
                diags_.error(Code::unclosed_brace, hole,
                             "this `{` in the message has no closing `}`",
                             "write `{{` for a brace in the text");
                break;
            }
            flush();
            const char* begin = raw.data() + i + 1;
            auto expr =
                parse_expression_span(source_, begin, raw.data() + close, n.m_begin.byte + i + 2,
                                      hole.line, hole.column + 1, diags_);
            m.parts.push_back({{}, std::move(expr)});
            i = close;
        } else if (c == '}') {
            Location at = m.location;
            at.column += static_cast<std::uint32_t>(i + 1);
            diags_.error(Code::unopened_brace, at, "this `}` in the message has no opening `{`",
                         "write `}}` for a brace in the text");
        } else {
            text += c;
        }
    }
    flush();
    return m;
}

ExprPtr AstBuilder::postfix_chain(const Node& n) {
    // postfix folded: children are the primary, then one field_name per `.name`
    ExprPtr base = expression(*n.children.front());
    for (std::size_t i = 1; i < n.children.size(); ++i) {
        const Node& f = *n.children[i];
        auto e = std::make_unique<Expr>(ExprKind::field, base->location);
        e->location.length = static_cast<std::uint32_t>(f.m_end.byte - n.m_begin.byte);
        e->text = f.string();
        e->name_location = location(f);
        e->kids.push_back(std::move(base));
        base = std::move(e);
    }
    return base;
}

ExprPtr AstBuilder::quantifier(const Node& n) {
    auto e = std::make_unique<Expr>(ExprKind::quantifier, location(n));
    std::string_view kind = n.children[0]->string_view();
    e->quantifier = kind == "any"    ? Quantifier::any
                    : kind == "all"  ? Quantifier::all
                    : kind == "none" ? Quantifier::none
                                     : Quantifier::count;
    e->text = n.children[1]->string();
    e->name_location = location(*n.children[1]);
    e->kids.push_back(expression(*n.children[2]));
    e->kids.push_back(expression(*n.children[3]));
    return e;
}

namespace {

CompareOp compare_op_from(std::string_view s) {
    if (s == "==") return CompareOp::eq;
    if (s == "!=") return CompareOp::ne;
    if (s == "<") return CompareOp::lt;
    if (s == "<=") return CompareOp::le;
    if (s == ">") return CompareOp::gt;
    if (s == ">=") return CompareOp::ge;
    if (s == "in") return CompareOp::in;
    if (s == "under") return CompareOp::under;
    return CompareOp::not_in; // "not in", with any spacing
}

} // namespace

ExprPtr AstBuilder::expression(const Node& n) {
    Location loc = location(n);
    auto make = [&](ExprKind k) { return std::make_unique<Expr>(k, loc); };
    if (n.is_type<g::string>()) {
        auto e = make(ExprKind::string);
        e->text = unquote(n);
        return e;
    }
    if (n.is_type<g::number>()) {
        auto e = make(ExprKind::number);
        e->text = n.string();
        e->number = std::stod(e->text);
        return e;
    }
    if (n.is_type<g::date>()) {
        auto e = make(ExprKind::date);
        e->date = date(n);
        e->text = n.string();
        return e;
    }
    if (n.is_type<g::true_lit>() || n.is_type<g::false_lit>()) {
        auto e = make(ExprKind::boolean);
        e->boolean = n.is_type<g::true_lit>();
        return e;
    }
    if (n.is_type<g::set_literal>()) {
        auto e = make(ExprKind::set_literal);
        for (const auto& s : n.children) {
            e->strings.push_back(unquote(*s));
            e->string_locations.push_back(location(*s));
        }
        return e;
    }
    if (n.is_type<g::case_root>()) return make(ExprKind::case_root);
    if (n.is_type<g::name_ref>()) {
        auto e = make(ExprKind::name);
        e->text = n.string();
        return e;
    }
    if (n.is_type<g::name_or_call>()) { // name_ref + call_args
        auto e = make(ExprKind::call);
        e->text = n.children[0]->string();
        e->name_location = location(*n.children[0]);
        for (const auto& a : n.children[1]->children)
            e->kids.push_back(expression(*a));
        return e;
    }
    if (n.is_type<g::qualified_call>()) { // name_ref . call_name call_args
        auto e = make(ExprKind::call);
        e->text = n.children[0]->string() + "." + n.children[1]->string();
        e->name_location = location(*n.children[0]);
        for (const auto& a : n.children[2]->children)
            e->kids.push_back(expression(*a));
        return e;
    }
    if (n.is_type<g::known_call>()) {
        auto e = make(ExprKind::known);
        e->kids.push_back(expression(*n.children.at(0)));
        return e;
    }
    if (n.is_type<g::postfix>()) return postfix_chain(n);
    if (n.is_type<g::negation>()) {
        auto e = make(ExprKind::not_);
        e->kids.push_back(expression(*n.children.at(0)));
        return e;
    }
    if (n.is_type<g::and_expr>() || n.is_type<g::or_expr>()) {
        auto e = make(n.is_type<g::and_expr>() ? ExprKind::and_ : ExprKind::or_);
        for (const auto& k : n.children) {
            e->kids.push_back(expression(*k));
            if (n.is_type<g::or_expr>() && k->is_type<g::and_expr>() && !parenthesised(*k))
                warn_and_in_or(*k, *e->kids.back());
        }
        return e;
    }
    if (n.is_type<g::comparison>()) {
        auto e = make(ExprKind::compare);
        e->op = compare_op_from(n.children[1]->string_view());
        e->name_location = location(*n.children[1]);
        e->kids.push_back(expression(*n.children[0]));
        e->kids.push_back(expression(*n.children[2]));
        return e;
    }
    if (n.is_type<g::quantifier>()) return quantifier(n);
    if (n.is_type<g::when_expr>() || n.is_type<g::def_body>() || n.is_type<g::column_expr>())
        return expression(*n.children.at(0));
    throw std::logic_error("ast builder: unexpected parse tree node " + std::string(n.type));
}

bool AstBuilder::common_line(const Node& n, Common& c) {
    auto twice = [&](const char* what) {
        diags_.error(Code::clause_twice, location(n), fmt::format("`{}` is given twice", what),
                     "keep one of them");
    };
    if (n.is_type<g::goal_name>()) {
        if (c.goal) twice("goal");
        c.goal_location = location(n);
        c.goal = goal_from(n.string_view());
        if (!c.goal)
            diags_.error(Code::unknown_goal, location(n),
                         fmt::format("unknown goal `{}`", n.string_view()),
                         "goals are end_use, strategic_dependency, tech_leadership, sanctions, "
                         "control_list");
        return true;
    }
    if (n.is_type<g::basis_text>()) {
        if (c.basis) twice("basis");
        c.basis = unquote(n);
        c.basis_location = location(n);
        return true;
    }
    if (n.is_type<g::from_date>() || n.is_type<g::until_date>()) {
        auto& slot = n.is_type<g::from_date>() ? c.from : c.until;
        if (slot) twice(n.is_type<g::from_date>() ? "effective from" : "effective until");
        slot = DateClause{location(n), date(n)};
        return true;
    }
    if (n.is_type<g::review_text>()) {
        if (c.review) twice("review");
        c.review = unquote(n);
        return true;
    }
    return false;
}

void AstBuilder::add_rule(const Node& n, std::string doc) {
    Rule r;
    r.location = location(n);
    r.name = n.children[0]->string();
    r.name_location = location(*n.children[0]);
    r.doc = std::move(doc);
    for (std::size_t i = 1; i < n.children.size(); ++i) {
        const Node& c = *n.children[i];
        if (common_line(c, r.common)) continue;
        if (c.is_type<g::qualified_name>()) {
            if (r.exception_to)
                diags_.error(Code::clause_twice, location(c), "`exception to` is given twice",
                             "a rule is an exception to one rule");
            r.exception_to = c.string();
            r.exception_location = location(c);
        } else if (c.is_type<g::when_expr>()) {
            if (r.when)
                diags_.error(Code::clause_twice, location(c), "`when` is given twice",
                             "join the conditions with `and`");
            r.when = expression(c);
        } else if (c.is_type<g::then_line>()) {
            if (r.verdict)
                diags_.error(Code::clause_twice, location(c), "`then` is given twice",
                             "a rule concludes one verdict");
            r.verdict = verdict_from(c.children[0]->string_view());
            r.verdict_location = location(*c.children[0]);
            if (c.children.size() > 1) r.message = message(*c.children[1]);
        } else if (c.is_type<g::oblige_line>()) {
            Obligation o;
            o.location = location(c);
            o.name = c.children[0]->string();
            if (c.children.size() > 1) o.message = message(*c.children[1]);
            r.obligations.push_back(std::move(o));
        }
    }
    module_.order.push_back({Module::DeclKind::rule, module_.rules.size()});
    module_.rules.push_back(std::move(r));
}

Row AstBuilder::row(const Node& n) {
    Row r;
    r.location = location(n);
    for (const auto& cp : n.children) {
        const Node& c = *cp;
        if (c.is_type<g::cell>()) {
            Cell cell;
            cell.location = location(c);
            const Node& first = *c.children.at(0);
            if (first.is_type<g::any_cell>()) {
                cell.kind = Cell::Kind::any;
            } else if (first.is_type<g::compare_op>()) {
                cell.kind = Cell::Kind::compare;
                cell.op = compare_op_from(first.string_view());
                cell.value = expression(*c.children.at(1));
            } else {
                cell.kind = Cell::Kind::compare;
                cell.value = expression(first);
            }
            r.cells.push_back(std::move(cell));
        } else if (c.is_type<g::row_verdict>()) {
            r.verdict = *verdict_from(c.string_view());
            r.verdict_location = location(c);
        } else if (c.is_type<g::message>()) {
            r.message = message(c);
        } else if (c.is_type<g::row_basis>()) {
            r.basis = unquote(c);
            r.basis_location = location(c);
        }
    }
    return r;
}

void AstBuilder::add_table(const Node& n, std::string doc) {
    Table t;
    t.location = location(n);
    t.name = n.children[0]->string();
    t.name_location = location(*n.children[0]);
    t.doc = std::move(doc);
    for (std::size_t i = 1; i < n.children.size(); ++i) {
        const Node& c = *n.children[i];
        if (common_line(c, t.common)) continue;
        if (c.is_type<g::hit_policy>()) {
            if (t.hit_given)
                diags_.error(Code::clause_twice, location(c), "`hit` is given twice",
                             "keep one of them");
            t.hit = c.string_view() == "first" ? HitPolicy::first : HitPolicy::collect;
            t.hit_given = true;
        } else if (c.is_type<g::column_expr>()) {
            t.columns.push_back(expression(c));
        } else if (c.is_type<g::table_row>()) {
            t.rows.push_back(row(c));
        }
    }
    module_.order.push_back({Module::DeclKind::table, module_.tables.size()});
    module_.tables.push_back(std::move(t));
}

void AstBuilder::add_set(const Node& n, std::string doc) {
    SetDecl s;
    s.location = location(n);
    s.name = n.children[0]->string();
    s.name_location = location(*n.children[0]);
    s.doc = std::move(doc);
    std::size_t next = 1;
    if (n.children.at(next)->is_type<g::set_element_type>()) {
        const Node& t = *n.children[next++];
        s.element = kind_named(t.string_view()); // the grammar admits only text kinds
        s.element_location = location(t);
    }
    const Node& value = *n.children.at(next);
    if (value.is_type<g::load_path>()) {
        s.load_path = unquote(value);
        s.load_location = location(value);
    } else {
        for (const auto& e : value.children) {
            s.entries.push_back(unquote(*e));
            s.entry_locations.push_back(location(*e));
        }
    }
    module_.order.push_back({Module::DeclKind::set, module_.sets.size()});
    module_.sets.push_back(std::move(s));
}

void AstBuilder::add_def(const Node& n, std::string doc) {
    Def d;
    d.location = location(n);
    d.name = n.children[0]->string();
    d.name_location = location(*n.children[0]);
    d.doc = std::move(doc);
    for (std::size_t i = 1; i < n.children.size(); ++i) {
        const Node& c = *n.children[i];
        if (c.is_type<g::param>() || c.is_type<g::first_param>())
            d.params.push_back({c.string(), location(c)});
        else if (c.is_type<g::def_body>())
            d.body = expression(c);
    }
    module_.order.push_back({Module::DeclKind::def, module_.defs.size()});
    module_.defs.push_back(std::move(d));
}

std::vector<Field> AstBuilder::fields(const Node& n) {
    std::vector<Field> out;
    for (const auto& c : n.children) {
        if (!c->is_type<g::field_decl>()) continue;
        Field f;
        f.location = location(*c->children.at(0));
        f.name = c->children.at(0)->string();
        const Node& t = *c->children.at(1);
        f.optional = !t.children.empty() && t.children.front()->is_type<g::optional_mark>();
        f.type = type(t);
        for (std::size_t i = 2; i < c->children.size(); ++i)
            field_question(*c->children[i], f);
        out.push_back(std::move(f));
    }
    return out;
}

// `ask "..."` of field `f` (n is a question_text). One question per field:
// two would leave the officer to guess which one the author meant.
void AstBuilder::field_question(const Node& n, Field& f) {
    if (f.ask) {
        diags_.error(Code::ask_twice, location(n),
                     fmt::format("field `{}` has two questions (`ask`)", f.name),
                     "keep one of them", {related(f.ask_location, "the first question")});
        return;
    }
    f.ask = unquote(n);
    f.ask_location = location(n);
}

Type AstBuilder::type(const Node& n) { // n is a type_expr
    Type t;
    t.location = location(n);
    for (const auto& cp : n.children) {
        const Node& c = *cp;
        if (c.is_type<g::nonempty_mark>())
            t.nonempty = true;
        else if (c.is_type<g::base_type_word>()) {
            t.kind = kind_named(c.string_view()).value_or(TypeKind::string);
        } else if (c.is_type<g::enum_type>()) {
            t.kind = TypeKind::enum_;
            for (const auto& v : c.children)
                t.enum_values.push_back(v->string());
        } else if (c.is_type<g::list_type>()) {
            t.kind = TypeKind::list;
            t.element = std::make_unique<Type>(type(*c.children.at(0)));
            if (!c.children.at(0)->children.empty() &&
                c.children.at(0)->children.front()->is_type<g::optional_mark>())
                diags_.error(Code::optional_list_element, location(*c.children.at(0)),
                             "list elements cannot be optional",
                             "write `optional list of T` to make the list itself optional");
        } else if (c.is_type<g::record_type>()) {
            t.kind = TypeKind::record;
            t.fields = fields(*c.children.at(0));
        }
    }
    if (t.nonempty && t.kind != TypeKind::list)
        diags_.error(Code::nonempty_not_list, t.location, "only a list can be `nonempty`",
                     "write `nonempty list of T`");
    return t;
}

void AstBuilder::add_schema(const Node& n, std::string doc) {
    Schema s;
    s.location = location(n);
    s.name = n.children[0]->string();
    s.name_location = location(*n.children[0]);
    s.doc = std::move(doc);
    s.record.kind = TypeKind::record;
    s.record.location = s.location;
    s.record.fields = fields(n);
    module_.order.push_back({Module::DeclKind::schema, module_.schemas.size()});
    module_.schemas.push_back(std::move(s));
}

void AstBuilder::add_declaration(const Node& root, std::string doc) {
    for (const auto& cp : root.children) {
        const Node& d = *cp;
        if (d.is_type<g::rule_decl>())
            add_rule(d, std::move(doc));
        else if (d.is_type<g::table_decl>())
            add_table(d, std::move(doc));
        else if (d.is_type<g::set_decl>())
            add_set(d, std::move(doc));
        else if (d.is_type<g::def_decl>())
            add_def(d, std::move(doc));
        else if (d.is_type<g::schema_decl>())
            add_schema(d, std::move(doc));
        else if (d.is_type<g::module_decl>()) {
            if (!module_.name.empty())
                diags_.error(Code::second_module_line, location(d), "a file holds one module",
                             "split it into one file per module");
            module_.name = d.children.at(0)->string();
            module_.location = location(*d.children.at(0));
            module_.doc = std::move(doc);
        } else if (d.is_type<g::import_decl>()) {
            module_.imports.push_back({location(*d.children.at(0)), d.children.at(0)->string()});
        }
    }
}

} // namespace kader
