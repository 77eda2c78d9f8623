#include "lang/checker.hpp"
#include "lang/file_input.hpp"
#include "lang/json_input.hpp"

#include "lang/checker_internal.hpp"

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

std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string>& candidates) {
    auto distance = [](std::string_view a, std::string_view b) {
        std::vector<std::size_t> row(b.size() + 1);
        for (std::size_t j = 0; j <= b.size(); ++j)
            row[j] = j;
        for (std::size_t i = 1; i <= a.size(); ++i) {
            std::size_t diag = row[0];
            row[0] = i;
            for (std::size_t j = 1; j <= b.size(); ++j) {
                std::size_t next =
                    std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
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

std::optional<std::string> read_data_file(const Source& from, const std::string& path,
                                          std::string& error) {
    namespace fs = std::filesystem;
    fs::path full = fs::path(from.name).parent_path() / path;
    std::string why;
    auto text = read_regular_file(full.string(), max_data_file_bytes, why);
    if (!text) error = fmt::format("cannot read `{}`: it {}", full.string(), why);
    return text;
}

namespace checking {

// ---------------------------------------------------------------------------
// modules, imports, symbols

void Checker::declare(ModuleScope& m, const std::string& name, Symbol s) {
    auto [it, fresh] = m.symbols.emplace(name, s);
    if (!fresh)
        diags_.error(Code::declared_twice, s.location,
                     fmt::format("`{}` is declared twice in module `{}`", name, m.ast.name),
                     "rename one of them, or remove one",
                     {related(it->second.location, "first declared here")});
}

void Checker::index_modules(std::vector<Module> modules) {
    std::sort(modules.begin(), modules.end(),
              [](const Module& a, const Module& b) { return a.name < b.name; });
    for (auto& mod : modules) {
        if (mod.name.empty()) continue;
        auto [it, fresh] = module_by_name_.emplace(mod.name, static_cast<int>(modules_.size()));
        if (!fresh) {
            diags_.error(Code::module_twice, mod.location,
                         fmt::format("module `{}` is declared twice", mod.name),
                         "a module is one file: rename one of them, or merge them",
                         {related(modules_[static_cast<std::size_t>(it->second)].ast.location,
                                  "first declared here")});
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
    for (const auto& [name, _] : module_by_name_)
        names.push_back(name);
    for (auto& m : modules_) {
        for (const auto& imp : m.ast.imports) {
            auto it = module_by_name_.find(imp.module);
            if (it == module_by_name_.end()) {
                diags_.error(Code::unknown_module, imp.location,
                             fmt::format("unknown module `{}`", imp.module),
                             did_you_mean(imp.module, names));
                continue;
            }
            std::string alias = imp.module.substr(imp.module.rfind('.') + 1);
            auto [at, fresh] = m.aliases.emplace(alias, it->second);
            if (!fresh && at->second != it->second)
                diags_.error(Code::import_alias_clash, imp.location,
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
            diags_.error(Code::enum_value_twice, t.location,
                         fmt::format("`{}` is listed twice in the enum", v));
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
                diags_.error(Code::field_twice, f.location,
                             fmt::format("field `{}` is declared twice", f.name));
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
                diags_.warning(
                    Code::unused_schema, s.name_location,
                    fmt::format("schema `{}` is not used: rules read the schema named `case`",
                                s.name));
                continue;
            }
            if (found) {
                diags_.error(Code::case_schema_twice, s.name_location,
                             "the schema `case` is declared twice",
                             "declare the case's fields in one schema",
                             {related(found->name_location, "first declared here")});
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
    case TypeKind::number:
        return {StaticType::number, schema};
    case TypeKind::boolean:
        return {StaticType::boolean, schema};
    case TypeKind::date:
        return {StaticType::date, schema};
    case TypeKind::list:
        return {StaticType::list, n.element};
    case TypeKind::record:
        return {StaticType::record, schema};
    default:
        return {StaticType::string, schema};
    }
}

// ---------------------------------------------------------------------------
// rules and tables

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
            diags_.error(Code::not_showable, part.expr->location,
                         fmt::format("`{}` is {} and cannot be shown in a message",
                                     print(*part.expr), type_words(t)),
                         "show one of its fields");
        parts.push_back({{}, node});
    }
    return parts;
}

bool Checker::check_common(const Common& c, const std::string& what, const std::string& name,
                           Location where, bool needs_goal) {
    bool ok = true;
    if (!c.basis) {
        diags_.error(Code::no_basis, where, fmt::format("{} `{}` has no legal basis", what, name),
                     "add a line such as `basis \"Reg. (EU) 833/2014 Art. 2\"`");
        ok = false;
    } else if (c.basis->find_first_not_of(" \t") == std::string::npos) {
        diags_.error(Code::empty_basis, c.basis_location,
                     fmt::format("the basis of {} `{}` is empty", what, name));
        ok = false;
    }
    if (needs_goal && !c.goal && c.goal_location.line == 0) {
        diags_.error(Code::no_goal, where, fmt::format("{} `{}` has no goal", what, name),
                     "add `goal G` with G one of end_use, strategic_dependency, tech_leadership, "
                     "sanctions, control_list");
        ok = false;
    }
    if (c.from && c.until && c.from->date > c.until->date)
        diags_.error(Code::never_in_effect, c.until->location,
                     fmt::format("{} `{}` is never in effect: it ends on {} before it starts on {}",
                                 what, name, format_date(c.until->date),
                                 format_date(c.from->date)));
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
        diags_.error(Code::no_condition, r.name_location,
                     fmt::format("rule `{}` has no condition", r.name),
                     "add a line `when CONDITION`");
    if (!r.verdict && r.obligations.empty())
        diags_.error(Code::concludes_nothing, r.name_location,
                     fmt::format("rule `{}` concludes nothing", r.name),
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
    Unavailable unavailable;
    if (r.when) unavailable_witnesses(*r.when, witnesses, module, unavailable);
    message_scope.unavailable = &unavailable;
    info.message = message(r.message, message_scope);
    for (const auto& o : r.obligations)
        info.obligations.push_back({o.name, message(o.message, message_scope), o.location});
    info.frame_size = std::max(info.frame_size, message_scope.next_slot);
    int index = static_cast<int>(p_.rules.size());
    rule_by_name_[{module, r.name}] = index;
    if (r.exception_to) exception_links_.push_back({index, &r});
    p_.rules.push_back(std::move(info));
}

void Checker::build_rules() {
    for (std::size_t mi = 0; mi < modules_.size(); ++mi) {
        const Module& mod = modules_[mi].ast;
        for (const auto& d : mod.order) {
            if (d.kind == Module::DeclKind::rule)
                build_rule(static_cast<int>(mi), mod.rules[d.index]);
            if (d.kind == Module::DeclKind::table)
                build_table(static_cast<int>(mi), mod.tables[d.index]);
        }
        // Definitions nobody calls are still checked, with parameters of unknown type.
        for (const auto& d : mod.defs) {
            std::string id = mod.name + "." + d.name;
            bool done = std::any_of(instances_.begin(), instances_.end(), [&](const auto& kv) {
                return kv.first.rfind(id + "(", 0) == 0;
            });
            if (done) continue;
            std::vector<int> args;
            for (std::size_t i = 0; i < d.params.size(); ++i)
                args.push_back(add_node(Node{Op::boolean, {}}));
            bool was_used = used_.count({static_cast<int>(mi), d.name}) > 0;
            def_instance(static_cast<int>(mi), d, args, d.name_location);
            if (!was_used) used_.erase({static_cast<int>(mi), d.name});
        }
    }
}

// Rules sorted by id make every list in a decision deterministic.
void Checker::sort_rules() {
    std::vector<int> order(p_.rules.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        const RuleInfo& ra = p_.rules[static_cast<std::size_t>(a)];
        const RuleInfo& rb = p_.rules[static_cast<std::size_t>(b)];
        if (ra.table >= 0 && ra.table == rb.table) return ra.row < rb.row;
        return ra.id < rb.id;
    });
    std::vector<int> new_index(order.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        new_index[static_cast<std::size_t>(order[i])] = static_cast<int>(i);
    std::vector<RuleInfo> sorted;
    for (int o : order)
        sorted.push_back(std::move(p_.rules[static_cast<std::size_t>(o)]));
    auto remap = [&](int& i) {
        if (i >= 0) i = new_index[static_cast<std::size_t>(i)];
    };
    for (auto& r : sorted) {
        remap(r.exception_to);
        for (int& e : r.exceptions)
            remap(e);
        std::sort(r.exceptions.begin(), r.exceptions.end());
    }
    for (auto& t : p_.tables)
        for (int& r : t.rows)
            remap(r);
    p_.rules = std::move(sorted);
    for (const auto& m : modules_) {
        ModuleInfo info{m.ast.name, m.ast.doc, m.ast.source, {}};
        for (std::size_t i = 0; i < p_.rules.size(); ++i)
            if (p_.rules[i].module == m.ast.name) info.rules.push_back(static_cast<int>(i));
        p_.modules.push_back(std::move(info));
    }
}

// A name the checker could not resolve may be a slip for a set or definition
// of the module: then "never used" would be a second report of one mistake,
// shown before the error that caused it. Those modules get no such warnings.
std::set<std::string> Checker::files_with_unresolved_names() const {
    std::set<std::string> out;
    for (const auto& d : diags_.list())
        if (d.code == Code::unknown_name || d.code == Code::unknown_definition ||
            d.code == Code::no_such_member || d.code == Code::module_not_imported ||
            d.code == Code::ambiguous_name)
            out.insert(d.location.input);
    return out;
}

void Checker::warn_unused() {
    const std::set<std::string> unresolved = files_with_unresolved_names();
    for (std::size_t mi = 0; mi < modules_.size(); ++mi) {
        const Module& mod = modules_[mi].ast;
        if (mod.source && unresolved.count(mod.source->name)) continue;
        for (const auto& s : mod.sets)
            if (!used_.count({static_cast<int>(mi), s.name}))
                diags_.warning(Code::unused_set, s.name_location,
                               fmt::format("set `{}` is never used", s.name),
                               "use it in a rule or definition, or remove it");
        for (const auto& d : mod.defs)
            if (!used_.count({static_cast<int>(mi), d.name}))
                diags_.warning(Code::unused_definition, d.name_location,
                               fmt::format("definition `{}` is never used", d.name),
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
    check_exceptions();
    sort_rules();
    warn_unused();
}

} // namespace checking

using checking::Checker;

std::shared_ptr<const Program> compile(std::vector<std::unique_ptr<Source>> sources,
                                       const DataReader& read_data, Diagnostics& diags) {
    auto program = std::make_shared<Program>();
    std::vector<Module> modules;
    for (const auto& s : sources)
        modules.push_back(parse_module(*s, diags));
    auto fail = [&] {
        diags.sort();
        return nullptr;
    };
    if (diags.has_errors()) return fail();
    std::vector<std::string> texts;
    for (const auto& s : sources)
        texts.push_back(s->text);
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

} // namespace kader
