// The reference model: expressions, read straight from docs/language.md
// ("Expressions", "Hierarchical codes", "Unknown facts").
#include "reference_eval.hpp"

#include "reference_internal.hpp"

#include <algorithm>
#include <stdexcept>

namespace kdiff {

namespace {

bool all_digits(const std::string& s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

// "Dotted codes descend at dots ... Digit-only codes (CN, HS) descend digit
// by digit."
bool reference_under(const std::string& x, const std::string& y) {
    if (x == y) return true;
    if (x.size() <= y.size() || x.compare(0, y.size(), y) != 0) return false;
    return x[y.size()] == '.' || (all_digits(x) && all_digits(y));
}

namespace ref {

const ast::Def* Model::def(const std::string& name) const {
    for (const auto& d : module.defs)
        if (d.name == name) return &d;
    return nullptr;
}

const ast::SetDecl* Model::set(const std::string& name) const {
    for (const auto& s : module.sets)
        if (s.name == name) return &s;
    return nullptr;
}

const ast::Rule* Model::rule(const std::string& name) const {
    for (const auto& r : module.rules)
        if (r.name == name) return &r;
    return nullptr;
}

namespace {

Val unknown_fact(const std::string& path) {
    Val v;
    v.path = path;
    v.missing.insert(path);
    return v;
}

// An unknown that rests on the absent facts of the unknown parts.
Val unknown_from(const std::vector<const Val*>& parts) {
    Val v;
    for (const Val* p : parts)
        if (p->unknown()) v.missing.insert(p->missing.begin(), p->missing.end());
    return v;
}

std::string join(const std::string& path, const std::string& name) {
    return path.empty() ? name : path + "." + name;
}

} // namespace

Val fact(const ast::Type& type, const nlohmann::json& j, const std::string& path) {
    if (j.is_null()) return unknown_fact(path);
    Val v;
    switch (type.kind) {
    case ast::TypeKind::boolean:
        v.k = Val::K::boolean, v.b = j.get<bool>();
        break;
    case ast::TypeKind::number:
        v.k = Val::K::number, v.n = j.get<double>();
        break;
    case ast::TypeKind::date: {
        auto d = ast::parse_date(j.get<std::string>());
        if (!d) throw std::runtime_error("bad date at " + path);
        v.k = Val::K::date, v.d = *d;
        break;
    }
    case ast::TypeKind::list:
    case ast::TypeKind::record:
        v.k = type.kind == ast::TypeKind::list ? Val::K::list : Val::K::record;
        v.j = &j, v.type = &type, v.path = path;
        break;
    default: // string, country, code, cn, enum: texts
        v.k = Val::K::text, v.s = j.get<std::string>();
        break;
    }
    return v;
}

Val all_of(const std::vector<Val>& parts) {
    std::vector<const Val*> ptrs;
    for (const auto& p : parts) {
        if (p.k == Val::K::boolean && !p.b) return Val::truth(false); // unknown and false: false
        ptrs.push_back(&p);
    }
    for (const auto& p : parts)
        if (p.unknown()) return unknown_from(ptrs);
    return Val::truth(true);
}

Val any_of(const std::vector<Val>& parts) {
    std::vector<const Val*> ptrs;
    for (const auto& p : parts) {
        if (p.k == Val::K::boolean && p.b) return Val::truth(true); // unknown or true: true
        ptrs.push_back(&p);
    }
    for (const auto& p : parts)
        if (p.unknown()) return unknown_from(ptrs);
    return Val::truth(false);
}

Val Eval::field(const Val& base, const std::string& name) {
    // Below an absent record, the fact asked for is the one that is missing.
    if (base.unknown()) return unknown_fact(join(base.path, name));
    if (base.k != Val::K::record) throw std::runtime_error("field of a non-record");
    std::string path = join(base.path, name);
    for (const auto& f : base.type->fields) {
        if (f.name != name) continue;
        auto it = base.j->find(name);
        if (it == base.j->end()) return unknown_fact(path);
        return fact(f.type, *it, path);
    }
    throw std::runtime_error("no field " + name);
}

Val Eval::call(const std::string& name, std::vector<Val> args) {
    const ast::Def* d = m_.def(name);
    if (!d || d->params.size() != args.size()) throw std::runtime_error("bad call " + name);
    Env env; // a definition sees only its parameters
    for (std::size_t i = 0; i < args.size(); ++i)
        env.emplace_back(d->params[i].name, std::move(args[i]));
    return eval(*d->body, env);
}

Val Eval::name(const ast::Expr& e, Env& env) {
    for (auto it = env.rbegin(); it != env.rend(); ++it)
        if (it->first == e.text) return it->second;
    if (m_.def(e.text)) return call(e.text, {});
    throw std::runtime_error("a set or unknown name used as a value: " + e.text);
}

Val Eval::logic(const ast::Expr& e, Env& env) {
    if (e.kind == ast::ExprKind::not_) {
        Val v = eval(*e.kids[0], env);
        return v.unknown() ? v : Val::truth(!v.b); // not unknown: unknown
    }
    std::vector<Val> parts;
    for (const auto& k : e.kids)
        parts.push_back(eval(*k, env));
    return e.kind == ast::ExprKind::and_ ? all_of(parts) : any_of(parts);
}

// any = or over the elements, all = and, none = not any; count is unknown
// as soon as one element is, since its number then cannot be known.
Val Eval::quantifier(const ast::Expr& e, Env& env) {
    Val list = eval(*e.kids[0], env);
    if (list.unknown()) return unknown_from({&list});
    std::vector<Val> parts;
    for (std::size_t i = 0; i < list.j->size(); ++i) {
        env.emplace_back(e.text, fact(*list.type->element, (*list.j)[i],
                                      list.path + "[" + std::to_string(i) + "]"));
        parts.push_back(eval(*e.kids[1], env));
        env.pop_back();
    }
    switch (e.quantifier) {
    case ast::Quantifier::any:
        return any_of(parts);
    case ast::Quantifier::all:
        return all_of(parts);
    case ast::Quantifier::none: {
        Val v = any_of(parts);
        return v.unknown() ? v : Val::truth(!v.b);
    }
    case ast::Quantifier::count: {
        Val n;
        n.k = Val::K::number;
        std::vector<const Val*> ptrs;
        bool unknown = false;
        for (const auto& p : parts) {
            ptrs.push_back(&p);
            unknown = unknown || p.unknown();
            n.n += p.k == Val::K::boolean && p.b ? 1 : 0;
        }
        return unknown ? unknown_from(ptrs) : n;
    }
    }
    return {};
}

// The entries when `e` names a set (a set literal, or a set declaration not
// hidden by a local or a definition), else null.
const std::vector<std::string>* Eval::set_of(const ast::Expr& e, const Env& env) const {
    if (e.kind == ast::ExprKind::set_literal) return &e.strings;
    if (e.kind != ast::ExprKind::name) return nullptr;
    for (const auto& b : env)
        if (b.first == e.text) return nullptr;
    if (m_.def(e.text)) return nullptr;
    const ast::SetDecl* s = m_.set(e.text);
    if (s && s->load_path) throw std::runtime_error("loaded sets are outside the model");
    return s ? &s->entries : nullptr;
}

Val Eval::compare(ast::CompareOp op, const Val& l, const ast::Expr& right, Env& env) {
    using Op = ast::CompareOp;
    if (op == Op::in || op == Op::not_in || op == Op::under) {
        if (const auto* entries = set_of(right, env)) {
            if (l.unknown()) return unknown_from({&l});
            bool hit = std::any_of(entries->begin(), entries->end(), [&](const std::string& s) {
                return op == Op::under ? reference_under(l.s, s) : l.s == s;
            });
            return Val::truth(hit != (op == Op::not_in));
        }
    }
    Val r = eval(right, env);
    if (l.unknown() || r.unknown()) return unknown_from({&l, &r}); // a comparison with unknown
    if (op == Op::under) return Val::truth(reference_under(l.s, r.s));
    if (op == Op::in || op == Op::not_in) {
        bool hit = false;
        for (const auto& el : *r.j)
            hit = hit || (el.is_string() && el.get<std::string>() == l.s);
        return Val::truth(hit != (op == Op::not_in));
    }
    int c = 0; // -1, 0, 1
    switch (l.k) {
    case Val::K::number:
        c = l.n < r.n ? -1 : l.n > r.n ? 1 : 0;
        break;
    case Val::K::date:
        c = l.d < r.d ? -1 : l.d > r.d ? 1 : 0;
        break;
    case Val::K::text:
        c = l.s < r.s ? -1 : l.s > r.s ? 1 : 0;
        break;
    case Val::K::boolean:
        c = l.b == r.b ? 0 : 2; // unordered: only == and != are allowed
        break;
    default:
        throw std::runtime_error("comparison of lists or records");
    }
    switch (op) {
    case Op::eq:
        return Val::truth(c == 0);
    case Op::ne:
        return Val::truth(c != 0);
    case Op::lt:
        return Val::truth(c == -1);
    case Op::le:
        return Val::truth(c == -1 || c == 0);
    case Op::gt:
        return Val::truth(c == 1);
    default:
        return Val::truth(c == 1 || c == 0);
    }
}

Val Eval::cell(const Val& column, const ast::Cell& c) {
    if (c.kind == ast::Cell::Kind::any) return Val::truth(true);
    Env env;
    return compare(c.op, column, *c.value, env); // a bare value cell is `== value`
}

Val Eval::eval(const ast::Expr& e, Env& env) {
    using EK = ast::ExprKind;
    Val v;
    switch (e.kind) {
    case EK::string:
        v.k = Val::K::text, v.s = e.text;
        return v;
    case EK::number:
        v.k = Val::K::number, v.n = e.number;
        return v;
    case EK::boolean:
        return Val::truth(e.boolean);
    case EK::date:
        v.k = Val::K::date, v.d = e.date;
        return v;
    case EK::set_literal:
        throw std::runtime_error("a set used as a value");
    case EK::name:
        return name(e, env);
    case EK::case_root:
        v.k = Val::K::record, v.j = &case_, v.type = m_.case_type;
        return v;
    case EK::field:
        return field(eval(*e.kids[0], env), e.text);
    case EK::call: {
        std::vector<Val> args;
        for (const auto& k : e.kids)
            args.push_back(eval(*k, env));
        return call(e.text, std::move(args));
    }
    case EK::known: // true when the fact is present, never unknown
        return Val::truth(!eval(*e.kids[0], env).unknown());
    case EK::not_:
    case EK::and_:
    case EK::or_:
        return logic(e, env);
    case EK::compare:
        return compare(e.op, eval(*e.kids[0], env), *e.kids[1], env);
    case EK::quantifier:
        return quantifier(e, env);
    }
    return v;
}

} // namespace ref

} // namespace kdiff
