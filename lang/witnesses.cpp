// Which quantifier variables a rule's message may name. Only an `any` that
// makes the whole condition true through `and` has a witness: the item or
// party that made the rule apply. A variable bound elsewhere (under `or` or
// `not`, by `all`, `none` or `count`, or inside a definition) names no
// single value, so a message cannot show it; the checker says why.
#include "lang/checker_internal.hpp"

#include <algorithm>

namespace kader::checking {

void collect_witnesses(const Expr& e, std::set<const Expr*>& out) {
    if (e.kind == ExprKind::and_)
        for (const auto& k : e.kids)
            collect_witnesses(*k, out);
    if (e.kind == ExprKind::quantifier && e.quantifier == Quantifier::any) {
        out.insert(&e);
        collect_witnesses(*e.kids[1], out);
    }
}

namespace {

// The definition that `e` names or calls (`d`, `d(x)`, `common.d`,
// `common.d(x)`), in `module` or through one of its imports.
const Def* named_def(const std::vector<ModuleInfo>& modules, int module, const Expr& e) {
    const ModuleInfo* m = &modules[static_cast<std::size_t>(module)];
    std::string name = e.text;
    if (e.kind == ExprKind::field) {
        if (e.kids.empty() || !e.kids[0] || e.kids[0]->kind != ExprKind::name) return nullptr;
        name = e.kids[0]->text + "." + e.text;
    } else if (e.kind != ExprKind::call && e.kind != ExprKind::name) {
        return nullptr;
    }
    if (auto dot = name.rfind('.'); dot != std::string::npos) {
        auto alias = m->imports.find(name.substr(0, dot));
        if (alias == m->imports.end()) return nullptr;
        m = &modules[static_cast<std::size_t>(alias->second)];
        name = name.substr(dot + 1);
    }
    for (const auto& d : m->ast->defs)
        if (d.name == name && d.body) return &d;
    return nullptr;
}

void bound_names(const Expr& e, const std::string& reason, Unavailable& out) {
    if (e.kind == ExprKind::quantifier) out.emplace(e.text, reason);
    for (const auto& k : e.kids)
        if (k) bound_names(*k, reason, out);
}

} // namespace

void Checker::unavailable_witnesses(const Expr& e, const std::set<const Expr*>& witnesses,
                                    int module, Unavailable& out) const {
    if (e.kind == ExprKind::quantifier && !witnesses.count(&e))
        out.emplace(e.text, e.quantifier == Quantifier::any
                                ? std::string("it is bound under `or` or `not`, so no single "
                                              "value is known to have made the rule apply")
                                : fmt::format("it is bound by `{}`, which stands for no single "
                                              "value",
                                              to_string(e.quantifier)));
    if (const Def* d = named_def(p_.modules, module, e))
        bound_names(*d->body,
                    fmt::format("it is bound inside the definition `{}`, whose values a "
                                "message cannot see",
                                d->name),
                    out);
    for (const auto& k : e.kids)
        if (k) unavailable_witnesses(*k, witnesses, module, out);
}

} // namespace kader::checking
