// Go to definition, find references and the outline of a file.
#include "interpreter/lsp/features.hpp"

#include <algorithm>

namespace kader::lsp {

namespace {

using DeclKind = ast::Module::DeclKind;

// The protocol's SymbolKind numbers.
int symbol_kind(DeclKind kind) {
    switch (kind) {
    case DeclKind::set:
        return 18; // Array
    case DeclKind::def:
        return 12; // Function
    case DeclKind::rule:
        return 24; // Event
    case DeclKind::table:
        return 19; // Object
    case DeclKind::schema:
        return 23; // Struct
    }
    return 13; // Variable
}

const char* kind_word(DeclKind kind) {
    switch (kind) {
    case DeclKind::set:
        return "set";
    case DeclKind::def:
        return "def";
    case DeclKind::rule:
        return "rule";
    case DeclKind::table:
        return "table";
    case DeclKind::schema:
        return "schema";
    }
    return "";
}

const ModuleIndex* module_of_file(const Analysis& a, const std::string& file) {
    for (const auto& m : a.modules)
        if (m->source->name == file) return m.get();
    return nullptr;
}

} // namespace

json definition(Files& files, const Workspace& ws, const Place& at) {
    const Analysis& a = ws.current();
    auto target = a.index.target_at(at.file, at.line, at.column);
    if (!target) return nullptr;
    if (!target->data_file.empty()) {
        std::string uri = files.uri(target->data_file);
        if (uri.empty()) return nullptr;
        return {{"uri", uri}, {"range", range_of(nullptr, 1, 1, 0)}};
    }
    auto place = a.index.declaration_of(*target);
    return place ? location_of(files, ws, *place) : json(nullptr);
}

json references(Files& files, const Workspace& ws, const Place& at, bool with_declaration) {
    const Analysis& a = ws.current();
    auto target = a.index.target_at(at.file, at.line, at.column);
    json out = json::array();
    if (!target) return out;
    if (with_declaration)
        if (auto place = a.index.declaration_of(*target))
            if (auto l = location_of(files, ws, *place); !l.is_null()) out.push_back(l);
    for (const auto& use : a.index.uses_of(*target))
        if (auto l = location_of(files, ws, use); !l.is_null()) out.push_back(l);
    return out;
}

// A declaration's range runs to the line before the next declaration (or
// the end of the file), so that an editor folds and highlights all of it.
json document_symbols(const Workspace& ws, const std::string& file) {
    const ModuleIndex* m = module_of_file(ws.current(), file);
    json out = json::array();
    if (!m) return out;
    std::vector<const Declaration*> decls;
    for (const auto& d : m->declarations)
        decls.push_back(&d);
    std::sort(decls.begin(), decls.end(),
              [](const auto* x, const auto* y) { return x->at.line < y->at.line; });
    auto last_line = static_cast<std::uint32_t>(m->source->line_starts.size());
    for (std::size_t i = 0; i < decls.size(); ++i) {
        const Declaration& d = *decls[i];
        std::uint32_t end =
            i + 1 < decls.size() ? std::max(d.at.line, decls[i + 1]->at.line - 1) : last_line;
        json range = range_of(m->source.get(), d.at.line, 1, 0);
        std::string_view end_text = m->source->line(end);
        range["end"] = range_of(m->source.get(), end,
                                static_cast<std::uint32_t>(end_text.size() + 1), 0)["start"];
        out.push_back(
            {{"name", d.name},
             {"detail", kind_word(d.kind)},
             {"kind", symbol_kind(d.kind)},
             {"range", range},
             {"selectionRange", range_of(m->source.get(), d.at.line, d.at.column, d.at.length)}});
    }
    return out;
}

} // namespace kader::lsp
