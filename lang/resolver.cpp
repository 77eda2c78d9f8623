// Expressions -> resolved nodes: names, fields, calls of definitions (one
// instance per argument types), comparisons with their types, quantifiers.
#include "lang/checker_internal.hpp"
#include "lang/printer.hpp"

#include <algorithm>

namespace kader {
namespace checking {

// ---------------------------------------------------------------------------
// expressions

int Checker::add_node(Node n) {
    p_.nodes.push_back(std::move(n));
    return static_cast<int>(p_.nodes.size() - 1);
}

// Whether a path is present in every case the schema admits: the case, a
// quantifier's element, or a required field of either.
bool Checker::always_known(int node, const Scope& scope) const {
    const Node& n = p_.node(node);
    switch (n.op) {
    case Op::case_root:
        return true;
    case Op::local:
        for (const auto& l : scope.locals)
            if (l.slot == n.slot) return l.element;
        return false;
    case Op::field: {
        if (n.kids.empty() || !always_known(n.kids[0], scope)) return false;
        const StaticType& base = p_.node(n.kids[0]).type;
        if (base.kind != StaticType::record || base.schema < 0 || n.slot < 0) return false;
        const SchemaNode& record = p_.schema[static_cast<std::size_t>(base.schema)];
        return !record.fields[static_cast<std::size_t>(n.slot)].optional;
    }
    default:
        return false;
    }
}

int Checker::error_node(const Expr& e) {
    return error_node(e.location, print(e));
}

int Checker::error_node(Location at, std::string source) {
    Node n{Op::boolean, {StaticType::any, -1}};
    n.location = at;
    n.source = std::move(source);
    return add_node(std::move(n));
}

std::vector<std::string> Checker::names_in_scope(const Scope& scope) const {
    std::vector<std::string> names;
    for (const auto& l : scope.locals)
        names.push_back(l.name);
    const ModuleInfo& m = module_info(scope.module);
    for (const auto& [name, s] : m.symbols)
        if (s.kind == Symbol::set || s.kind == Symbol::def) names.push_back(name);
    for (const auto& [alias, _] : m.imports)
        names.push_back(alias);
    for (const auto& [name, _] : m.ambiguous)
        names.push_back(name);
    names.push_back("case");
    return names;
}

int Checker::def_instance(int module, const Def& d, const std::vector<int>& args, Location at) {
    ModuleInfo& m = module_info(module);
    std::string id = m.ast->name + "." + d.name;
    used_.insert({module, d.name});
    if (args.size() != d.params.size()) {
        diags_.error(Code::argument_count, at,
                     fmt::format("`{}` takes {} argument{}, not {}", d.name, d.params.size(),
                                 d.params.size() == 1 ? "" : "s", args.size()));
        return -1;
    }
    std::string key = id + "(";
    for (int a : args)
        key +=
            fmt::format("{}:{},", static_cast<int>(p_.node(a).type.kind), p_.node(a).type.schema);
    key += ")";
    // The circle check comes first: a definition being resolved already has its instance.
    if (std::find(resolving_.begin(), resolving_.end(), id) != resolving_.end()) {
        std::string chain;
        for (auto it = std::find(resolving_.begin(), resolving_.end(), id); it != resolving_.end();
             ++it)
            chain += *it + " -> ";
        diags_.error(Code::definition_cycle, d.name_location,
                     fmt::format("definition `{}` depends on itself: {}{}", d.name, chain, id),
                     "a definition may use others, but not in a circle");
        return -1;
    }
    if (auto it = instances_.find(key); it != instances_.end()) return it->second;
    if (!d.body) return -1;
    resolving_.push_back(id);
    DefInstance inst;
    inst.name = id;
    inst.params = static_cast<int>(d.params.size());
    inst.memoize = d.params.empty();
    inst.location = d.name_location;
    Scope scope{module, {}, &inst.frame_size};
    for (std::size_t i = 0; i < d.params.size(); ++i)
        scope.locals.push_back({d.params[i].name, scope.next_slot++, p_.node(args[i]).type});
    inst.frame_size = scope.next_slot;
    int index = static_cast<int>(p_.defs.size());
    p_.defs.push_back(inst);
    instances_[key] = index;
    int root = resolve(*d.body, scope);
    p_.defs[static_cast<std::size_t>(index)].root = root;
    p_.defs[static_cast<std::size_t>(index)].frame_size =
        std::max(p_.defs[static_cast<std::size_t>(index)].frame_size, scope.next_slot);
    resolving_.pop_back();
    return index;
}

// `alias.member`: a set or a definition without parameters of an imported module.
int Checker::resolve_member(int module, const std::string& member, const Expr& e, Scope& scope) {
    ModuleInfo& m = module_info(module);
    auto it = m.symbols.find(member);
    if (it == m.symbols.end() || it->second.kind == Symbol::rule ||
        it->second.kind == Symbol::table) {
        std::vector<std::string> names;
        for (const auto& [name, s] : m.symbols)
            if (s.kind == Symbol::set || s.kind == Symbol::def) names.push_back(name);
        const char* what = it == m.symbols.end() ? "has no set or definition"
                                                 : "names a rule, not a set or definition,";
        diags_.error(Code::no_such_member, e.kind == ExprKind::field ? e.name_location : e.location,
                     fmt::format("module `{}` {} `{}`", m.ast->name, what, member),
                     did_you_mean(member, names));
        return error_node(e);
    }
    Node n{Op::set, {StaticType::set, -1}};
    n.location = e.location;
    n.source = print(e);
    if (it->second.kind == Symbol::set) {
        used_.insert({module, member});
        n.set = m.set_index[it->second.index];
        return add_node(std::move(n));
    }
    const Def& d = m.ast->defs[it->second.index];
    if (!d.params.empty()) {
        diags_.error(Code::argument_count, e.location,
                     fmt::format("`{}` needs {} argument{}", member, d.params.size(),
                                 d.params.size() == 1 ? "" : "s"),
                     fmt::format("call it as `{}({})`", print(e), d.params.front().name));
        return error_node(e);
    }
    n.op = Op::call;
    n.def = def_instance(module, d, {}, e.location);
    if (n.def < 0) return error_node(e); // reported already; no follow-on type errors
    n.text = m.ast->name + "." + member;
    if (n.def >= 0) {
        int root = p_.defs[static_cast<std::size_t>(n.def)].root;
        n.type = root >= 0 ? p_.node(root).type : StaticType{};
    }
    (void)scope;
    return add_node(std::move(n));
}

int Checker::resolve_name(const Expr& e, Scope& scope) {
    for (auto it = scope.locals.rbegin(); it != scope.locals.rend(); ++it) {
        if (it->name != e.text) continue;
        Node n{Op::local, it->type};
        n.slot = it->slot;
        n.text = e.text;
        n.location = e.location;
        n.source = e.text;
        return add_node(std::move(n));
    }
    const ModuleInfo& m = module_info(scope.module);
    if (auto it = m.symbols.find(e.text);
        it != m.symbols.end() && (it->second.kind == Symbol::set || it->second.kind == Symbol::def))
        return resolve_member(it->second.module, e.text, e, scope);
    if (m.imports.count(e.text)) {
        diags_.error(Code::module_as_value, e.location,
                     fmt::format("`{}` is a module, not a value", e.text),
                     fmt::format("name one of its sets or definitions, as in `{}.NAME`", e.text));
        return error_node(e);
    }
    if (auto it = m.ambiguous.find(e.text); it != m.ambiguous.end()) {
        report_ambiguous(e.text, it->second, e.location);
        return error_node(e);
    }
    if (scope.unavailable)
        if (auto it = scope.unavailable->find(e.text); it != scope.unavailable->end()) {
            diags_.error(
                Code::witness_unavailable, e.location,
                fmt::format("`{}` cannot be shown in this message: {}", e.text, it->second),
                fmt::format("to name the value that made the rule apply, bind it with "
                            "`any {} in ...` in the `when` condition itself, joined to "
                            "the rest by `and`",
                            e.text));
            return error_node(e);
        }
    for (const auto& [name, index] : module_by_name_) {
        std::string_view last = std::string_view(name).substr(name.rfind('.') + 1);
        if (last != e.text || index == scope.module) continue;
        diags_.error(
            Code::module_not_imported, e.location,
            fmt::format("unknown name `{}`: the module `{}` is not imported here", e.text, name),
            fmt::format("add `import {}` after the `module` line of this file", name));
        return error_node(e);
    }
    diags_.error(Code::unknown_name, e.location, fmt::format("unknown name `{}`", e.text),
                 did_you_mean(e.text, names_in_scope(scope)));
    return error_node(e);
}

int Checker::resolve_field(const Expr& e, Scope& scope) {
    const Expr& base = *e.kids[0];
    bool is_local = base.kind == ExprKind::name &&
                    std::any_of(scope.locals.begin(), scope.locals.end(),
                                [&](const Local& l) { return l.name == base.text; });
    const ModuleInfo& m = module_info(scope.module);
    if (base.kind == ExprKind::name && !is_local && !m.symbols.count(base.text)) {
        if (auto a = m.imports.find(base.text); a != m.imports.end())
            return resolve_member(a->second, e.text, e, scope);
    }
    int b = resolve(base, scope);
    StaticType bt = p_.node(b).type;
    Node n{Op::field, {}};
    n.location = e.location;
    n.source = print(e);
    n.text = e.text;
    n.kids = {b};
    if (bt.kind == StaticType::any)
        return add_node(std::move(n)); // an unchecked parameter; never run
    if (bt.kind != StaticType::record) {
        diags_.error(
            Code::field_of_non_record, e.name_location,
            fmt::format("`{}` is {}, which has no field `{}`", print(base), type_words(bt), e.text),
            bt.kind == StaticType::list
                ? fmt::format("go through the list, as in `any x in {}: x.{}`", print(base), e.text)
                : std::string{});
        return error_node(e);
    }
    const SchemaNode& rec = p_.schema[static_cast<std::size_t>(bt.schema)];
    n.slot = rec.field_index(e.text);
    if (n.slot < 0) {
        std::vector<std::string> names;
        for (const auto& f : rec.fields)
            names.push_back(f.name);
        diags_.error(Code::unknown_field, e.name_location,
                     fmt::format("the case schema has no field `{}` in `{}`", e.text, print(base)),
                     did_you_mean(e.text, names));
        return error_node(e);
    }
    n.type = type_of(rec.fields[static_cast<std::size_t>(n.slot)].type);
    return add_node(std::move(n));
}

int Checker::resolve_call(const Expr& e, Scope& scope) {
    std::vector<int> args;
    for (const auto& k : e.kids)
        args.push_back(resolve(*k, scope));
    int module = scope.module;
    std::string name = e.text;
    if (auto dot = name.find('.'); dot != std::string::npos) {
        auto& aliases = module_info(scope.module).imports;
        auto a = aliases.find(name.substr(0, dot));
        if (a == aliases.end()) {
            std::vector<std::string> names;
            for (const auto& [alias, _] : aliases)
                names.push_back(alias);
            diags_.error(Code::unknown_module, e.name_location,
                         fmt::format("unknown module `{}`", name.substr(0, dot)),
                         did_you_mean(name.substr(0, dot), names));
            return error_node(e);
        }
        module = a->second;
        name = name.substr(dot + 1);
    } else if (auto a = module_info(module).ambiguous.find(name);
               a != module_info(module).ambiguous.end()) {
        report_ambiguous(name, a->second, e.location);
        return error_node(e);
    }
    const ModuleInfo& m = module_info(module);
    auto it = m.symbols.find(name);
    if (it == m.symbols.end() || it->second.kind != Symbol::def) {
        std::vector<std::string> names;
        for (const auto& [n, s] : m.symbols)
            if (s.kind == Symbol::def) names.push_back(n);
        diags_.error(Code::unknown_definition, e.location,
                     fmt::format("unknown definition `{}`", e.text), did_you_mean(name, names));
        return error_node(e);
    }
    for (int a : args)
        if (a < 0) return error_node(e);
    // In the REPL's scope the symbol may be another module's.
    module = it->second.module;
    const ModuleInfo& owner = module_info(module);
    Node n{Op::call, {}};
    n.location = e.location;
    n.source = print(e);
    n.text = owner.name + "." + name;
    n.kids = args;
    n.def = def_instance(module, owner.ast->defs[it->second.index], args, e.location);
    if (n.def < 0) return error_node(e);
    int root = p_.defs[static_cast<std::size_t>(n.def)].root;
    n.type = root >= 0 ? p_.node(root).type : StaticType{};
    return add_node(std::move(n));
}

int Checker::resolve_compare(const Expr& e, Scope& scope) {
    int l = resolve(*e.kids[0], scope);
    int r = resolve(*e.kids[1], scope);
    return compare(e.op, l, r, e.location, e.name_location, print(e));
}

// `l OP r`, in a condition or a table cell: one account of what may be
// compared with what, so that a cell can never accept what a rule refuses.
int Checker::compare(CompareOp op, int l, int r, Location at, Location op_at, std::string source) {
    StaticType lt = p_.node(l).type, rt = p_.node(r).type;
    const std::string left = p_.node(l).source, right = p_.node(r).source;
    Node n{Op::eq, {StaticType::boolean, -1}};
    n.location = at;
    n.source = source;
    n.kids = {l, r};
    auto fail = [&](Code code, std::string message, std::string help = {}) {
        diags_.error(code, op_at, std::move(message), std::move(help));
        return error_node(at, source);
    };
    bool any = lt.kind == StaticType::any || rt.kind == StaticType::any;
    switch (op) {
    case CompareOp::eq:
    case CompareOp::ne:
        n.op = op == CompareOp::eq ? Op::eq : Op::ne;
        if (!any && lt.kind != rt.kind)
            return fail(Code::incomparable,
                        fmt::format("cannot compare {} (`{}`) with {} (`{}`)", type_words(lt), left,
                                    type_words(rt), right));
        if (lt.kind == StaticType::list || lt.kind == StaticType::record ||
            lt.kind == StaticType::set)
            return fail(Code::compare_compound,
                        fmt::format("`{}` cannot compare {}", to_string(op), type_words(lt)),
                        "compare one of its fields, or use `in` for a set");
        break;
    case CompareOp::lt:
    case CompareOp::le:
    case CompareOp::gt:
    case CompareOp::ge: {
        static const Op ops[] = {Op::lt, Op::le, Op::gt, Op::ge};
        n.op = ops[static_cast<int>(op) - static_cast<int>(CompareOp::lt)];
        if (!any && lt.kind != rt.kind)
            return fail(Code::incomparable,
                        fmt::format("cannot compare {} (`{}`) with {} (`{}`)", type_words(lt), left,
                                    type_words(rt), right));
        StaticType t = lt.kind == StaticType::any ? rt : lt;
        if (t.kind != StaticType::any && t.kind != StaticType::number && t.kind != StaticType::date)
            return fail(
                Code::order_not_number_or_date,
                fmt::format("`{}` orders numbers and dates, not {}", to_string(op), type_words(t)));
        break;
    }
    case CompareOp::in:
    case CompareOp::not_in:
        n.negate = op == CompareOp::not_in;
        if (lt.kind != StaticType::any && lt.kind != StaticType::string)
            return fail(Code::bad_in,
                        fmt::format("`in` looks up a text, but `{}` is {}", left, type_words(lt)));
        if (rt.kind == StaticType::set) {
            n.op = Op::in_set;
            n.set = p_.node(r).set;
            if (p_.node(r).op != Op::set) // a definition that names a set
                return fail(Code::bad_in, "`in` needs a set or a list on its right");
        } else if (rt.kind == StaticType::list || rt.kind == StaticType::any) {
            n.op = Op::in_list;
            // A text is never found in a list of records or numbers.
            if (rt.kind == StaticType::list && rt.schema >= 0 &&
                type_of(rt.schema).kind != StaticType::string) {
                StaticType::Kind k = type_of(rt.schema).kind;
                const char* held = k == StaticType::record   ? "records"
                                   : k == StaticType::number ? "numbers"
                                   : k == StaticType::date   ? "dates"
                                                             : "values that are not texts";
                return fail(
                    Code::bad_in,
                    fmt::format("`in` looks up a text in a list of texts, but `{}` holds {}", right,
                                held),
                    "go through the list, as in `any x in LIST: ...`");
            }
        } else {
            return fail(Code::bad_in,
                        fmt::format("`in` needs a set or a list on its right, but `{}` is {}",
                                    right, type_words(rt)));
        }
        break;
    case CompareOp::under:
        if (lt.kind != StaticType::any && lt.kind != StaticType::string)
            return fail(Code::bad_under,
                        fmt::format("`under` compares codes, but `{}` is {}", left, type_words(lt)),
                        "codes are texts such as \"3B001.f\" or \"85423190\"");
        if (rt.kind == StaticType::set && p_.node(r).op == Op::set) {
            n.op = Op::under_set;
            n.set = p_.node(r).set;
        } else if (rt.kind == StaticType::string || rt.kind == StaticType::any) {
            n.op = Op::under_code;
        } else {
            return fail(
                Code::bad_under,
                fmt::format("`under` needs a code or a set of codes on its right, but `{}` is {}",
                            right, type_words(rt)));
        }
        break;
    }
    check_operands(n.op, l, r);
    return add_node(std::move(n));
}

int Checker::resolve_quantifier(const Expr& e, Scope& scope) {
    int list = resolve(*e.kids[0], scope);
    StaticType lt = p_.node(list).type;
    StaticType element{};
    if (lt.kind == StaticType::list)
        element = type_of(lt.schema);
    else if (lt.kind != StaticType::any) {
        diags_.error(Code::quantifier_not_list, e.kids[0]->location,
                     fmt::format("`{}` goes through a list, but `{}` is {}",
                                 to_string(e.quantifier), print(*e.kids[0]), type_words(lt)));
        return error_node(e);
    }
    static const Op ops[] = {Op::any, Op::all, Op::none, Op::count};
    Node n{ops[static_cast<int>(e.quantifier)],
           {e.quantifier == Quantifier::count ? StaticType::number : StaticType::boolean, -1}};
    n.location = e.location;
    n.source = print(e);
    n.text = e.text;
    n.slot = scope.next_slot++;
    *scope.frame_size = std::max(*scope.frame_size, scope.next_slot);
    Local local{e.text, n.slot, element, true};
    scope.locals.push_back(local);
    if (scope.witnesses && scope.witnesses->count(&e)) scope.witness_locals->push_back(local);
    int body = resolve(*e.kids[1], scope);
    scope.locals.pop_back();
    check_condition(body, to_string(e.quantifier));
    n.kids = {list, body};
    return add_node(std::move(n));
}

bool Checker::check_condition(int node, const char* where) {
    const Node& n = p_.node(node);
    if (n.type.kind == StaticType::boolean || n.type.kind == StaticType::any) return true;
    diags_.error(
        Code::not_a_condition, n.location,
        fmt::format("`{}` needs a condition, but `{}` is {}", where, n.source, type_words(n.type)));
    return false;
}

int Checker::resolve(const Expr& e, Scope& scope) {
    Node n{Op::boolean, {}};
    n.location = e.location;
    switch (e.kind) {
    case ExprKind::string:
        n.op = Op::string, n.type = {StaticType::string, -1}, n.text = e.text;
        break;
    case ExprKind::number:
        n.op = Op::number, n.type = {StaticType::number, -1}, n.number = e.number;
        break;
    case ExprKind::boolean:
        n.op = Op::boolean, n.type = {StaticType::boolean, -1}, n.boolean = e.boolean;
        break;
    case ExprKind::date:
        n.op = Op::date, n.type = {StaticType::date, -1}, n.date = e.date;
        break;
    case ExprKind::set_literal: {
        NamedSet set;
        set.name = print(e);
        set.location = e.location;
        for (const auto& s : e.strings)
            set.entries.insert(s);
        SetEntries entries; // no name: checked where it is used, entry by entry
        entries.texts = e.strings;
        entries.locations = e.string_locations;
        n.op = Op::set, n.type = {StaticType::set, -1};
        n.set = add_set(std::move(set), std::move(entries));
        break;
    }
    case ExprKind::name:
        return resolve_name(e, scope);
    case ExprKind::case_root:
        if (!p_.has_schema) {
            diags_.error(Code::no_case_schema, e.location,
                         "`case` is used, but no module declares `schema case { ... }`",
                         "import the standard rules, or declare the case's fields");
            return error_node(e);
        }
        n.op = Op::case_root, n.type = {StaticType::record, 0};
        break;
    case ExprKind::field:
        return resolve_field(e, scope);
    case ExprKind::call:
        return resolve_call(e, scope);
    case ExprKind::known:
        n.op = Op::known, n.type = {StaticType::boolean, -1}, n.kids = {resolve(*e.kids[0], scope)};
        if (always_known(n.kids[0], scope))
            diags_.warning(Code::known_always_true, e.location,
                           fmt::format("`{}` is always true: every step of `{}` is a required "
                                       "field of the schema",
                                       print(e), print(*e.kids[0])),
                           "remove the test, or make the field `optional` in the schema if a case "
                           "may leave it out");
        break;
    case ExprKind::not_:
        n.op = Op::not_, n.type = {StaticType::boolean, -1}, n.kids = {resolve(*e.kids[0], scope)};
        check_condition(n.kids[0], "not");
        break;
    case ExprKind::and_:
    case ExprKind::or_:
        n.op = e.kind == ExprKind::and_ ? Op::and_ : Op::or_;
        n.type = {StaticType::boolean, -1};
        for (const auto& k : e.kids) {
            n.kids.push_back(resolve(*k, scope));
            check_condition(n.kids.back(), e.kind == ExprKind::and_ ? "and" : "or");
        }
        if (n.op == Op::and_) {
            n.source = print(e);
            int node = add_node(std::move(n));
            check_bounds(node);
            return node;
        }
        break;
    case ExprKind::compare:
        return resolve_compare(e, scope);
    case ExprKind::quantifier:
        return resolve_quantifier(e, scope);
    }
    n.source = print(e);
    return add_node(std::move(n));
}

int Checker::resolve_typed(const Expr& e, int module, int& frame_size) {
    auto instances = instances_;
    std::size_t errors = diags_.error_count();
    Scope scope{module, {}, &frame_size};
    int node = resolve(e, scope);
    frame_size = std::max(frame_size, scope.next_slot);
    // Definitions resolved with errors are not kept for the next expression.
    if (diags_.error_count() > errors) {
        instances_ = std::move(instances);
        return -1;
    }
    return node;
}

} // namespace checking
} // namespace kader
