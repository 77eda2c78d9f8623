#include "lang/checker.hpp"

#include "lang/countries.hpp"
#include "lang/fingerprint.hpp"
#include "lang/parser.hpp"
#include "lang/printer.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace kader {

using namespace ast;

std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates) {
    auto distance = [](std::string_view a, std::string_view b) {
        std::vector<std::size_t> row(b.size() + 1);
        for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
        for (std::size_t i = 1; i <= a.size(); ++i) {
            std::size_t diag = row[0];
            row[0] = i;
            for (std::size_t j = 1; j <= b.size(); ++j) {
                std::size_t next = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
                diag = row[j];
                row[j] = next;
            }
        }
        return row[b.size()];
    };
    std::optional<std::string> best;
    std::size_t best_distance = std::max<std::size_t>(1, name.size() / 3) + 1;
    for (const auto& c : candidates) {
        std::size_t d = distance(name, c);
        if (d < best_distance) best_distance = d, best = c;
    }
    return best;
}

std::optional<std::string> read_data_file(const Source& from, const std::string& path, std::string& error) {
    namespace fs = std::filesystem;
    fs::path full = fs::path(from.name).parent_path() / path;
    std::ifstream in(full, std::ios::binary);
    if (!in) {
        error = fmt::format("cannot read `{}`", full.string());
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

namespace {

std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
    auto best = closest_name(name, candidates);
    return best ? fmt::format("did you mean `{}`?", *best) : std::string{};
}

const char* type_words(const StaticType& t) {
    switch (t.kind) {
    case StaticType::boolean: return "a condition (true/false)";
    case StaticType::number: return "a number";
    case StaticType::string: return "a text";
    case StaticType::date: return "a date";
    case StaticType::list: return "a list";
    case StaticType::record: return "a record";
    case StaticType::set: return "a set";
    default: return "a value";
    }
}

struct Local {
    std::string name;
    int slot;
    StaticType type;
};

// What a name in one module's scope stands for.
struct Symbol {
    enum Kind { set, def, rule, table } kind;
    std::size_t index; // in the module's AST vector
    Location location;
};

struct ModuleScope {
    Module ast;
    std::map<std::string, Symbol> symbols;
    std::map<std::string, int> aliases; // import alias -> module index
    std::vector<int> set_index;          // program set index per ast set (-1 when not loaded)
    std::vector<int> rule_index;         // program rule index per ast rule
};

struct Scope {
    int module;
    std::vector<Local> locals;
    int* frame_size;
    int next_slot = 0;
    const std::set<const Expr*>* witnesses = nullptr; // `any` quantifiers whose variable messages may use
    std::vector<Local>* witness_locals = nullptr;
};

class Checker {
public:
    Checker(Program& program, const DataReader& read_data, Diagnostics& diags)
        : p_(program), read_data_(read_data), diags_(diags) {}

    void run(std::vector<Module> modules);
    // The REPL: an open scope over the compiled `p_` (see ExpressionScope).
    void open_scope(std::vector<Module> modules);
    int resolve_typed(const Expr& e, int& frame_size);

private:
    // ---- modules, imports and symbols
    void index_modules(std::vector<Module> modules);
    void declare(ModuleScope& m, const std::string& name, Symbol s);
    void resolve_imports();
    // ---- schema and sets
    void build_schema();
    int schema_node(const ast::Type& t);
    void load_sets();
    void load_set_file(ModuleScope& m, const SetDecl& s, NamedSet& set);
    int add_set(NamedSet set);
    // ---- rules and tables
    void build_rules();
    void build_rule(int module, const Rule& r);
    void build_table(int module, const Table& t);
    bool check_common(const Common& c, const std::string& what, const std::string& name,
                      Location where, bool needs_goal);
    std::vector<MessagePart> message(const std::optional<Message>& m, Scope& scope);
    void link_exceptions();
    void sort_rules();
    void warn_unused();
    // ---- expressions
    int resolve(const Expr& e, Scope& scope);
    int resolve_name(const Expr& e, Scope& scope);
    int resolve_field(const Expr& e, Scope& scope);
    int resolve_call(const Expr& e, Scope& scope);
    int resolve_compare(const Expr& e, Scope& scope);
    int resolve_quantifier(const Expr& e, Scope& scope);
    int resolve_member(int module, const std::string& member, const Expr& e, Scope& scope);
    int def_instance(int module, const Def& d, const std::vector<int>& args, Location at);
    int add_node(Node n);
    StaticType type_of(int schema) const;
    bool check_condition(int node, const char* where);
    void check_literal_against(int literal, int other);
    std::vector<std::string> names_in_scope(const Scope& scope) const;
    int error_node(const Expr& e);
    int owner_of(const std::string& name, bool def_only, Location at);

    Program& p_;
    const DataReader& read_data_;
    Diagnostics& diags_;
    std::vector<ModuleScope> modules_;
    std::map<std::string, int> module_by_name_;
    std::map<std::string, int> instances_;           // "module.def(types)" -> instance
    std::vector<std::string> resolving_;             // definitions being resolved, for cycles
    std::set<std::pair<int, std::string>> used_;     // (module, set or def name)
    std::map<std::pair<int, std::string>, int> rule_by_name_; // (module, rule) -> program rule
    std::vector<std::pair<int, const Rule*>> exception_links_;
    int open_module_ = -1; // the REPL's scope, which sees every module
};

// ---------------------------------------------------------------------------
// modules, imports, symbols

void Checker::declare(ModuleScope& m, const std::string& name, Symbol s) {
    auto [it, fresh] = m.symbols.emplace(name, s);
    if (!fresh)
        diags_.error(s.location, fmt::format("`{}` is declared twice in module `{}`", name, m.ast.name),
                     fmt::format("the first is at {}", to_string(it->second.location)));
}

void Checker::index_modules(std::vector<Module> modules) {
    std::sort(modules.begin(), modules.end(),
              [](const Module& a, const Module& b) { return a.name < b.name; });
    for (auto& mod : modules) {
        if (mod.name.empty()) continue;
        auto [it, fresh] = module_by_name_.emplace(mod.name, static_cast<int>(modules_.size()));
        if (!fresh) {
            diags_.error(mod.location, fmt::format("module `{}` is declared twice", mod.name),
                         fmt::format("the first is at {}", to_string(modules_[static_cast<std::size_t>(it->second)].ast.location)));
            continue;
        }
        ModuleScope m;
        m.ast = std::move(mod);
        for (std::size_t i = 0; i < m.ast.sets.size(); ++i)
            declare(m, m.ast.sets[i].name, {Symbol::set, i, m.ast.sets[i].name_location});
        for (std::size_t i = 0; i < m.ast.defs.size(); ++i)
            declare(m, m.ast.defs[i].name, {Symbol::def, i, m.ast.defs[i].name_location});
        for (std::size_t i = 0; i < m.ast.rules.size(); ++i)
            declare(m, m.ast.rules[i].name, {Symbol::rule, i, m.ast.rules[i].name_location});
        for (std::size_t i = 0; i < m.ast.tables.size(); ++i)
            declare(m, m.ast.tables[i].name, {Symbol::table, i, m.ast.tables[i].name_location});
        m.set_index.assign(m.ast.sets.size(), -1);
        modules_.push_back(std::move(m));
    }
}

void Checker::resolve_imports() {
    std::vector<std::string> names;
    for (const auto& [name, _] : module_by_name_) names.push_back(name);
    for (auto& m : modules_) {
        for (const auto& imp : m.ast.imports) {
            auto it = module_by_name_.find(imp.module);
            if (it == module_by_name_.end()) {
                diags_.error(imp.location, fmt::format("unknown module `{}`", imp.module),
                             did_you_mean(imp.module, names));
                continue;
            }
            std::string alias = imp.module.substr(imp.module.rfind('.') + 1);
            auto [at, fresh] = m.aliases.emplace(alias, it->second);
            if (!fresh && at->second != it->second)
                diags_.error(imp.location,
                             fmt::format("two imported modules are both called `{}`", alias),
                             "a module is known by the last part of its name; rename one of them");
        }
    }
}

// ---------------------------------------------------------------------------
// schema

int Checker::schema_node(const ast::Type& t) {
    SchemaNode n;
    n.kind = t.kind;
    n.nonempty = t.nonempty;
    n.location = t.location;
    n.enum_values = t.enum_values;
    std::set<std::string> seen;
    for (const auto& v : t.enum_values)
        if (!seen.insert(v).second)
            diags_.error(t.location, fmt::format("`{}` is listed twice in the enum", v));
    int index = static_cast<int>(p_.schema.size());
    p_.schema.push_back(n);
    if (t.kind == TypeKind::list && t.element) {
        int element = schema_node(*t.element);
        p_.schema[static_cast<std::size_t>(index)].element = element;
    }
    if (t.kind == TypeKind::record) {
        std::vector<SchemaField> fields;
        std::set<std::string> names;
        for (const auto& f : t.fields) {
            if (!names.insert(f.name).second)
                diags_.error(f.location, fmt::format("field `{}` is declared twice", f.name));
            fields.push_back({f.name, f.optional, schema_node(f.type)});
        }
        p_.schema[static_cast<std::size_t>(index)].fields = std::move(fields);
    }
    return index;
}

void Checker::build_schema() {
    const Schema* found = nullptr;
    for (const auto& m : modules_) {
        for (const auto& s : m.ast.schemas) {
            if (s.name != "case") {
                diags_.warning(s.name_location,
                               fmt::format("schema `{}` is not used: rules read the schema named `case`", s.name));
                continue;
            }
            if (found) {
                diags_.error(s.name_location, "the schema `case` is declared twice",
                             fmt::format("the first is at {}", to_string(found->name_location)));
                continue;
            }
            found = &s;
        }
    }
    if (!found) return;
    p_.has_schema = true;
    schema_node(found->record);
}

StaticType Checker::type_of(int schema) const {
    if (schema < 0) return {};
    const SchemaNode& n = p_.schema[static_cast<std::size_t>(schema)];
    switch (n.kind) {
    case TypeKind::number: return {StaticType::number, schema};
    case TypeKind::boolean: return {StaticType::boolean, schema};
    case TypeKind::date: return {StaticType::date, schema};
    case TypeKind::list: return {StaticType::list, n.element};
    case TypeKind::record: return {StaticType::record, schema};
    default: return {StaticType::string, schema};
    }
}

// ---------------------------------------------------------------------------
// sets

int Checker::add_set(NamedSet set) {
    set.shortest = SIZE_MAX;
    for (const auto& e : set.entries) {
        set.shortest = std::min(set.shortest, e.size());
        set.longest = std::max(set.longest, e.size());
    }
    if (set.entries.empty()) set.shortest = 0;
    p_.sets.push_back(std::move(set));
    return static_cast<int>(p_.sets.size() - 1);
}

void Checker::load_set_file(ModuleScope& m, const SetDecl& s, NamedSet& set) {
    // "file.json#/key/0" picks a part of the file (a JSON pointer), so one
    // published data file can feed several sets.
    std::string file = *s.load_path, pointer;
    if (auto hash = file.find('#'); hash != std::string::npos) {
        pointer = file.substr(hash + 1);
        file = file.substr(0, hash);
    }
    std::string error;
    auto text = read_data_(*m.ast.source, file, error);
    if (!text) {
        diags_.error(s.load_location, error, "the path is relative to the rule file's folder");
        return;
    }
    nlohmann::json data = nlohmann::json::parse(*text, nullptr, false);
    if (data.is_discarded()) {
        diags_.error(s.load_location, fmt::format("`{}` is not valid JSON", file));
        return;
    }
    if (!pointer.empty()) {
        try {
            nlohmann::json part = data.at(nlohmann::json::json_pointer(pointer));
            data = std::move(part);
        } catch (const nlohmann::json::exception&) {
            diags_.error(s.load_location, fmt::format("`{}` has nothing at `{}`", file, pointer),
                         "after `#` comes a JSON pointer such as `#/entity_list`");
            return;
        }
    }
    const nlohmann::json* list = &data;
    if (data.is_object()) {
        if (data.contains("source") && data["source"].is_string()) set.doc = data["source"].get<std::string>();
        list = data.contains("entries") ? &data["entries"] : nullptr;
    }
    if (!list || !list->is_array()) {
        diags_.error(s.load_location,
                     fmt::format("`{}` must hold an array of texts, or an object with an \"entries\" array", *s.load_path));
        return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto& v = (*list)[i];
        if (!v.is_string() || v.get_ref<const std::string&>().empty()) {
            diags_.error(s.load_location,
                         fmt::format("`{}`: entry {} is not a non-empty text", *s.load_path, i));
            return;
        }
        set.entries.insert(v.get<std::string>());
    }
}

void Checker::load_sets() {
    for (std::size_t mi = 0; mi < modules_.size(); ++mi) {
        ModuleScope& m = modules_[mi];
        for (std::size_t i = 0; i < m.ast.sets.size(); ++i) {
            const SetDecl& s = m.ast.sets[i];
            NamedSet set;
            set.name = m.ast.name + "." + s.name;
            set.location = s.name_location;
            set.doc = s.doc;
            if (s.load_path) {
                load_set_file(m, s, set);
            } else {
                for (std::size_t e = 0; e < s.entries.size(); ++e) {
                    if (s.entries[e].empty())
                        diags_.error(s.entry_locations[e], "a set entry cannot be empty");
                    else if (!set.entries.insert(s.entries[e]).second)
                        diags_.warning(s.entry_locations[e],
                                       fmt::format("`{}` is listed twice in set `{}`", s.entries[e], s.name));
                }
            }
            m.set_index[i] = add_set(std::move(set));
        }
    }
}

// ---------------------------------------------------------------------------
// expressions

int Checker::add_node(Node n) {
    p_.nodes.push_back(std::move(n));
    return static_cast<int>(p_.nodes.size() - 1);
}

int Checker::error_node(const Expr& e) {
    Node n{Op::boolean, {StaticType::any, -1}};
    n.location = e.location;
    n.source = print(e);
    return add_node(std::move(n));
}

std::vector<std::string> Checker::names_in_scope(const Scope& scope) const {
    std::vector<std::string> names;
    for (const auto& l : scope.locals) names.push_back(l.name);
    const ModuleScope& m = modules_[static_cast<std::size_t>(scope.module)];
    for (const auto& [name, s] : m.symbols)
        if (s.kind == Symbol::set || s.kind == Symbol::def) names.push_back(name);
    for (const auto& [alias, _] : m.aliases) names.push_back(alias);
    if (scope.module == open_module_)
        for (const auto& other : modules_)
            for (const auto& [name, s] : other.symbols)
                if (s.kind == Symbol::set || s.kind == Symbol::def) names.push_back(name);
    names.push_back("case");
    return names;
}

int Checker::def_instance(int module, const Def& d, const std::vector<int>& args, Location at) {
    ModuleScope& m = modules_[static_cast<std::size_t>(module)];
    std::string id = m.ast.name + "." + d.name;
    used_.insert({module, d.name});
    if (args.size() != d.params.size()) {
        diags_.error(at, fmt::format("`{}` takes {} argument{}, not {}", d.name, d.params.size(),
                                     d.params.size() == 1 ? "" : "s", args.size()));
        return -1;
    }
    std::string key = id + "(";
    for (int a : args) key += fmt::format("{}:{},", static_cast<int>(p_.node(a).type.kind), p_.node(a).type.schema);
    key += ")";
    // The circle check comes first: a definition being resolved already has its instance.
    if (std::find(resolving_.begin(), resolving_.end(), id) != resolving_.end()) {
        std::string chain;
        for (auto it = std::find(resolving_.begin(), resolving_.end(), id); it != resolving_.end(); ++it)
            chain += *it + " -> ";
        diags_.error(d.name_location, fmt::format("definition `{}` depends on itself: {}{}", d.name, chain, id),
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
    p_.defs[static_cast<std::size_t>(index)].frame_size = std::max(p_.defs[static_cast<std::size_t>(index)].frame_size, scope.next_slot);
    resolving_.pop_back();
    return index;
}

// `alias.member`: a set or a definition without parameters of an imported module.
int Checker::resolve_member(int module, const std::string& member, const Expr& e, Scope& scope) {
    ModuleScope& m = modules_[static_cast<std::size_t>(module)];
    auto it = m.symbols.find(member);
    if (it == m.symbols.end() || it->second.kind == Symbol::rule || it->second.kind == Symbol::table) {
        std::vector<std::string> names;
        for (const auto& [name, s] : m.symbols)
            if (s.kind == Symbol::set || s.kind == Symbol::def) names.push_back(name);
        const char* what = it == m.symbols.end() ? "has no set or definition" : "names a rule, not a set or definition,";
        diags_.error(e.kind == ExprKind::field ? e.name_location : e.location,
                     fmt::format("module `{}` {} `{}`", m.ast.name, what, member), did_you_mean(member, names));
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
    const Def& d = m.ast.defs[it->second.index];
    if (!d.params.empty()) {
        diags_.error(e.location, fmt::format("`{}` needs {} argument{}", member, d.params.size(), d.params.size() == 1 ? "" : "s"),
                     fmt::format("call it as `{}({})`", print(e), d.params.front().name));
        return error_node(e);
    }
    n.op = Op::call;
    n.def = def_instance(module, d, {}, e.location);
    if (n.def < 0) return error_node(e); // reported already; no follow-on type errors
    n.text = m.ast.name + "." + member;
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
    ModuleScope& m = modules_[static_cast<std::size_t>(scope.module)];
    if (auto it = m.symbols.find(e.text); it != m.symbols.end() &&
                                           (it->second.kind == Symbol::set || it->second.kind == Symbol::def))
        return resolve_member(scope.module, e.text, e, scope);
    if (m.aliases.count(e.text)) {
        diags_.error(e.location, fmt::format("`{}` is a module, not a value", e.text),
                     fmt::format("name one of its sets or definitions, as in `{}.NAME`", e.text));
        return error_node(e);
    }
    if (scope.module == open_module_) {
        int owner = owner_of(e.text, false, e.location);
        if (owner >= 0) return resolve_member(owner, e.text, e, scope);
        if (owner == -2) return error_node(e);
    }
    diags_.error(e.location, fmt::format("unknown name `{}`", e.text), did_you_mean(e.text, names_in_scope(scope)));
    return error_node(e);
}

int Checker::resolve_field(const Expr& e, Scope& scope) {
    const Expr& base = *e.kids[0];
    bool is_local = base.kind == ExprKind::name &&
                    std::any_of(scope.locals.begin(), scope.locals.end(), [&](const Local& l) { return l.name == base.text; });
    ModuleScope& m = modules_[static_cast<std::size_t>(scope.module)];
    if (base.kind == ExprKind::name && !is_local && !m.symbols.count(base.text)) {
        if (auto a = m.aliases.find(base.text); a != m.aliases.end())
            return resolve_member(a->second, e.text, e, scope);
    }
    int b = resolve(base, scope);
    StaticType bt = p_.node(b).type;
    Node n{Op::field, {}};
    n.location = e.location;
    n.source = print(e);
    n.text = e.text;
    n.kids = {b};
    if (bt.kind == StaticType::any) return add_node(std::move(n)); // an unchecked parameter; never run
    if (bt.kind != StaticType::record) {
        diags_.error(e.name_location, fmt::format("`{}` is {}, which has no field `{}`", print(base), type_words(bt), e.text),
                     bt.kind == StaticType::list ? fmt::format("go through the list, as in `any x in {}: x.{}`", print(base), e.text)
                                           : std::string{});
        return error_node(e);
    }
    const SchemaNode& rec = p_.schema[static_cast<std::size_t>(bt.schema)];
    n.slot = rec.field_index(e.text);
    if (n.slot < 0) {
        std::vector<std::string> names;
        for (const auto& f : rec.fields) names.push_back(f.name);
        diags_.error(e.name_location, fmt::format("the case schema has no field `{}` in `{}`", e.text, print(base)),
                     did_you_mean(e.text, names));
        return error_node(e);
    }
    n.type = type_of(rec.fields[static_cast<std::size_t>(n.slot)].type);
    return add_node(std::move(n));
}

int Checker::resolve_call(const Expr& e, Scope& scope) {
    std::vector<int> args;
    for (const auto& k : e.kids) args.push_back(resolve(*k, scope));
    int module = scope.module;
    std::string name = e.text;
    if (auto dot = name.find('.'); dot != std::string::npos) {
        auto& aliases = modules_[static_cast<std::size_t>(scope.module)].aliases;
        auto a = aliases.find(name.substr(0, dot));
        if (a == aliases.end()) {
            std::vector<std::string> names;
            for (const auto& [alias, _] : aliases) names.push_back(alias);
            diags_.error(e.name_location, fmt::format("unknown module `{}`", name.substr(0, dot)),
                         did_you_mean(name.substr(0, dot), names));
            return error_node(e);
        }
        module = a->second;
        name = name.substr(dot + 1);
    } else if (module == open_module_) {
        int owner = owner_of(name, true, e.location);
        if (owner == -2) return error_node(e);
        if (owner >= 0) module = owner;
    }
    ModuleScope& m = modules_[static_cast<std::size_t>(module)];
    auto it = m.symbols.find(name);
    if (it == m.symbols.end() || it->second.kind != Symbol::def) {
        std::vector<std::string> names;
        for (const auto& [n, s] : m.symbols)
            if (s.kind == Symbol::def) names.push_back(n);
        diags_.error(e.location, fmt::format("unknown definition `{}`", e.text), did_you_mean(name, names));
        return error_node(e);
    }
    for (int a : args)
        if (a < 0) return error_node(e);
    Node n{Op::call, {}};
    n.location = e.location;
    n.source = print(e);
    n.text = m.ast.name + "." + name;
    n.kids = args;
    n.def = def_instance(module, m.ast.defs[it->second.index], args, e.location);
    if (n.def < 0) return error_node(e);
    int root = p_.defs[static_cast<std::size_t>(n.def)].root;
    n.type = root >= 0 ? p_.node(root).type : StaticType{};
    return add_node(std::move(n));
}

// A text literal compared with an enum or country field must be one of its values.
void Checker::check_literal_against(int literal, int other) {
    const Node& lit = p_.node(literal);
    const Node& o = p_.node(other);
    if (lit.op != Op::string || o.type.kind != StaticType::string || o.type.schema < 0) return;
    const SchemaNode& s = p_.schema[static_cast<std::size_t>(o.type.schema)];
    if (s.kind == TypeKind::enum_ &&
        std::find(s.enum_values.begin(), s.enum_values.end(), lit.text) == s.enum_values.end()) {
        std::string help = did_you_mean(lit.text, s.enum_values);
        if (help.empty()) help = fmt::format("`{}` is one of: {}", o.source, fmt::join(s.enum_values, ", "));
        diags_.error(lit.location, fmt::format("`{}` can never be \"{}\"", o.source, lit.text), help);
    }
    if (s.kind == TypeKind::country && !is_country_code(lit.text))
        diags_.error(lit.location, fmt::format("\"{}\" is not an ISO 3166-1 alpha-2 country code", lit.text));
}

int Checker::resolve_compare(const Expr& e, Scope& scope) {
    int l = resolve(*e.kids[0], scope);
    int r = resolve(*e.kids[1], scope);
    StaticType lt = p_.node(l).type, rt = p_.node(r).type;
    Node n{Op::eq, {StaticType::boolean, -1}};
    n.location = e.location;
    n.source = print(e);
    n.kids = {l, r};
    auto fail = [&](std::string message, std::string help = {}) {
        diags_.error(e.name_location, std::move(message), std::move(help));
        return error_node(e);
    };
    bool any = lt.kind == StaticType::any || rt.kind == StaticType::any;
    switch (e.op) {
    case CompareOp::eq:
    case CompareOp::ne:
        n.op = e.op == CompareOp::eq ? Op::eq : Op::ne;
        if (!any && lt.kind != rt.kind)
            return fail(fmt::format("cannot compare {} (`{}`) with {} (`{}`)", type_words(lt), print(*e.kids[0]),
                                    type_words(rt), print(*e.kids[1])));
        if (lt.kind == StaticType::list || lt.kind == StaticType::record || lt.kind == StaticType::set)
            return fail(fmt::format("`{}` cannot compare {}", to_string(e.op), type_words(lt)),
                        "compare one of its fields, or use `in` for a set");
        check_literal_against(l, r);
        check_literal_against(r, l);
        break;
    case CompareOp::lt:
    case CompareOp::le:
    case CompareOp::gt:
    case CompareOp::ge: {
        static const Op ops[] = {Op::lt, Op::le, Op::gt, Op::ge};
        n.op = ops[static_cast<int>(e.op) - static_cast<int>(CompareOp::lt)];
        if (!any && lt.kind != rt.kind)
            return fail(fmt::format("cannot compare {} (`{}`) with {} (`{}`)", type_words(lt), print(*e.kids[0]),
                                    type_words(rt), print(*e.kids[1])));
        StaticType t = lt.kind == StaticType::any ? rt : lt;
        if (t.kind != StaticType::any && t.kind != StaticType::number && t.kind != StaticType::date)
            return fail(fmt::format("`{}` orders numbers and dates, not {}", to_string(e.op), type_words(t)));
        break;
    }
    case CompareOp::in:
    case CompareOp::not_in:
        n.negate = e.op == CompareOp::not_in;
        if (lt.kind != StaticType::any && lt.kind != StaticType::string)
            return fail(fmt::format("`in` looks up a text, but `{}` is {}", print(*e.kids[0]), type_words(lt)));
        if (rt.kind == StaticType::set) {
            n.op = Op::in_set;
            n.set = p_.node(r).set;
            if (p_.node(r).op != Op::set) // a definition that names a set
                return fail("`in` needs a set or a list on its right");
        } else if (rt.kind == StaticType::list || rt.kind == StaticType::any) {
            n.op = Op::in_list;
            // A text is never found in a list of records or numbers.
            if (rt.kind == StaticType::list && rt.schema >= 0 && type_of(rt.schema).kind != StaticType::string) {
                StaticType::Kind k = type_of(rt.schema).kind;
                const char* held = k == StaticType::record ? "records"
                                   : k == StaticType::number ? "numbers"
                                   : k == StaticType::date   ? "dates"
                                                             : "values that are not texts";
                return fail(fmt::format("`in` looks up a text in a list of texts, but `{}` holds {}",
                                        print(*e.kids[1]), held),
                            "go through the list, as in `any x in LIST: ...`");
            }
        } else {
            return fail(fmt::format("`in` needs a set or a list on its right, but `{}` is {}", print(*e.kids[1]), type_words(rt)));
        }
        break;
    case CompareOp::under:
        if (lt.kind != StaticType::any && lt.kind != StaticType::string)
            return fail(fmt::format("`under` compares codes, but `{}` is {}", print(*e.kids[0]), type_words(lt)),
                        "codes are texts such as \"3B001.f\" or \"85423190\"");
        if (rt.kind == StaticType::set && p_.node(r).op == Op::set) {
            n.op = Op::under_set;
            n.set = p_.node(r).set;
        } else if (rt.kind == StaticType::string || rt.kind == StaticType::any) {
            n.op = Op::under_code;
        } else {
            return fail(fmt::format("`under` needs a code or a set of codes on its right, but `{}` is {}",
                                    print(*e.kids[1]), type_words(rt)));
        }
        break;
    }
    return add_node(std::move(n));
}

int Checker::resolve_quantifier(const Expr& e, Scope& scope) {
    int list = resolve(*e.kids[0], scope);
    StaticType lt = p_.node(list).type;
    StaticType element{};
    if (lt.kind == StaticType::list) element = type_of(lt.schema);
    else if (lt.kind != StaticType::any) {
        diags_.error(e.kids[0]->location,
                     fmt::format("`{}` goes through a list, but `{}` is {}", to_string(e.quantifier), print(*e.kids[0]),
                                 type_words(lt)));
        return error_node(e);
    }
    static const Op ops[] = {Op::any, Op::all, Op::none, Op::count};
    Node n{ops[static_cast<int>(e.quantifier)], {e.quantifier == Quantifier::count ? StaticType::number : StaticType::boolean, -1}};
    n.location = e.location;
    n.source = print(e);
    n.text = e.text;
    n.slot = scope.next_slot++;
    *scope.frame_size = std::max(*scope.frame_size, scope.next_slot);
    Local local{e.text, n.slot, element};
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
    diags_.error(n.location, fmt::format("`{}` needs a condition, but `{}` is {}", where, n.source, type_words(n.type)));
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
        for (const auto& s : e.strings) set.entries.insert(s);
        n.op = Op::set, n.type = {StaticType::set, -1}, n.set = add_set(std::move(set));
        break;
    }
    case ExprKind::name: return resolve_name(e, scope);
    case ExprKind::case_root:
        if (!p_.has_schema) {
            diags_.error(e.location, "`case` is used, but no module declares `schema case { ... }`",
                         "import the standard rules, or declare the case's fields");
            return error_node(e);
        }
        n.op = Op::case_root, n.type = {StaticType::record, 0};
        break;
    case ExprKind::field: return resolve_field(e, scope);
    case ExprKind::call: return resolve_call(e, scope);
    case ExprKind::known:
        n.op = Op::known, n.type = {StaticType::boolean, -1}, n.kids = {resolve(*e.kids[0], scope)};
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
        break;
    case ExprKind::compare: return resolve_compare(e, scope);
    case ExprKind::quantifier: return resolve_quantifier(e, scope);
    }
    n.source = print(e);
    return add_node(std::move(n));
}

// ---------------------------------------------------------------------------
// rules and tables

// The `any` quantifiers whose witness a message can name: those reached from
// the top of the condition through `and` and the bodies of other such `any`.
void collect_witnesses(const Expr& e, std::set<const Expr*>& out) {
    if (e.kind == ExprKind::and_)
        for (const auto& k : e.kids) collect_witnesses(*k, out);
    if (e.kind == ExprKind::quantifier && e.quantifier == Quantifier::any) {
        out.insert(&e);
        collect_witnesses(*e.kids[1], out);
    }
}

std::vector<MessagePart> Checker::message(const std::optional<Message>& m, Scope& scope) {
    std::vector<MessagePart> parts;
    if (!m) return parts;
    for (const auto& part : m->parts) {
        if (!part.expr) {
            parts.push_back({part.text, -1});
            continue;
        }
        int node = resolve(*part.expr, scope);
        StaticType t = p_.node(node).type;
        if (t.kind == StaticType::list || t.kind == StaticType::record || t.kind == StaticType::set)
            diags_.error(part.expr->location, fmt::format("`{}` is {} and cannot be shown in a message", print(*part.expr), type_words(t)),
                         "show one of its fields");
        parts.push_back({{}, node});
    }
    return parts;
}

bool Checker::check_common(const Common& c, const std::string& what, const std::string& name, Location where,
                           bool needs_goal) {
    bool ok = true;
    if (!c.basis) {
        diags_.error(where, fmt::format("{} `{}` has no legal basis", what, name),
                     "add a line such as `basis \"Reg. (EU) 833/2014 Art. 2\"`");
        ok = false;
    } else if (c.basis->find_first_not_of(" \t") == std::string::npos) {
        diags_.error(c.basis_location, fmt::format("the basis of {} `{}` is empty", what, name));
        ok = false;
    }
    if (needs_goal && !c.goal && c.goal_location.line == 0) {
        diags_.error(where, fmt::format("{} `{}` has no goal", what, name),
                     "add `goal G` with G one of end_use, strategic_dependency, tech_leadership, sanctions, control_list");
        ok = false;
    }
    if (c.from && c.until && c.from->date > c.until->date)
        diags_.error(c.until->location,
                     fmt::format("{} `{}` is never in effect: it ends on {} before it starts on {}", what, name,
                                 format_date(c.until->date), format_date(c.from->date)));
    return ok;
}

void Checker::build_rule(int module, const Rule& r) {
    ModuleScope& m = modules_[static_cast<std::size_t>(module)];
    RuleInfo info;
    info.id = m.ast.name + "." + r.name;
    info.module = m.ast.name;
    info.doc = r.doc;
    info.location = r.location; // where the rule starts, as decisions cite it (file:line:1)
    check_common(r.common, "rule", r.name, r.name_location, !r.exception_to);
    info.goal = r.common.goal.value_or(Goal::end_use);
    info.basis = r.common.basis.value_or("");
    if (r.common.from) info.from = r.common.from->date;
    if (r.common.until) info.until = r.common.until->date;
    info.review = r.common.review;
    if (!r.when)
        diags_.error(r.name_location, fmt::format("rule `{}` has no condition", r.name), "add a line `when CONDITION`");
    if (!r.verdict && r.obligations.empty())
        diags_.error(r.name_location, fmt::format("rule `{}` concludes nothing", r.name),
                     "add `then VERDICT \"message\"` or `oblige NAME \"message\"`");
    info.verdict = r.verdict;
    std::set<const Expr*> witnesses;
    std::vector<Local> witness_locals;
    Scope scope{module, {}, &info.frame_size};
    if (r.when) {
        collect_witnesses(*r.when, witnesses);
        scope.witnesses = &witnesses;
        scope.witness_locals = &witness_locals;
        info.when = resolve(*r.when, scope);
        check_condition(info.when, "when");
    }
    Scope message_scope{module, witness_locals, &info.frame_size, scope.next_slot};
    info.message = message(r.message, message_scope);
    for (const auto& o : r.obligations)
        info.obligations.push_back({o.name, message(o.message, message_scope), o.location});
    info.frame_size = std::max(info.frame_size, message_scope.next_slot);
    int index = static_cast<int>(p_.rules.size());
    rule_by_name_[{module, r.name}] = index;
    if (r.exception_to) exception_links_.push_back({index, &r});
    p_.rules.push_back(std::move(info));
}

void Checker::build_table(int module, const Table& t) {
    ModuleScope& m = modules_[static_cast<std::size_t>(module)];
    check_common(t.common, "table", t.name, t.name_location, true);
    TableInfo table;
    table.id = m.ast.name + "." + t.name;
    table.hit = t.hit;
    int frame = 0;
    Scope scope{module, {}, &frame};
    std::vector<int> columns;
    for (const auto& c : t.columns) columns.push_back(resolve(*c, scope));
    int table_index = static_cast<int>(p_.tables.size());
    for (std::size_t ri = 0; ri < t.rows.size(); ++ri) {
        const Row& row = t.rows[ri];
        if (row.cells.size() != columns.size()) {
            diags_.error(row.location, fmt::format("this row has {} cells, but the table has {} columns",
                                                   row.cells.size(), columns.size()));
            continue;
        }
        Node all{Op::and_, {StaticType::boolean, -1}};
        all.location = row.location;
        std::vector<std::string> words;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const Cell& cell = row.cells[c];
            if (cell.kind == Cell::Kind::any) continue;
            // The column's node is shared by every row: it is resolved once.
            int value = resolve(*cell.value, scope);
            Node cmp{Op::eq, {StaticType::boolean, -1}};
            cmp.location = cell.location;
            bool is_bool = p_.node(columns[c]).type.kind == StaticType::boolean && p_.node(value).op == Op::boolean &&
                           cell.op == CompareOp::eq;
            if (is_bool) {
                cmp = p_.node(value).boolean ? p_.node(columns[c]) : Node{Op::not_, {StaticType::boolean, -1}};
                if (!p_.node(value).boolean) {
                    cmp.kids = {columns[c]};
                    cmp.location = cell.location;
                    cmp.source = "not " + p_.node(columns[c]).source;
                    all.kids.push_back(add_node(std::move(cmp)));
                } else {
                    all.kids.push_back(columns[c]);
                }
                words.push_back(p_.node(all.kids.back()).source);
                continue;
            }
            StaticType lt = p_.node(columns[c]).type, rt = p_.node(value).type;
            cmp.kids = {columns[c], value};
            cmp.source = fmt::format("{} {} {}", p_.node(columns[c]).source, to_string(cell.op), p_.node(value).source);
            switch (cell.op) {
            case CompareOp::eq: cmp.op = Op::eq; break;
            case CompareOp::ne: cmp.op = Op::ne; break;
            case CompareOp::lt: cmp.op = Op::lt; break;
            case CompareOp::le: cmp.op = Op::le; break;
            case CompareOp::gt: cmp.op = Op::gt; break;
            case CompareOp::ge: cmp.op = Op::ge; break;
            case CompareOp::in:
            case CompareOp::not_in:
                cmp.negate = cell.op == CompareOp::not_in;
                if (rt.kind == StaticType::set) cmp.op = Op::in_set, cmp.set = p_.node(value).set;
                else cmp.op = Op::in_list;
                break;
            case CompareOp::under:
                if (rt.kind == StaticType::set) cmp.op = Op::under_set, cmp.set = p_.node(value).set;
                else cmp.op = Op::under_code;
                break;
            }
            bool ordered = cmp.op == Op::lt || cmp.op == Op::le || cmp.op == Op::gt || cmp.op == Op::ge;
            if ((cmp.op == Op::eq || cmp.op == Op::ne || ordered) && lt.kind != StaticType::any && rt.kind != StaticType::any &&
                lt.kind != rt.kind)
                diags_.error(cell.location, fmt::format("this cell is {}, but the column `{}` is {}", type_words(rt),
                                                        p_.node(columns[c]).source, type_words(lt)));
            // As in `when`: a cell can never be a value its enum or country column cannot take.
            if (cmp.op == Op::eq || cmp.op == Op::ne) check_literal_against(value, columns[c]);
            words.push_back(cmp.source);
            all.kids.push_back(add_node(std::move(cmp)));
        }
        all.source = words.empty() ? "true (every cell is `-`)" : fmt::format("{}", fmt::join(words, " and "));
        if (all.kids.empty()) all = Node{Op::boolean, {StaticType::boolean, -1}}, all.boolean = true, all.source = "true";
        all.location = row.location;
        RuleInfo info;
        info.id = fmt::format("{}#{}", table.id, ri + 1);
        info.module = m.ast.name;
        info.doc = t.doc;
        info.location = row.location;
        info.goal = t.common.goal.value_or(Goal::end_use);
        info.basis = t.common.basis.value_or("");
        if (t.common.from) info.from = t.common.from->date;
        if (t.common.until) info.until = t.common.until->date;
        info.review = t.common.review;
        // A row with one condition is that condition: no `and` of one part in its explanation.
        bool single = all.op == Op::and_ && all.kids.size() == 1;
        info.when = single ? all.kids[0] : add_node(std::move(all));
        info.verdict = row.verdict;
        Scope message_scope{module, {}, &frame, scope.next_slot};
        info.message = message(row.message, message_scope);
        info.table = table_index;
        info.row = static_cast<int>(ri + 1);
        table.rows.push_back(static_cast<int>(p_.rules.size()));
        p_.rules.push_back(std::move(info));
    }
    for (int r : table.rows) p_.rules[static_cast<std::size_t>(r)].frame_size = std::max(frame, scope.next_slot);
    p_.tables.push_back(std::move(table));
}

void Checker::build_rules() {
    for (std::size_t mi = 0; mi < modules_.size(); ++mi) {
        const Module& mod = modules_[mi].ast;
        for (const auto& d : mod.order) {
            if (d.kind == Module::DeclKind::rule) build_rule(static_cast<int>(mi), mod.rules[d.index]);
            if (d.kind == Module::DeclKind::table) build_table(static_cast<int>(mi), mod.tables[d.index]);
        }
        // Definitions nobody calls are still checked, with parameters of unknown type.
        for (const auto& d : mod.defs) {
            std::string id = mod.name + "." + d.name;
            bool done = std::any_of(instances_.begin(), instances_.end(),
                                    [&](const auto& kv) { return kv.first.rfind(id + "(", 0) == 0; });
            if (done) continue;
            std::vector<int> args;
            for (std::size_t i = 0; i < d.params.size(); ++i) args.push_back(add_node(Node{Op::boolean, {}}));
            bool was_used = used_.count({static_cast<int>(mi), d.name}) > 0;
            def_instance(static_cast<int>(mi), d, args, d.name_location);
            if (!was_used) used_.erase({static_cast<int>(mi), d.name});
        }
    }
}

void Checker::link_exceptions() {
    for (auto [index, rule] : exception_links_) {
        RuleInfo& r = p_.rules[static_cast<std::size_t>(index)];
        std::string target = *rule->exception_to;
        int module = module_by_name_[r.module];
        std::string name = target;
        if (auto dot = target.rfind('.'); dot != std::string::npos) {
            std::string prefix = target.substr(0, dot);
            name = target.substr(dot + 1);
            auto& aliases = modules_[static_cast<std::size_t>(module)].aliases;
            if (auto a = aliases.find(prefix); a != aliases.end()) module = a->second;
            else if (auto f = module_by_name_.find(prefix); f != module_by_name_.end()) module = f->second;
            else {
                diags_.error(rule->exception_location, fmt::format("unknown module `{}` in `exception to {}`", prefix, target));
                continue;
            }
        }
        auto it = rule_by_name_.find({module, name});
        if (it == rule_by_name_.end()) {
            std::vector<std::string> names;
            for (const auto& [key, _] : rule_by_name_)
                if (key.first == module) names.push_back(key.second);
            diags_.error(rule->exception_location, fmt::format("`exception to` names an unknown rule `{}`", target),
                         did_you_mean(name, names));
            continue;
        }
        if (it->second == index) {
            diags_.error(rule->exception_location, fmt::format("rule `{}` cannot be an exception to itself", rule->name));
            continue;
        }
        r.exception_to = it->second;
        p_.rules[static_cast<std::size_t>(it->second)].exceptions.push_back(index);
    }
    // Cycles among exceptions, and goals inherited along the chain.
    for (std::size_t i = 0; i < p_.rules.size(); ++i) {
        std::vector<int> chain{static_cast<int>(i)};
        int at = p_.rules[i].exception_to;
        bool cycle = false;
        while (at >= 0) {
            if (std::find(chain.begin(), chain.end(), at) != chain.end()) {
                cycle = true;
                break;
            }
            chain.push_back(at);
            at = p_.rules[static_cast<std::size_t>(at)].exception_to;
        }
        if (cycle) {
            std::vector<std::string> ids;
            for (int c : chain) ids.push_back(p_.rules[static_cast<std::size_t>(c)].id);
            if (std::min_element(chain.begin(), chain.end()) == chain.begin() || chain.front() == *std::min_element(chain.begin(), chain.end()))
                diags_.error(p_.rules[i].location, fmt::format("exceptions form a circle: {} -> {}", fmt::join(ids, " -> "), ids.front()));
            p_.rules[i].exception_to = -1;
            continue;
        }
    }
    for (auto [index, rule] : exception_links_) {
        if (rule->common.goal) continue;
        int at = p_.rules[static_cast<std::size_t>(index)].exception_to;
        for (int guard = 0; at >= 0 && guard < 1000; ++guard) {
            const Rule* base = nullptr;
            for (auto [i, r] : exception_links_)
                if (i == at) base = r;
            if (!base || base->common.goal) break;
            at = p_.rules[static_cast<std::size_t>(at)].exception_to;
        }
        if (at >= 0) p_.rules[static_cast<std::size_t>(index)].goal = p_.rules[static_cast<std::size_t>(at)].goal;
    }
}

// Rules sorted by id make every list in a decision deterministic.
void Checker::sort_rules() {
    std::vector<int> order(p_.rules.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        const RuleInfo& ra = p_.rules[static_cast<std::size_t>(a)];
        const RuleInfo& rb = p_.rules[static_cast<std::size_t>(b)];
        if (ra.table >= 0 && ra.table == rb.table) return ra.row < rb.row;
        return ra.id < rb.id;
    });
    std::vector<int> new_index(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) new_index[static_cast<std::size_t>(order[i])] = static_cast<int>(i);
    std::vector<RuleInfo> sorted;
    for (int o : order) sorted.push_back(std::move(p_.rules[static_cast<std::size_t>(o)]));
    auto remap = [&](int& i) { if (i >= 0) i = new_index[static_cast<std::size_t>(i)]; };
    for (auto& r : sorted) {
        remap(r.exception_to);
        for (int& e : r.exceptions) remap(e);
        std::sort(r.exceptions.begin(), r.exceptions.end());
    }
    for (auto& t : p_.tables)
        for (int& r : t.rows) remap(r);
    p_.rules = std::move(sorted);
    for (const auto& m : modules_) {
        ModuleInfo info{m.ast.name, m.ast.doc, m.ast.source, {}};
        for (std::size_t i = 0; i < p_.rules.size(); ++i)
            if (p_.rules[i].module == m.ast.name) info.rules.push_back(static_cast<int>(i));
        p_.modules.push_back(std::move(info));
    }
}

void Checker::warn_unused() {
    for (std::size_t mi = 0; mi < modules_.size(); ++mi) {
        const Module& mod = modules_[mi].ast;
        for (const auto& s : mod.sets)
            if (!used_.count({static_cast<int>(mi), s.name}))
                diags_.warning(s.name_location, fmt::format("set `{}` is never used", s.name),
                               "use it in a rule or definition, or remove it");
        for (const auto& d : mod.defs)
            if (!used_.count({static_cast<int>(mi), d.name}))
                diags_.warning(d.name_location, fmt::format("definition `{}` is never used", d.name),
                               "use it in a rule or definition, or remove it");
    }
}

void Checker::run(std::vector<Module> modules) {
    index_modules(std::move(modules));
    resolve_imports();
    build_schema();
    load_sets();
    build_rules();
    link_exceptions();
    sort_rules();
    warn_unused();
}

// ---------------------------------------------------------------------------
// the REPL's open scope

// Every module is imported under its last name segment (unless two share
// it), and a set or definition may go without its module when only one
// module has it.
void Checker::open_scope(std::vector<Module> modules) {
    index_modules(std::move(modules));
    resolve_imports();
    std::map<std::string, int> set_by_name;
    for (std::size_t i = 0; i < p_.sets.size(); ++i) set_by_name.emplace(p_.sets[i].name, static_cast<int>(i));
    for (auto& m : modules_)
        for (std::size_t i = 0; i < m.ast.sets.size(); ++i)
            if (auto it = set_by_name.find(m.ast.name + "." + m.ast.sets[i].name); it != set_by_name.end())
                m.set_index[i] = it->second;
    ModuleScope open;
    open.ast.name = "<input>";
    std::set<std::string> shared;
    for (const auto& [name, index] : module_by_name_) {
        std::string alias = name.substr(name.rfind('.') + 1);
        if (!open.aliases.emplace(alias, index).second) shared.insert(alias);
    }
    for (const auto& alias : shared) open.aliases.erase(alias);
    open_module_ = static_cast<int>(modules_.size());
    modules_.push_back(std::move(open));
}

// The one module with a set (or definition) called `name`: -1 when none
// has it, -2 (reported) when several do.
int Checker::owner_of(const std::string& name, bool def_only, Location at) {
    std::vector<int> owners;
    for (const auto& [module, index] : module_by_name_) {
        const auto& symbols = modules_[static_cast<std::size_t>(index)].symbols;
        auto it = symbols.find(name);
        if (it != symbols.end() && (it->second.kind == Symbol::def || (!def_only && it->second.kind == Symbol::set)))
            owners.push_back(index);
    }
    if (owners.size() == 1) return owners.front();
    if (owners.empty()) return -1;
    std::vector<std::string> names;
    for (int o : owners) {
        const std::string& module = modules_[static_cast<std::size_t>(o)].ast.name;
        names.push_back(fmt::format("`{}.{}`", module.substr(module.rfind('.') + 1), name));
    }
    diags_.error(at, fmt::format("`{}` is declared in several modules", name),
                 fmt::format("name the one you mean: {}", fmt::join(names, ", ")));
    return -2;
}

int Checker::resolve_typed(const Expr& e, int& frame_size) {
    auto instances = instances_;
    std::size_t errors = diags_.error_count();
    Scope scope{open_module_, {}, &frame_size};
    int node = resolve(e, scope);
    frame_size = std::max(frame_size, scope.next_slot);
    // Definitions resolved with errors are not kept for the next expression.
    if (diags_.error_count() > errors) {
        instances_ = std::move(instances);
        return -1;
    }
    return node;
}

} // namespace

std::shared_ptr<const Program> compile(std::vector<std::unique_ptr<Source>> sources, const DataReader& read_data,
                                       Diagnostics& diags) {
    auto program = std::make_shared<Program>();
    std::vector<Module> modules;
    for (const auto& s : sources) modules.push_back(parse_module(*s, diags));
    auto fail = [&] {
        for (auto& s : sources) diags.keep(std::shared_ptr<const Source>(std::move(s)));
        diags.sort();
        return nullptr;
    };
    if (diags.has_errors()) return fail();
    std::vector<std::string> texts;
    for (const auto& s : sources) texts.push_back(s->text);
    // Data files shape decisions as much as rules do, so they are in the fingerprint too.
    DataReader recording = [&](const Source& from, const std::string& path, std::string& error) {
        auto text = read_data(from, path, error);
        if (text) texts.push_back(*text);
        return text;
    };
    Checker(*program, recording, diags).run(std::move(modules));
    program->fingerprint = fingerprint(std::move(texts));
    if (diags.has_errors()) {
        // The nodes point into the sources; drop them before the sources move.
        program.reset();
        return fail();
    }
    program->sources = std::move(sources);
    diags.sort();
    return program;
}

struct ExpressionScope::Impl {
    std::shared_ptr<const Program> compiled;
    Program scratch;
    Diagnostics diags;
    DataReader no_data = [](const Source&, const std::string&, std::string& error) -> std::optional<std::string> {
        error = "no data files are read here";
        return std::nullopt;
    };
    std::unique_ptr<Checker> checker;
};

ExpressionScope::ExpressionScope(std::shared_ptr<const Program> program) : impl_(std::make_unique<Impl>()) {
    Impl& i = *impl_;
    i.compiled = std::move(program);
    const Program& p = *i.compiled;
    i.scratch.schema = p.schema;
    i.scratch.has_schema = p.has_schema;
    i.scratch.sets = p.sets;
    i.scratch.nodes = p.nodes;
    i.scratch.defs = p.defs;
    i.scratch.fingerprint = p.fingerprint;
    std::vector<Module> modules;
    Diagnostics ignored; // the program compiled, so its modules parse
    for (const auto& s : p.sources) modules.push_back(parse_module(*s, ignored));
    i.checker = std::make_unique<Checker>(i.scratch, i.no_data, i.diags);
    i.checker->open_scope(std::move(modules));
}

ExpressionScope::~ExpressionScope() = default;

int ExpressionScope::resolve(const ast::Expr& e, Diagnostics& diags, int& frame_size) {
    impl_->diags = Diagnostics{};
    frame_size = 0;
    int node = impl_->checker->resolve_typed(e, frame_size);
    diags.append(impl_->diags);
    return node;
}

const Program& ExpressionScope::program() const { return impl_->scratch; }

} // namespace kader
