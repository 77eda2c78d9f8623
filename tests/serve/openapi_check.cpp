#include "openapi_check.hpp"

#include "kader_catch.hpp"

#include <algorithm>

namespace st {

namespace {

using json = nlohmann::json;

bool has_type(const json& value, const std::string& type) {
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "string") return value.is_string();
    if (type == "integer") return value.is_number_integer();
    if (type == "number") return value.is_number();
    if (type == "boolean") return value.is_boolean();
    return false;
}

const json& resolve(const json& document, const json& schema) {
    if (!schema.contains("$ref")) return schema;
    std::string ref = schema["$ref"];
    const std::string prefix = "#/components/schemas/";
    REQUIRE(ref.rfind(prefix, 0) == 0);
    return document.at("components").at("schemas").at(ref.substr(prefix.size()));
}

void check(const json& document, const json& schema_or_ref, const json& value,
           const std::string& where, std::vector<std::string>& problems) {
    const json& schema = resolve(document, schema_or_ref);
    if (schema.contains("oneOf")) {
        int matches = 0;
        for (const auto& option : schema["oneOf"]) {
            std::vector<std::string> p;
            check(document, option, value, where, p);
            matches += p.empty();
        }
        if (matches != 1)
            problems.push_back(where + ": matches " + std::to_string(matches) +
                               " of the oneOf schemas, not 1");
        return;
    }
    if (value.is_null()) {
        if (schema.contains("type") && !schema.value("nullable", false))
            problems.push_back(where + ": null, but not nullable");
        return;
    }
    if (schema.contains("type") && !has_type(value, schema["type"])) {
        problems.push_back(where + ": not of type " + schema["type"].get<std::string>() + ": " +
                           value.dump().substr(0, 80));
        return;
    }
    if (schema.contains("enum") &&
        std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end())
        problems.push_back(where + ": " + value.dump() + " is not one of " + schema["enum"].dump());
    if (value.is_object()) {
        for (const auto& r : schema.value("required", json::array()))
            if (!value.contains(r.get<std::string>()))
                problems.push_back(where + ": lacks the required " + r.get<std::string>());
        if (schema.contains("properties"))
            for (const auto& [key, sub] : schema["properties"].items())
                if (value.contains(key))
                    check(document, sub, value[key], where + "." + key, problems);
    }
    if (value.is_array() && schema.contains("items"))
        for (std::size_t i = 0; i < value.size(); ++i)
            check(document, schema["items"], value[i], where + "[" + std::to_string(i) + "]",
                  problems);
}

} // namespace

std::vector<std::string> schema_problems(const json& document, const json& schema,
                                         const json& value) {
    std::vector<std::string> problems;
    check(document, schema, value, "$", problems);
    return problems;
}

const json& answer_schema(const json& document, const std::string& path, const std::string& method,
                          int status, const std::string& media) {
    INFO(method << " " << path << " " << status << " " << media);
    REQUIRE(document["paths"].contains(path));
    REQUIRE(document["paths"][path].contains(method));
    const json& responses = document["paths"][path][method]["responses"];
    REQUIRE(responses.contains(std::to_string(status)));
    const json& content = responses[std::to_string(status)]["content"];
    REQUIRE(content.contains(media));
    return content[media]["schema"];
}

} // namespace st

namespace st {

void check_documented(const nlohmann::json& document, const std::string& path,
                      const std::string& method, const httplib::Result& res) {
    REQUIRE(res);
    std::string media = res->get_header_value("Content-Type");
    media = media.substr(0, media.find(';'));
    const auto& schema = answer_schema(document, path, method, res->status, media);
    std::vector<std::string> documents;
    if (media == "application/x-ndjson") {
        std::size_t start = 0, end;
        while ((end = res->body.find('\n', start)) != std::string::npos) {
            documents.push_back(res->body.substr(start, end - start));
            start = end + 1;
        }
    } else {
        documents.push_back(res->body);
    }
    for (const auto& text : documents) {
        auto value = nlohmann::json::parse(text, nullptr, false);
        INFO(method << " " << path << " " << res->status << ": " << text.substr(0, 300));
        REQUIRE_FALSE(value.is_discarded());
        auto problems = schema_problems(document, schema, value);
        std::string all;
        for (const auto& p : problems)
            all += p + "\n";
        INFO(all);
        CHECK(problems.empty());
    }
}

} // namespace st
