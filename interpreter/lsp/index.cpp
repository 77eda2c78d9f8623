#include "interpreter/lsp/index.hpp"

#include "lang/checker.hpp"
#include "lang/parser.hpp"

#include <algorithm>

namespace kader::lsp {

namespace {

using ast::Expr;
using ast::ExprKind;
using DeclKind = ast::Module::DeclKind;

std::string last_segment(const std::string& module) {
    return module.substr(module.rfind('.') + 1);
}

// The part of `at` that spells `name` when `at` spells `prefix.name`.
Location after_dot(Location at, std::size_t prefix) {
    at.column += static_cast<std::uint32_t>(prefix + 1);
    at.length = at.length > prefix + 1 ? at.length - static_cast<std::uint32_t>(prefix + 1) : 1;
    return at;
}

Location with_length(Location at, std::size_t length) {
    at.length = static_cast<std::uint32_t>(std::max<std::size_t>(1, length));
    return at;
}

// Walks one module's expressions, recording what each name stands for.
class UseFinder {
public:
    explicit UseFinder(ModuleIndex& m) : m_(m) {}

    void expression(const Expr& e) {
        switch (e.kind) {
        case ExprKind::name:
            name(e);
            return;
        case ExprKind::field:
            field(e);
            return;
        case ExprKind::call:
            call(e);
            return;
        case ExprKind::quantifier:
            expression(*e.kids[0]);
            locals_.push_back(e.text);
            expression(*e.kids[1]);
            locals_.pop_back();
            return;
        default:
            for (const auto& k : e.kids)
                expression(*k);
        }
    }

    void message(const std::optional<ast::Message>& m) {
        if (!m) return;
        for (const auto& part : m->parts)
            if (part.expr) expression(*part.expr);
    }

    void with_parameters(const ast::Def& d) {
        for (const auto& p : d.params)
            locals_.push_back(p.name);
        if (d.body) expression(*d.body);
        locals_.clear();
    }

private:
    bool is_local(const std::string& name) const {
        return std::find(locals_.begin(), locals_.end(), name) != locals_.end();
    }
    bool is_own(const std::string& name) const { return m_.declaration(name) != nullptr; }

    void add(Location at, Target t) { m_.uses.push_back({at, std::move(t)}); }

    void name(const Expr& e) {
        if (is_local(e.text)) return;
        if (is_own(e.text)) {
            add(with_length(e.location, e.text.size()), {m_.ast.name, e.text, {}});
        } else if (auto a = m_.aliases.find(e.text); a != m_.aliases.end()) {
            add(with_length(e.location, e.text.size()), {a->second, {}, {}});
        }
    }

    void field(const Expr& e) {
        const Expr& base = *e.kids[0];
        if (base.kind == ExprKind::name && !is_local(base.text) && !is_own(base.text))
            if (auto a = m_.aliases.find(base.text); a != m_.aliases.end()) {
                add(with_length(base.location, base.text.size()), {a->second, {}, {}});
                add(e.name_location, {a->second, e.text, {}});
                return;
            }
        expression(base);
    }

    void call(const Expr& e) {
        for (const auto& k : e.kids)
            expression(*k);
        auto dot = e.text.find('.');
        if (dot == std::string::npos) {
            add(with_length(e.name_location, e.text.size()), {m_.ast.name, e.text, {}});
            return;
        }
        auto a = m_.aliases.find(e.text.substr(0, dot));
        if (a == m_.aliases.end()) return;
        add(with_length(e.name_location, dot), {a->second, {}, {}});
        add(after_dot(e.name_location, dot), {a->second, e.text.substr(dot + 1), {}});
    }

    ModuleIndex& m_;
    std::vector<std::string> locals_;
};

void index_declarations(ModuleIndex& m) {
    const ast::Module& a = m.ast;
    for (std::size_t i = 0; i < a.sets.size(); ++i)
        m.declarations.push_back({DeclKind::set, i, a.sets[i].name, a.sets[i].name_location});
    for (std::size_t i = 0; i < a.defs.size(); ++i)
        m.declarations.push_back({DeclKind::def, i, a.defs[i].name, a.defs[i].name_location});
    for (std::size_t i = 0; i < a.rules.size(); ++i)
        m.declarations.push_back({DeclKind::rule, i, a.rules[i].name, a.rules[i].name_location});
    for (std::size_t i = 0; i < a.tables.size(); ++i)
        m.declarations.push_back({DeclKind::table, i, a.tables[i].name, a.tables[i].name_location});
    for (std::size_t i = 0; i < a.schemas.size(); ++i)
        m.declarations.push_back(
            {DeclKind::schema, i, a.schemas[i].name, a.schemas[i].name_location});
    for (const auto& imp : a.imports)
        m.aliases[last_segment(imp.module)] = imp.module;
}

// `exception to rule` or `exception to module.rule` (an alias or a full module name).
void index_exception(ModuleIndex& m, const ast::Rule& r) {
    const std::string& target = *r.exception_to;
    Location at = with_length(r.exception_location, target.size());
    auto dot = target.rfind('.');
    if (dot == std::string::npos) {
        m.uses.push_back({at, {m.ast.name, target, {}}});
        return;
    }
    std::string prefix = target.substr(0, dot);
    auto a = m.aliases.find(prefix);
    std::string module = a != m.aliases.end() ? a->second : prefix;
    m.uses.push_back({with_length(at, prefix.size()), {module, {}, {}}});
    m.uses.push_back({after_dot(at, dot), {module, target.substr(dot + 1), {}}});
}

void index_uses(ModuleIndex& m) {
    const ast::Module& a = m.ast;
    UseFinder uses(m);
    for (const auto& imp : a.imports)
        m.uses.push_back({with_length(imp.location, imp.module.size()), {imp.module, {}, {}}});
    for (const auto& s : a.sets)
        if (s.load_path)
            m.uses.push_back({s.load_location, {{}, {}, data_file_name(*m.source, *s.load_path)}});
    for (const auto& d : a.defs)
        uses.with_parameters(d);
    for (const auto& r : a.rules) {
        if (r.when) uses.expression(*r.when);
        uses.message(r.message);
        for (const auto& o : r.obligations)
            uses.message(o.message);
        if (r.exception_to) index_exception(m, r);
    }
    for (const auto& t : a.tables) {
        for (const auto& c : t.columns)
            uses.expression(*c);
        for (const auto& row : t.rows) {
            for (const auto& cell : row.cells)
                if (cell.value) uses.expression(*cell.value);
            uses.message(row.message);
        }
    }
}

bool contains(const Location& at, std::uint32_t line, std::uint32_t column) {
    return at.line == line && column >= at.column && column < at.column + std::max(1u, at.length);
}

} // namespace

const Declaration* ModuleIndex::declaration(std::string_view name) const {
    for (const auto& d : declarations)
        if (d.name == name) return &d;
    return nullptr;
}

std::unique_ptr<ModuleIndex> index_module(std::unique_ptr<Source> source) {
    auto m = std::make_unique<ModuleIndex>();
    m->source = std::move(source);
    Diagnostics diags; // the checker reports them; here only whether there were any
    m->ast = parse_module(*m->source, diags);
    m->parsed = !diags.has_errors();
    index_declarations(*m);
    index_uses(*m);
    return m;
}

void Index::add(const ModuleIndex* module) {
    modules_.push_back(module);
    if (!module->ast.name.empty()) by_name_.emplace(module->ast.name, module);
}

const ModuleIndex* Index::module(std::string_view name) const {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : it->second;
}

std::optional<Target> Index::target_at(const std::string& file, std::uint32_t line,
                                       std::uint32_t column) const {
    for (const auto* m : modules_) {
        if (m->source->name != file) continue;
        for (const auto& u : m->uses)
            if (contains(u.at, line, column)) return u.target;
        for (const auto& d : m->declarations)
            if (contains(d.at, line, column)) return Target{m->ast.name, d.name, {}};
        if (contains(m->ast.location, line, column)) return Target{m->ast.name, {}, {}};
    }
    return std::nullopt;
}

std::optional<Location> Index::declaration_of(const Target& target) const {
    if (!target.data_file.empty()) return std::nullopt; // a file, not a place in a rule file
    const ModuleIndex* m = module(target.module);
    if (!m) return std::nullopt;
    if (target.member.empty()) return m->ast.location;
    if (const auto* d = m->declaration(target.member)) return d->at;
    return std::nullopt;
}

std::vector<Location> Index::uses_of(const Target& target) const {
    std::vector<Location> out;
    for (const auto* m : modules_)
        for (const auto& u : m->uses)
            if (u.target == target) out.push_back(u.at);
    return out;
}

} // namespace kader::lsp
