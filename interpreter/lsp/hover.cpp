// Hover: what a name stands for, as a policy author wants it at a glance: a
// rule's goal, verdict, legal basis and period; a definition's body; a
// set's size and where its entries come from; and each one's doc comment.
#include "interpreter/lsp/features.hpp"
#include "lang/printer.hpp"

#include <fmt/format.h>

namespace kader::lsp {

namespace {

using DeclKind = ast::Module::DeclKind;

void add_doc(std::string& out, const std::string& doc) {
    if (!doc.empty()) out += "\n\n" + doc;
}

void add_common(std::string& out, const ast::Common& c) {
    if (c.goal) out += fmt::format("\n\nGoal: `{}`", ast::to_string(*c.goal));
    if (c.basis) out += fmt::format("\n\nBasis: {}", *c.basis);
    if (c.from || c.until) {
        out += "\n\nIn effect";
        if (c.from) out += " from " + ast::format_date(c.from->date);
        if (c.until) out += " until " + ast::format_date(c.until->date);
    }
    if (c.review) out += fmt::format("\n\nReview: {}", *c.review);
}

std::string rule_text(const std::string& id, const ast::Rule& r) {
    std::string out = fmt::format("**rule** `{}`", id);
    if (r.verdict) out += fmt::format(" → `{}`", ast::to_string(*r.verdict));
    if (r.exception_to) out += fmt::format("\n\nException to `{}`", *r.exception_to);
    add_common(out, r.common);
    add_doc(out, r.doc);
    return out;
}

std::string table_text(const std::string& id, const ast::Table& t) {
    std::string out = fmt::format("**table** `{}`: {} row{}, hit policy `{}`", id, t.rows.size(),
                                  t.rows.size() == 1 ? "" : "s",
                                  t.hit == ast::HitPolicy::first ? "first" : "collect");
    add_common(out, t.common);
    add_doc(out, t.doc);
    return out;
}

std::string def_text(const ast::Def& d) {
    std::string params;
    for (const auto& p : d.params)
        params += (params.empty() ? "" : ", ") + p.name;
    std::string head = d.params.empty() ? d.name : fmt::format("{}({})", d.name, params);
    std::string out =
        fmt::format("```kader\ndef {} = {}\n```", head, d.body ? print(*d.body) : std::string{});
    add_doc(out, d.doc);
    return out;
}

const NamedSet* compiled_set(const Program* program, const std::string& id) {
    if (!program) return nullptr;
    for (const auto& s : program->sets)
        if (s.name == id) return &s;
    return nullptr;
}

std::string set_text(const std::string& id, const ast::SetDecl& s, const Program* program) {
    std::string out = fmt::format("**set** `{}`", id);
    const NamedSet* compiled = compiled_set(program, id);
    std::size_t size = compiled ? compiled->entries.size() : s.entries.size();
    if (compiled || !s.load_path) out += fmt::format(": {} entr{}", size, size == 1 ? "y" : "ies");
    if (s.load_path) out += fmt::format("\n\nLoaded from `{}`", *s.load_path);
    if (compiled && !compiled->source.empty()) out += "\n\nSource: " + compiled->source;
    if (compiled && !compiled->reliability.empty())
        out += "\n\nReliability: " + compiled->reliability;
    add_doc(out, s.doc);
    return out;
}

std::string declaration_text(const ModuleIndex& m, const Declaration& d, const Program* program) {
    std::string id = m.ast.name + "." + d.name;
    switch (d.kind) {
    case DeclKind::rule:
        return rule_text(id, m.ast.rules[d.index]);
    case DeclKind::table:
        return table_text(id, m.ast.tables[d.index]);
    case DeclKind::def:
        return def_text(m.ast.defs[d.index]);
    case DeclKind::set:
        return set_text(id, m.ast.sets[d.index], program);
    case DeclKind::schema: {
        std::string out = fmt::format("**schema** `{}`: the case record", d.name);
        add_doc(out, m.ast.schemas[d.index].doc);
        return out;
    }
    }
    return {};
}

} // namespace

json hover(const Workspace& ws, const Place& at) {
    const Analysis& a = ws.current();
    auto target = a.index.target_at(at.file, at.line, at.column);
    if (!target) return nullptr;
    std::string text;
    if (!target->data_file.empty()) {
        text = fmt::format("**data file** `{}`", target->data_file);
    } else if (const ModuleIndex* m = a.index.module(target->module); !m) {
        return nullptr;
    } else if (target->member.empty()) {
        text = fmt::format("**module** `{}`", m->ast.name);
        if (m->source->builtin) text += " (standard library)";
        add_doc(text, m->ast.doc);
    } else if (const Declaration* d = m->declaration(target->member)) {
        const Program* program = a.program ? a.program.get() : ws.last_program();
        text = declaration_text(*m, *d, program);
    } else {
        return nullptr;
    }
    return {{"contents", {{"kind", "markdown"}, {"value", text}}}};
}

} // namespace kader::lsp
