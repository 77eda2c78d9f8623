// /openapi.json is an OpenAPI 3 document of every endpoint, and the answers of
// the service match its schemas.
#include "openapi_check.hpp"
#include "support.hpp"

#include "kader_catch.hpp"

using st::json;

namespace {

json openapi(const st::Server& server) {
    auto res = server.client().Get("/openapi.json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    auto doc = json::parse(res->body, nullptr, false);
    REQUIRE_FALSE(doc.is_discarded());
    return doc;
}

} // namespace

TEST_CASE("openapi.json is an OpenAPI 3 document of every endpoint", "[serve]") {
    st::Server server({});
    auto doc = openapi(server);
    REQUIRE(doc["openapi"].is_string());
    CHECK_THAT(doc["openapi"].get<std::string>(), Catch::StartsWith("3."));
    CHECK(doc["info"]["title"].is_string());
    CHECK(doc["info"]["version"].is_string());
    for (auto [path, method] :
         std::vector<std::pair<std::string, std::string>>{{"/v1/decide", "post"},
                                                          {"/v1/batch", "post"},
                                                          {"/v1/rules", "get"},
                                                          {"/v1/reload", "post"},
                                                          {"/healthz", "get"},
                                                          {"/openapi.json", "get"}}) {
        INFO(method << " " << path);
        REQUIRE(doc["paths"].contains(path));
        REQUIRE(doc["paths"][path].contains(method));
        CHECK(doc["paths"][path][method]["responses"].contains("200"));
    }
    // Every $ref names a schema of the document.
    std::function<void(const json&)> refs = [&](const json& j) {
        if (j.is_object()) {
            if (j.contains("$ref")) {
                std::string ref = j["$ref"];
                INFO(ref);
                CHECK(doc["components"]["schemas"].contains(ref.substr(ref.rfind('/') + 1)));
            }
            for (const auto& [k, v] : j.items())
                refs(v);
        } else if (j.is_array()) {
            for (const auto& v : j)
                refs(v);
        }
    };
    refs(doc);
}

TEST_CASE("the answers of the service match the schemas of openapi.json", "[serve]") {
    st::Server server({"--max-body", "100000"});
    auto doc = openapi(server);
    auto client = server.client();
    st::check_documented(doc, "/healthz", "get", client.Get("/healthz"));
    st::check_documented(doc, "/v1/rules", "get", client.Get("/v1/rules"));
    st::check_documented(doc, "/v1/rules", "get", client.Get("/v1/rules?x=1"));
    st::check_documented(doc, "/openapi.json", "get", client.Get("/openapi.json"));
    std::string lines;
    for (const auto& path : st::example_cases()) {
        INFO(path);
        auto text = st::read_file(path);
        lines += st::one_line(text) + "\n";
        st::check_documented(doc, "/v1/decide", "post",
                             client.Post("/v1/decide", text, "application/json"));
        st::check_documented(doc, "/v1/decide", "post",
                             client.Post("/v1/decide?explain=full", text, "application/json"));
    }
    auto text = client.Post("/v1/decide?format=text", st::read_file(st::example_cases()[0]),
                            "application/json");
    REQUIRE(text);
    CHECK_NOTHROW(st::answer_schema(doc, "/v1/decide", "post", 200, "text/plain"));
    st::check_documented(doc, "/v1/decide", "post",
                         client.Post("/v1/decide", "{\"id\": ", "application/json"));
    st::check_documented(doc, "/v1/decide", "post",
                         client.Post("/v1/decide", "{\"date\": 5}", "application/json"));
    st::check_documented(doc, "/v1/decide", "post",
                         client.Post("/v1/decide?as_of=x", "{}", "application/json"));
    st::check_documented(doc, "/v1/decide", "post",
                         client.Post("/v1/decide", std::string(200000, ' '), "application/json"));
    st::check_documented(doc, "/v1/batch", "post",
                         client.Post("/v1/batch", lines + "{\n[]\n", "application/x-ndjson"));
    st::check_documented(doc, "/v1/batch", "post",
                         client.Post("/v1/batch?as_of=1", lines, "application/x-ndjson"));
    st::check_documented(doc, "/v1/reload", "post", client.Post("/v1/reload", "", "text/plain"));
}
