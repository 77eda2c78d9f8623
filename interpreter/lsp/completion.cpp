// Completion: what may be written where the cursor is. After `alias.` the
// sets and definitions of that module; after `case.` (or a variable bound
// over a list of the case) the fields the schema gives; in a string the
// country codes and the schema's enum values; elsewhere the keywords,
// verdicts, goals and the names of the module.
#include "interpreter/lsp/completion.hpp"

#include "interpreter/lsp/features.hpp"
#include "lang/ascii.hpp"
#include "lang/countries.hpp"
#include "lang/text_kinds.hpp"

#include <fmt/format.h>
#include <regex>

namespace kader::lsp {

const std::vector<std::string_view>& keywords() {
    static const std::vector<std::string_view> words = {
        "module",   "import",   "set",       "def",    "rule",   "table",     "schema",
        "goal",     "basis",    "effective", "from",   "until",  "exception", "to",
        "review",   "when",     "then",      "oblige", "hit",    "first",     "collect",
        "and",      "or",       "not",       "in",     "under",  "any",       "all",
        "none",     "count",    "known",     "true",   "false",  "load",      "case",
        "optional", "nonempty", "list",      "of",     "record", "enum"};
    return words;
}

namespace {

// The protocol's CompletionItemKind numbers.
enum ItemKind {
    function = 3,
    field = 5,
    variable = 6,
    module = 9,
    value = 12,
    keyword = 14,
    enum_member = 20,
    constant = 21,
    event = 23
};

json item(std::string label, ItemKind kind, std::string detail = {}, std::string doc = {}) {
    json j = {{"label", std::move(label)}, {"kind", kind}};
    if (!detail.empty()) j["detail"] = std::move(detail);
    if (!doc.empty()) j["documentation"] = {{"kind", "markdown"}, {"value", std::move(doc)}};
    return j;
}

bool inside_string(std::string_view before) {
    bool in = false;
    for (std::size_t i = 0; i < before.size(); ++i) {
        if (before[i] == '\\' && in)
            ++i;
        else if (before[i] == '"')
            in = !in;
        else if (!in && before[i] == '/' && i + 1 < before.size() && before[i + 1] == '/')
            return false;
    }
    return in;
}

// `a.b.` before the word being typed: {"a", "b"}; empty when no dot precedes it.
std::vector<std::string> qualifier(std::string_view before) {
    std::size_t end = before.size();
    while (end > 0 && ascii::is_name_char(before[end - 1]))
        --end;
    std::vector<std::string> chain;
    while (end > 0 && before[end - 1] == '.') {
        std::size_t start = end - 1;
        while (start > 0 && ascii::is_name_char(before[start - 1]))
            --start;
        if (start == end - 1) break;
        chain.insert(chain.begin(), std::string(before.substr(start, end - 1 - start)));
        end = start;
    }
    return chain;
}

std::string type_words(const Program& p, int type) {
    const SchemaNode& n = p.schema[static_cast<std::size_t>(type)];
    if (n.kind == ast::TypeKind::list) return "list of " + type_words(p, n.element);
    if (n.kind == ast::TypeKind::enum_)
        return fmt::format("enum {{{}}}", fmt::join(n.enum_values, ", "));
    return kind_keyword(n.kind);
}

// The record a path of field names leads to from the case record, through lists.
int record_at(const Program& p, const std::vector<std::string>& path, std::size_t from) {
    int node = 0;
    for (std::size_t i = from; i < path.size(); ++i) {
        const SchemaNode& rec = p.schema[static_cast<std::size_t>(node)];
        int f = rec.field_index(path[i]);
        if (f < 0) return -1;
        node = rec.fields[static_cast<std::size_t>(f)].type;
        while (node >= 0 && p.schema[static_cast<std::size_t>(node)].kind == ast::TypeKind::list)
            node = p.schema[static_cast<std::size_t>(node)].element;
    }
    return node >= 0 && p.schema[static_cast<std::size_t>(node)].kind == ast::TypeKind::record
               ? node
               : -1;
}

void field_items(const Program& p, int record, json& out) {
    for (const auto& f : p.schema[static_cast<std::size_t>(record)].fields)
        out.push_back(
            item(f.name, field, (f.optional ? "optional " : "") + type_words(p, f.type), f.ask));
}

// `any item in case.items: item.` -> the path the variable goes over.
std::optional<std::vector<std::string>> bound_path(std::string_view text, const std::string& var) {
    std::regex binder("\\b(any|all|none|count)\\s+" + var + "\\s+in\\s+([A-Za-z_][A-Za-z0-9_.]*)");
    std::optional<std::vector<std::string>> found;
    for (std::cregex_iterator it(text.data(), text.data() + text.size(), binder), end; it != end;
         ++it) {
        std::vector<std::string> path;
        std::string whole = (*it)[2].str();
        for (std::size_t start = 0; start <= whole.size();) {
            std::size_t dot = std::min(whole.find('.', start), whole.size());
            path.push_back(whole.substr(start, dot - start));
            start = dot + 1;
        }
        found = path;
    }
    return found;
}

void member_items(const ModuleIndex& m, json& out) {
    for (const auto& d : m.declarations) {
        if (d.kind == ast::Module::DeclKind::set) out.push_back(item(d.name, constant, "set"));
        if (d.kind == ast::Module::DeclKind::def) out.push_back(item(d.name, function, "def"));
    }
}

void string_items(const Program* p, json& out) {
    for (auto code : country_codes())
        out.push_back(item(std::string(code), value, "country"));
    if (!p) return;
    for (const auto& n : p->schema)
        for (const auto& v : n.enum_values)
            out.push_back(item(v, enum_member, "enum value"));
}

void general_items(const ModuleIndex* m, json& out) {
    for (auto k : keywords())
        out.push_back(item(std::string(k), keyword));
    for (int v = 0; v < ast::verdict_count; ++v)
        out.push_back(item(ast::to_string(static_cast<ast::Verdict>(v)), enum_member, "verdict"));
    for (int g = 0; g < ast::goal_count; ++g)
        out.push_back(item(ast::to_string(static_cast<ast::Goal>(g)), enum_member, "goal"));
    if (!m) return;
    for (const auto& d : m->declarations) {
        using K = ast::Module::DeclKind;
        if (d.kind == K::set) out.push_back(item(d.name, constant, "set"));
        if (d.kind == K::def) out.push_back(item(d.name, function, "def"));
        if (d.kind == K::rule || d.kind == K::table) out.push_back(item(d.name, event, "rule"));
    }
    for (const auto& [alias, module_name] : m->aliases)
        out.push_back(item(alias, module, "module " + module_name));
}

// The file up to the cursor: a variable is bound before it is used.
std::string_view text_before(const Place& at) {
    std::size_t offset = at.source->line_starts[at.line - 1] + at.column - 1;
    return std::string_view(at.source->text).substr(0, std::min(offset, at.source->text.size()));
}

} // namespace

json completion(const Workspace& ws, const Place& at) {
    const Analysis& a = ws.current();
    const Program* program = a.program ? a.program.get() : ws.last_program();
    std::string_view line = at.source->line(at.line);
    std::string_view before = line.substr(0, std::min<std::size_t>(at.column - 1, line.size()));
    json out = json::array();
    if (inside_string(before)) {
        string_items(program, out);
        return out;
    }
    const ModuleIndex* m = nullptr;
    for (const auto& mod : a.modules)
        if (mod->source->name == at.file) m = mod.get();
    auto chain = qualifier(before);
    if (chain.empty()) {
        general_items(m, out);
        return out;
    }
    if (m && chain.size() == 1)
        if (auto alias = m->aliases.find(chain[0]); alias != m->aliases.end()) {
            if (const ModuleIndex* target = a.index.module(alias->second))
                member_items(*target, out);
            return out;
        }
    if (!program || !program->has_schema) return out;
    int record = -1;
    if (chain[0] == "case") {
        record = record_at(*program, chain, 1);
    } else if (auto path = bound_path(text_before(at), chain[0]);
               path && !path->empty() && path->front() == "case") {
        path->insert(path->end(), chain.begin() + 1, chain.end());
        record = record_at(*program, *path, 1);
    }
    if (record >= 0) field_items(*program, record, out);
    return out;
}

} // namespace kader::lsp
