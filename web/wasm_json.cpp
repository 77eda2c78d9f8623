#include "web/wasm_json.hpp"

#include "lang/text_kinds.hpp"

namespace kader::web {

namespace {

Json span_json(const Span& s) {
    return {{"file", s.input}, {"line", s.line}, {"column", s.column}, {"length", s.length}};
}

// The schema nests at most as deep as the rule file that declares it, and
// the checker has already walked it recursively, so recursing here is safe.
Json type_json(const Program& p, int index) {
    const SchemaNode& n = p.schema[static_cast<std::size_t>(index)];
    Json out = {{"kind", kind_keyword(n.kind)}};
    switch (n.kind) {
    case ast::TypeKind::enum_:
        out["values"] = n.enum_values;
        break;
    case ast::TypeKind::list:
        out["nonempty"] = n.nonempty;
        out["element"] = type_json(p, n.element);
        break;
    case ast::TypeKind::record: {
        Json fields = Json::array();
        for (const auto& f : n.fields)
            fields.push_back({{"name", f.name},
                              {"optional", f.optional},
                              {"ask", f.ask},
                              {"type", type_json(p, f.type)}});
        out["fields"] = std::move(fields);
        break;
    }
    default:
        out["expected"] = kind_expected(n.kind);
        break;
    }
    return out;
}

} // namespace

Json diagnostic_json(const Diagnostic& d) {
    Json out = span_json(d.location);
    out["severity"] = d.severity == Severity::error ? "error" : "warning";
    out["code"] = code_name(d.code);
    out["message"] = d.message;
    out["help"] = d.help;
    Json related = Json::array();
    for (const auto& r : d.related) {
        Json one = span_json(r.location);
        one["message"] = r.message;
        related.push_back(std::move(one));
    }
    out["related"] = std::move(related);
    out["rendered"] = render(d);
    return out;
}

Json schema_json(const Program& p) {
    if (!p.has_schema || p.schema.empty()) return Json::object();
    return type_json(p, 0);
}

} // namespace kader::web
