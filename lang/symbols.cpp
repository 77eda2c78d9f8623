// Symbols: each module's table of names (sets, definitions, rules, tables)
// and imports, kept in the program; the REPL's open scope built from those
// tables; names that are declared twice, imported wrongly or never used.
#include "lang/checker_internal.hpp"

#include <algorithm>

namespace kader {

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

namespace checking {

Help did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
    auto best = closest_name(name, candidates);
    if (!best) return {};
    Help help(fmt::format("did you mean `{}`?", *best));
    help.suggestion = Suggestion{std::string(name), *best};
    return help;
}

namespace {

std::string last_segment(const std::string& module) {
    return module.substr(module.rfind('.') + 1);
}

} // namespace

void Checker::declare(ModuleInfo& m, const std::string& name, Symbol s) {
    auto [it, fresh] = m.symbols.emplace(name, s);
    if (!fresh)
        diags_.error(Code::declared_twice, s.location,
                     fmt::format("`{}` is declared twice in module `{}`", name, m.name),
                     "rename one of them, or remove one",
                     {related(it->second.location, "first declared here")});
}

// Modules sorted by name, each with its symbol table; a module declared
// twice is reported and left out.
void Checker::index_modules(std::vector<Module> modules) {
    std::sort(modules.begin(), modules.end(),
              [](const Module& a, const Module& b) { return a.name < b.name; });
    for (auto& mod : modules) {
        if (mod.name.empty()) continue;
        int index = static_cast<int>(p_.modules.size());
        auto [it, fresh] = module_by_name_.emplace(mod.name, index);
        if (!fresh) {
            diags_.error(Code::module_twice, mod.location,
                         fmt::format("module `{}` is declared twice", mod.name),
                         "a module is one file: rename one of them, or merge them",
                         {related(module_info(it->second).ast->location, "first declared here")});
            continue;
        }
        ModuleInfo m;
        m.name = mod.name;
        m.doc = mod.doc;
        m.source = mod.source;
        auto ast = std::make_shared<const Module>(std::move(mod));
        m.ast = ast;
        for (std::size_t i = 0; i < ast->sets.size(); ++i)
            declare(m, ast->sets[i].name, {Symbol::set, index, i, ast->sets[i].name_location});
        for (std::size_t i = 0; i < ast->defs.size(); ++i)
            declare(m, ast->defs[i].name, {Symbol::def, index, i, ast->defs[i].name_location});
        for (std::size_t i = 0; i < ast->rules.size(); ++i)
            declare(m, ast->rules[i].name, {Symbol::rule, index, i, ast->rules[i].name_location});
        for (std::size_t i = 0; i < ast->tables.size(); ++i)
            declare(m, ast->tables[i].name,
                    {Symbol::table, index, i, ast->tables[i].name_location});
        m.set_index.assign(ast->sets.size(), -1);
        p_.modules.push_back(std::move(m));
    }
}

void Checker::resolve_imports() {
    std::vector<std::string> names;
    for (const auto& [name, _] : module_by_name_)
        names.push_back(name);
    for (auto& m : p_.modules) {
        for (const auto& imp : m.ast->imports) {
            auto it = module_by_name_.find(imp.module);
            if (it == module_by_name_.end()) {
                diags_.error(Code::unknown_module, imp.location,
                             fmt::format("unknown module `{}`", imp.module),
                             did_you_mean(imp.module, names));
                continue;
            }
            auto [at, fresh] = m.imports.emplace(last_segment(imp.module), it->second);
            if (!fresh && at->second != it->second)
                diags_.error(Code::import_alias_clash, imp.location,
                             fmt::format("two imported modules are both called `{}`",
                                         last_segment(imp.module)),
                             "a module is known by the last part of its name; rename one of them");
        }
    }
}

// A checked program's modules, known by name again (for the REPL's checker).
void Checker::index_checked_modules() {
    for (std::size_t i = 0; i < p_.modules.size(); ++i)
        module_by_name_.emplace(p_.modules[i].name, static_cast<int>(i));
}

ModuleInfo open_scope(const std::vector<ModuleInfo>& modules) {
    ModuleInfo open;
    open.name = "<input>";
    std::set<std::string> shared;
    for (std::size_t i = 0; i < modules.size(); ++i)
        if (!open.imports.emplace(last_segment(modules[i].name), static_cast<int>(i)).second)
            shared.insert(last_segment(modules[i].name));
    for (const auto& alias : shared)
        open.imports.erase(alias);
    std::map<std::string, std::vector<const Symbol*>> owners;
    for (const auto& m : modules)
        for (const auto& [name, symbol] : m.symbols)
            if (symbol.kind == Symbol::set || symbol.kind == Symbol::def)
                owners[name].push_back(&symbol);
    for (const auto& [name, symbols] : owners) {
        if (symbols.size() == 1) {
            open.symbols.emplace(name, *symbols.front());
            continue;
        }
        for (const Symbol* s : symbols)
            open.ambiguous[name].push_back(s->module);
    }
    return open;
}

void Checker::report_ambiguous(const std::string& name, const std::vector<int>& owners,
                               Location at) {
    std::vector<std::string> names;
    for (int o : owners)
        names.push_back(fmt::format("`{}.{}`", last_segment(module_info(o).name), name));
    diags_.error(Code::ambiguous_name, at, fmt::format("`{}` is declared in several modules", name),
                 fmt::format("name the one you mean: {}", fmt::join(names, ", ")));
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
    for (std::size_t mi = 0; mi < p_.modules.size(); ++mi) {
        const Module& mod = *p_.modules[mi].ast;
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

} // namespace checking
} // namespace kader
