// The OpenAPI 3.0 document of `kader serve`, served at /openapi.json. The
// schemas follow the decision JSON of docs/decisions.md; tests/serve checks
// the answers of the service against them.
#include "interpreter/serve/http.hpp"
#include "interpreter/serve/routes.hpp"
#include "interpreter/version.hpp"

#include <initializer_list>

namespace kader::serve {

namespace {

Json ref(const std::string& name) {
    return {{"$ref", "#/components/schemas/" + name}};
}

Json typed(const char* type, const char* description = nullptr) {
    Json j{{"type", type}};
    if (description) j["description"] = description;
    return j;
}

Json nullable(Json schema) {
    schema["nullable"] = true;
    return schema;
}

Json list_of(Json items, const char* description = nullptr) {
    Json j{{"type", "array"}, {"items", std::move(items)}};
    if (description) j["description"] = description;
    return j;
}

Json one_of(std::initializer_list<const char*> values, const char* description = nullptr) {
    Json j{{"type", "string"}, {"enum", Json::array()}};
    for (const char* v : values)
        j["enum"].push_back(v);
    if (description) j["description"] = description;
    return j;
}

Json object(std::initializer_list<const char*> required, Json properties,
            const char* description = nullptr) {
    Json j{{"type", "object"}};
    if (description) j["description"] = description;
    if (required.size() > 0) j["required"] = Json::array();
    for (const char* r : required)
        j["required"].push_back(r);
    j["properties"] = std::move(properties);
    return j;
}

Json verdict(const char* description = nullptr) {
    return one_of({"allow", "license_required", "escalate", "deny", "prohibited"}, description);
}

Json goal() {
    return one_of(
        {"end_use", "strategic_dependency", "tech_leadership", "sanctions", "control_list"});
}

// ---- the decision (docs/decisions.md, "The decision JSON") -----------------

Json reason_schema() {
    return object({"expr", "value"},
                  {{"expr", typed("string", "the expression as written in the rule files")},
                   {"location", typed("string", "FILE:LINE:COL")},
                   {"type", one_of({"number", "string", "date", "list", "record"})},
                   {"value",
                    {{"description", "true/false, a number, a string, a date, null when unknown, "
                                     "a list as its length"}}},
                   {"definition", typed("string")},
                   {"facts", list_of(object({"path", "type", "value"},
                                            {{"path", typed("string")},
                                             {"type", one_of({"string", "number", "boolean", "date",
                                                              "list", "record", "unknown"})},
                                             {"value", Json::object()}}))},
                   {"witness", object({"path"}, {{"path", typed("string")},
                                                 {"field", typed("string")},
                                                 {"name", typed("string")}})},
                   {"parts", list_of(ref("Reason"))}},
                  "one node of a reason tree");
}

Json applied_schema() {
    return object({"rule", "verdict", "goal", "basis", "message", "location", "reason"},
                  {{"rule", typed("string")},
                   {"verdict", nullable(verdict("null for a rule that only imposes obligations"))},
                   {"goal", goal()},
                   {"basis", typed("string")},
                   {"message", typed("string")},
                   {"location", typed("string")},
                   {"review", typed("string")},
                   {"set_reviews", list_of(object({"set", "data_file", "reliability"},
                                                  {{"set", typed("string")},
                                                   {"data_file", typed("string")},
                                                   {"reliability", typed("string")}}))},
                   {"reason", ref("Reason")}});
}

Json not_applied_schema() {
    return object({"rule", "why"},
                  {{"rule", typed("string")},
                   {"why", one_of({"not_in_effect", "earlier_row_applied",
                                   "exception_to_rule_not_applied", "condition_failed"})},
                   {"effective_from", nullable(typed("string"))},
                   {"effective_until", nullable(typed("string"))},
                   {"other", typed("string")},
                   {"failed", ref("Reason")}});
}

Json decision_schema() {
    Json goals = Json::object();
    for (const char* g :
         {"end_use", "strategic_dependency", "tech_leadership", "sanctions", "control_list"})
        goals[g] = verdict();
    return object(
        {"case", "verdict", "incomplete", "as_of", "ruleset", "goals", "applied", "overridden",
         "undetermined", "obligations"},
        {{"case", typed("string", "the case's id; empty when it has none")},
         {"verdict", verdict("on the known facts")},
         {"incomplete", typed("boolean", "a missing fact could change the verdict")},
         {"as_of", typed("string", "YYYY-MM-DD")},
         {"ruleset", object({"fingerprint", "modules"}, {{"fingerprint", typed("string")},
                                                         {"modules", list_of(typed("string"))}})},
         {"goals", object({"end_use", "strategic_dependency", "tech_leadership", "sanctions",
                           "control_list"},
                          std::move(goals))},
         {"applied", list_of(ref("AppliedRule"))},
         {"overridden",
          list_of(object({"rule", "by", "location"}, {{"rule", typed("string")},
                                                      {"by", typed("string")},
                                                      {"all_by", list_of(typed("string"))},
                                                      {"location", typed("string")},
                                                      {"conflict", typed("boolean")}}))},
         {"undetermined", list_of(object({"rule", "could_conclude", "missing"},
                                         {{"rule", typed("string")},
                                          {"could_conclude", nullable(verdict())},
                                          {"missing", list_of(typed("string"))}}))},
         {"obligations", list_of(object({"obligation", "rule", "basis", "message"},
                                        {{"obligation", typed("string")},
                                         {"rule", typed("string")},
                                         {"basis", typed("string")},
                                         {"message", typed("string")}}))},
         {"missing",
          list_of(object({"path", "question", "could_raise_to", "could_lower_to", "rules"},
                         {{"path", typed("string")},
                          {"question", typed("string")},
                          {"could_raise_to", nullable(verdict())},
                          {"could_lower_to", nullable(verdict())},
                          {"rules", list_of(typed("string"))}}),
                  "only when incomplete")},
         {"not_applied", list_of(ref("NotApplied"), "only with explain=full")}},
        "the decision, byte for byte as `kader eval --format json` writes it "
        "(docs/decisions.md)");
}

// ---- errors, rules, health ----------------------------------------------------

Json diagnostic_schema() {
    Json location = object({"input"}, {{"input", typed("string", "the input: <request>, line N, "
                                                                 "query, a rule file")},
                                       {"line", typed("integer", "1-based; absent for the "
                                                                 "whole input")},
                                       {"column", typed("integer", "1-based, in bytes")}});
    return object(
        {"severity", "code", "message", "help", "location", "related"},
        {{"severity", one_of({"error", "warning"})},
         {"code", typed("string", "K0703: `kader explain K0703` says what it means")},
         {"message", typed("string")},
         {"help", typed("string", "advice; empty when there is none")},
         {"location", location},
         {"related", list_of(object({"message", "location"},
                                    {{"message", typed("string")}, {"location", location}}))}});
}

Json error_schema() {
    return object({"error", "diagnostics"},
                  {{"error", typed("string", "what went wrong, for people")},
                   {"diagnostics", list_of(ref("Diagnostic"))},
                   {"fingerprint", typed("string", "reload only: the rule set still served")}});
}

Json rule_schema() {
    return object({"id", "module", "goal", "verdict", "basis", "effective_from", "effective_until",
                   "exception_to", "location"},
                  {{"id", typed("string")},
                   {"module", typed("string")},
                   {"goal", goal()},
                   {"verdict", nullable(verdict())},
                   {"basis", typed("string")},
                   {"effective_from", nullable(typed("string"))},
                   {"effective_until", nullable(typed("string"))},
                   {"exception_to", nullable(typed("string"))},
                   {"location", typed("string")}});
}

Json schemas() {
    return {
        {"Case",
         {{"type", "object"},
          {"description", "a case, checked against the case schema of the rule set "
                          "(docs/language.md; the examples in examples/cases)"}}},
        {"Decision", decision_schema()},
        {"AppliedRule", applied_schema()},
        {"NotApplied", not_applied_schema()},
        {"Reason", reason_schema()},
        {"BatchLineError",
         object({"line", "error", "code"}, {{"line", typed("integer", "1-based input line")},
                                            {"error", typed("string")},
                                            {"code", typed("string")}})},
        {"BatchLine",
         {{"oneOf", {ref("Decision"), ref("BatchLineError")}},
          {"description", "one line of the answer to /v1/batch"}}},
        {"Diagnostic", diagnostic_schema()},
        {"Error", error_schema()},
        {"Health", object({"status", "fingerprint", "engine"}, {{"status", one_of({"ok"})},
                                                                {"fingerprint", typed("string")},
                                                                {"engine", typed("string")}})},
        {"Rule", rule_schema()},
        {"RuleSet", object({"fingerprint", "engine", "modules", "rules"},
                           {{"fingerprint", typed("string")},
                            {"engine", typed("string")},
                            {"modules", list_of(typed("string"))},
                            {"rules", list_of(ref("Rule"))}})},
        {"Reloaded", object({"fingerprint", "previous", "changed", "diagnostics"},
                            {{"fingerprint", typed("string", "the rule set served now")},
                             {"previous", typed("string")},
                             {"changed", typed("boolean")},
                             {"diagnostics", list_of(ref("Diagnostic"), "warnings")}})},
    };
}

// ---- paths ----------------------------------------------------------------------

Json json_content(const std::string& schema) {
    return {{json_type, {{"schema", ref(schema)}}}};
}

Json answer(const char* description, const std::string& schema) {
    return {{"description", description}, {"content", json_content(schema)}};
}

Json query(const char* name, Json schema, const char* description) {
    return {{"name", name},
            {"in", "query"},
            {"required", false},
            {"schema", std::move(schema)},
            {"description", description}};
}

Json as_of_parameter() {
    return query("as_of", {{"type", "string"}, {"format", "date"}},
                 "decide as of this day (YYYY-MM-DD) instead of the case's own date");
}

// The errors every POST may answer.
Json with_errors(Json responses) {
    responses["400"] = answer("bad input: the diagnostics say what and where", "Error");
    responses["413"] = answer("the body is larger than --max-body", "Error");
    responses["415"] = answer("a multipart/form-data body: send the JSON itself", "Error");
    responses["500"] = answer("an internal error: a defect in Kader", "Error");
    return responses;
}

Json explain_parameter() {
    return query("explain", one_of({"rules", "brief", "full"}),
                 "rules: the rules that applied without their reason trees "
                 "(refused when the server keeps a log); full: every level of "
                 "the reasons, and the rules that did not apply");
}

Json decide_path() {
    Json ok = answer("the decision", "Decision");
    ok["content"]["text/plain"] = {{"schema", typed("string", "the decision for people, as "
                                                              "`kader eval` writes it")}};
    return {{"post",
             {{"summary", "Decide one case"},
              {"operationId", "decide"},
              {"parameters",
               {as_of_parameter(), explain_parameter(),
                query("format", one_of({"json", "text"}),
                      "text: the decision for people, as text/plain")}},
              {"requestBody", {{"required", true}, {"content", json_content("Case")}}},
              {"responses", with_errors({{"200", ok},
                                         {"503", answer("the decision could not be logged "
                                                        "(--log): it is not shown",
                                                        "Error")}})}}}};
}

Json batch_path() {
    Json lines = {{json_lines_type,
                   {{"schema", typed("string", "JSON Lines: one case per line; blank lines are "
                                               "skipped")}}}};
    Json ok = {{"description", "one line per case, in input order: its decision or its error "
                               "(streamed, chunked)"},
               {"content", {{json_lines_type, {{"schema", ref("BatchLine")}}}}}};
    return {{"post",
             {{"summary", "Decide one case per line, as `kader batch` does"},
              {"operationId", "batch"},
              {"parameters", {as_of_parameter(), explain_parameter()}},
              {"requestBody", {{"required", true}, {"content", lines}}},
              {"responses", with_errors({{"200", ok},
                                         {"503", answer("the first decisions could not be "
                                                        "logged (--log)",
                                                        "Error")}})}}}};
}

Json get_path(const char* summary, const char* id, const char* description,
              const std::string& schema) {
    return {{"get",
             {{"summary", summary},
              {"operationId", id},
              {"responses",
               {{"200", answer(description, schema)},
                {"400", answer("a query parameter was given: this takes none", "Error")}}}}}};
}

Json reload_path() {
    return {
        {"post",
         {{"summary", "Read the rule files again; refused when they do not check"},
          {"operationId", "reload"},
          {"responses",
           {{"200", answer("the new rule set is served", "Reloaded")},
            {"400", answer("a query parameter was given: this takes none", "Error")},
            {"409", answer("the rule files do not check: the old rule set stays", "Error")}}}}}};
}

Json paths() {
    return {{"/v1/decide", decide_path()},
            {"/v1/batch", batch_path()},
            {"/v1/rules", get_path("The rule set served", "rules", "modules and rules", "RuleSet")},
            {"/v1/reload", reload_path()},
            {"/healthz", get_path("Whether the service is up", "health", "up", "Health")},
            {"/openapi.json",
             {{"get",
               {{"summary", "This document"},
                {"operationId", "openapi"},
                {"responses",
                 {{"200",
                   {{"description", "OpenAPI 3.0"},
                    {"content", {{json_type, {{"schema", typed("object")}}}}}}}}}}}}}};
}

Json document() {
    return {{"openapi", "3.0.3"},
            {"info",
             {{"title", "Kader decision service"},
              {"version", engine_version()},
              {"description",
               "Export-control decisions with their legal basis and reasons (docs/serve.md). "
               "Every answer other than 2xx is an Error; a path that is not served is 404, a "
               "method a path does not take is 405."}}},
            {"servers", {{{"url", "http://127.0.0.1:8080"}}}},
            {"paths", paths()},
            {"components", {{"schemas", schemas()}}}};
}

} // namespace

const std::string& openapi_document() {
    static const std::string text = dump_line(document());
    return text;
}

} // namespace kader::serve
