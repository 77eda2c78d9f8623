#pragma once
// A validator for the part of JSON Schema that the OpenAPI document of
// `kader serve` uses: type (with OpenAPI 3.0's nullable), required,
// properties, items, enum, oneOf and $ref into #/components/schemas.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace st {

// The problems of `value` against `schema` (a schema of `document`), each
// naming where in the value it is ("$.applied[0].goal: ..."); empty when valid.
std::vector<std::string> schema_problems(const nlohmann::json& document,
                                         const nlohmann::json& schema, const nlohmann::json& value);

// The schema of an answer in the document: paths[path][method].responses
// [status].content[media].schema. Fails the test when it is not documented.
const nlohmann::json& answer_schema(const nlohmann::json& document, const std::string& path,
                                    const std::string& method, int status,
                                    const std::string& media = "application/json");

} // namespace st

#include <httplib.h>

namespace st {

// Checks an answer of the service against the document: its status and media
// type must be documented for the path and method, and its JSON (each line,
// for JSON Lines) must match the schema.
void check_documented(const nlohmann::json& document, const std::string& path,
                      const std::string& method, const httplib::Result& res);

} // namespace st
