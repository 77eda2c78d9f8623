#pragma once
// What the playground's module hands to JavaScript besides decisions: the
// diagnostics as structured JSON (for marks at their line in the rule
// editor) and the case schema as a tree (for the form).
#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

#include <nlohmann/json.hpp>

namespace kader::web {

using Json = nlohmann::ordered_json;

// {severity, code, file, line, column, length, message, help, related, rendered}
Json diagnostic_json(const Diagnostic& d);
// Every diagnostic, the suppressed counts included; `keep` filters them.
template <typename Keep> Json diagnostics_json(const Diagnostics& diags, Keep keep) {
    Json list = Json::array();
    for (const auto& d : diags.all())
        if (keep(d)) list.push_back(diagnostic_json(d));
    return list;
}

// The case record: {kind: "record", fields: [{name, optional, ask, type}]};
// a type is {kind, expected, values (enum), nonempty and element (list),
// fields (record)}. An empty object when the rule set has no schema.
Json schema_json(const Program& p);

} // namespace kader::web
