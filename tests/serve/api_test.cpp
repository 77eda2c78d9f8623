// The endpoints of `kader serve` answer what the commands answer, and refuse
// bad input with structured diagnostics.
#include "support.hpp"

#include "kader_catch.hpp"

using st::json;

namespace {

json parse(const std::string& body) {
    auto j = json::parse(body, nullptr, false);
    INFO(body);
    REQUIRE_FALSE(j.is_discarded());
    return j;
}

// The error answer's first diagnostic, after checking the answer's shape.
json refused(const httplib::Result& res, int status) {
    REQUIRE(res);
    INFO(res->body);
    CHECK(res->status == status);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    auto j = parse(res->body);
    CHECK(j["error"].is_string());
    CHECK_FALSE(j["error"].get<std::string>().empty());
    REQUIRE(j["diagnostics"].is_array());
    REQUIRE_FALSE(j["diagnostics"].empty());
    return j["diagnostics"][0];
}

std::string example(const std::string& name) {
    return (st::fs::path(st::source_dir()) / "examples" / "cases" / name).string();
}

} // namespace

TEST_CASE("healthz answers ok with the fingerprint of the rules served", "[serve]") {
    st::Server server({});
    auto res = server.client().Get("/healthz");
    REQUIRE(res);
    CHECK(res->status == 200);
    auto j = parse(res->body);
    CHECK(j["status"] == "ok");
    CHECK_THAT(server.first_line(),
               Catch::EndsWith("(rules " + j["fingerprint"].get<std::string>() + ")"));
}

TEST_CASE("decide answers the bytes of kader eval --format json for every example case",
          "[serve]") {
    st::Server server({});
    auto client = server.client();
    for (const auto& path : st::example_cases()) {
        INFO(path);
        auto res = client.Post("/v1/decide", st::read_file(path), "application/json");
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->get_header_value("Content-Type") == "application/json");
        auto eval = st::kader("eval " + st::quoted(path.string()) + " --format json");
        REQUIRE(eval.exit_code == 0);
        CHECK(res->body == eval.out);
    }
}

TEST_CASE("decide takes as_of and explain as kader eval takes --as-of and --explain", "[serve]") {
    st::Server server({});
    auto client = server.client();
    auto path = example("chips-ru-defence-via-hk-2022-09.json");
    auto body = st::read_file(path);
    auto later = client.Post("/v1/decide?as_of=2022-10-07&explain=full", body, "application/json");
    REQUIRE(later);
    CHECK(later->status == 200);
    CHECK(later->body ==
          st::kader("eval " + path + " --as-of 2022-10-07 --explain full --format json").out);
    CHECK(parse(later->body)["as_of"] == "2022-10-07");
    CHECK(parse(later->body).contains("not_applied"));
    auto brief = client.Post("/v1/decide?explain=brief", body, "application/json");
    REQUIRE(brief);
    CHECK(brief->body == st::kader("eval " + path + " --format json").out);
    CHECK(brief->body != later->body);
    auto rules = client.Post("/v1/decide?explain=rules", body, "application/json");
    REQUIRE(rules);
    CHECK(rules->status == 200);
    CHECK(rules->body == st::kader("eval " + path + " --explain rules --format json").out);
    CHECK_FALSE(parse(rules->body)["applied"][0].contains("reason"));
    // A body sent compressed is decided as it is once decoded.
    auto compressing = server.client();
    compressing.set_compress(true);
    auto compressed = compressing.Post("/v1/decide", body, "application/json");
    REQUIRE(compressed);
    CHECK(compressed->status == 200);
    CHECK(compressed->body == brief->body);
}

TEST_CASE("format=text answers the text of kader eval as text/plain", "[serve]") {
    st::Server server({});
    auto client = server.client();
    auto path = example("end-use-missing-cn-2023.json");
    auto body = st::read_file(path);
    auto text = client.Post("/v1/decide?format=text", body, "application/json");
    REQUIRE(text);
    CHECK(text->status == 200);
    CHECK(text->get_header_value("Content-Type") == "text/plain; charset=utf-8");
    CHECK(text->body == st::kader("eval " + path).out);
    auto full = client.Post("/v1/decide?format=text&explain=full", body, "application/json");
    REQUIRE(full);
    CHECK(full->body == st::kader("eval " + path + " --explain full").out);
    auto json_format = client.Post("/v1/decide?format=json", body, "application/json");
    REQUIRE(json_format);
    CHECK(json_format->body == st::kader("eval " + path + " --format json").out);
}

TEST_CASE("a body that is not JSON is a 400 with the diagnostic at its line and column",
          "[serve]") {
    st::Server server({});
    auto res =
        server.client().Post("/v1/decide", "{\"id\": \"X\",\n  \"date\": }\n", "application/json");
    auto d = refused(res, 400);
    CHECK(d["severity"] == "error");
    CHECK(d["code"] == "K0107");
    CHECK(d["message"].is_string());
    CHECK(d["help"].is_string());
    CHECK(d["location"]["input"] == "<request>");
    CHECK(d["location"]["line"] == 2);
    CHECK(d["location"]["column"] == 11);
    CHECK_THAT(parse(res->body)["error"].get<std::string>(),
               Catch::StartsWith("<request>:2:11: error[K0107]"));
}

TEST_CASE("a case with a field of the wrong type is a 400 with K0703", "[serve]") {
    st::Server server({});
    auto c = json::parse(st::read_file(example("chips-ru-defence-via-hk-2022-11.json")));
    c["items"][0]["quantity"] = "many";
    auto d = refused(server.client().Post("/v1/decide", c.dump(2), "application/json"), 400);
    CHECK(d["code"] == "K0703");
    CHECK(d["location"]["input"] == "<request>");
    CHECK(d["location"]["line"].get<int>() > 1);
    CHECK_THAT(d["message"].get<std::string>(), Catch::Contains("items[0].quantity"));
}

TEST_CASE("a case without a required field is a 400 with K0706", "[serve]") {
    st::Server server({});
    auto c = json::parse(st::read_file(example("chips-ru-defence-via-hk-2022-11.json")));
    c.erase("destination");
    auto d = refused(server.client().Post("/v1/decide", c.dump(), "application/json"), 400);
    CHECK(d["code"] == "K0706");
    CHECK_THAT(d["message"].get<std::string>(), Catch::Contains("destination"));
}

TEST_CASE("a bad query parameter is a 400 with K0906", "[serve]") {
    st::Server server({});
    auto client = server.client();
    auto body = st::read_file(example("chips-ru-defence-via-hk-2022-11.json"));
    for (std::string query : {"as_of=2022-13-01", "as_of=yesterday", "as_of=", "explain=verbose",
                              "format=xml", "verbose=1", "as_of=2022-01-01&as_of=2022-02-01"}) {
        INFO(query);
        auto d = refused(client.Post("/v1/decide?" + query, body, "application/json"), 400);
        CHECK(d["code"] == "K0906");
        CHECK(d["location"]["input"] == "query");
    }
    auto d = refused(client.Post("/v1/decide?as_of=2022-13-01", body, "application/json"), 400);
    CHECK_THAT(d["message"].get<std::string>(), Catch::Contains("`as_of=2022-13-01`"));
    refused(client.Get("/healthz?verbose=1"), 400);
}

TEST_CASE("an unknown path is a 404 and a method a path does not take is a 405", "[serve]") {
    st::Server server({});
    auto client = server.client();
    auto check = [](const httplib::Result& res, int status, const std::string& allow) {
        REQUIRE(res);
        INFO(res->body);
        CHECK(res->status == status);
        CHECK(res->get_header_value("Content-Type") == "application/json");
        auto j = parse(res->body);
        CHECK(j["error"].is_string());
        CHECK(j["diagnostics"].is_array());
        CHECK(res->get_header_value("Allow") == allow);
    };
    check(client.Get("/nope"), 404, "");
    check(client.Get("/v1/decide/"), 404, "");
    check(client.Post("/v2/decide", "{}", "application/json"), 404, "");
    check(client.Get("/v1/decide"), 405, "POST");
    check(client.Put("/v1/batch", "{}", "application/json"), 405, "POST");
    check(client.Delete("/healthz"), 405, "GET, HEAD");
    check(client.Post("/v1/rules", "", "application/json"), 405, "GET, HEAD");
    check(client.Post("/openapi.json", "{}", "application/json"), 405, "GET, HEAD");
    auto head = client.Head("/healthz");
    REQUIRE(head);
    CHECK(head->status == 200);
}

TEST_CASE("rules lists the modules the rules with their basis and the fingerprint", "[serve]") {
    st::Server server({});
    auto res = server.client().Get("/v1/rules");
    REQUIRE(res);
    CHECK(res->status == 200);
    auto j = parse(res->body);
    auto decision =
        json::parse(st::kader("eval " + example("encryption-ru-2022.json") + " --format json").out);
    CHECK(j["fingerprint"] == decision["ruleset"]["fingerprint"]);
    CHECK(j["modules"] == decision["ruleset"]["modules"]);
    bool found = false;
    for (const auto& r : j["rules"]) {
        CHECK(r["id"].is_string());
        if (r["id"] != "sanctions.russia.dual_use_ban") continue;
        found = true;
        CHECK(r["module"] == "sanctions.russia");
        CHECK(r["goal"] == "sanctions");
        CHECK(r["verdict"] == "prohibited");
        CHECK_THAT(r["basis"].get<std::string>(),
                   Catch::StartsWith("Reg. (EU) 833/2014 Art. 2(1)"));
        CHECK_THAT(r["location"].get<std::string>(),
                   Catch::StartsWith("stdlib-rules/sanctions/russia.kader:"));
    }
    CHECK(found);
}
