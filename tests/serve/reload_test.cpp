// Reloading the rules (POST /v1/reload and SIGHUP): a good rule set replaces
// the old one for the requests that come after, a broken one is refused and
// the old one stays, and a request in flight finishes on the rules it began
// with. SIGINT and SIGTERM stop the server cleanly.
#include "openapi_check.hpp"
#include "support.hpp"

#include "kader_catch.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <set>
#include <thread>

using st::json;

namespace {

// A rule folder of one module, served with --no-stdlib.
struct RuleFolder {
    st::TempDir dir;
    st::fs::path path() const { return dir.path() / "rules"; }
    RuleFolder() {
        st::fs::create_directory(path());
        write(st::small_rules("prohibited"));
    }
    void write(const std::string& text) const { st::write_file(path() / "small.kader", text); }
    std::vector<std::string> args() const { return {"--no-stdlib", "-r", path().string()}; }
};

const std::string broken_rules = "module small\n\nrule russia\n  goal sanctions\n  when\n";

json get_json(const st::Server& server, const std::string& path) {
    auto res = server.client().Get(path);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return json::parse(res->body);
}

std::string fingerprint(const st::Server& server) {
    return get_json(server, "/healthz")["fingerprint"];
}

std::string verdict_for(const st::Server& server, const std::string& destination) {
    auto res =
        server.client().Post("/v1/decide", st::small_case("A", destination), "application/json");
    REQUIRE(res);
    INFO(res->body);
    REQUIRE(res->status == 200);
    return json::parse(res->body)["verdict"];
}

// Waits up to 30 s for `done`.
template <class F> bool eventually(F done) {
    for (int i = 0; i < 300; ++i) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

} // namespace

TEST_CASE("reload serves the changed rules and refuses a broken rule set keeping the old one",
          "[serve]") {
    RuleFolder rules;
    st::Server server(rules.args());
    auto doc = get_json(server, "/openapi.json");
    auto first = fingerprint(server);
    CHECK(verdict_for(server, "RU") == "prohibited");

    rules.write(st::small_rules("deny"));
    auto client = server.client();
    auto ok = client.Post("/v1/reload", "", "text/plain");
    REQUIRE(ok);
    CHECK(ok->status == 200);
    st::check_documented(doc, "/v1/reload", "post", ok);
    auto reloaded = json::parse(ok->body);
    CHECK(reloaded["previous"] == first);
    CHECK(reloaded["changed"] == true);
    std::string second = reloaded["fingerprint"];
    CHECK(second != first);
    CHECK(fingerprint(server) == second);
    CHECK(verdict_for(server, "RU") == "deny");
    CHECK(verdict_for(server, "CN") == "escalate");

    rules.write(broken_rules);
    auto refused = client.Post("/v1/reload", "", "text/plain");
    REQUIRE(refused);
    CHECK(refused->status == 409);
    st::check_documented(doc, "/v1/reload", "post", refused);
    auto j = json::parse(refused->body);
    CHECK(j["fingerprint"] == second);
    REQUIRE_FALSE(j["diagnostics"].empty());
    auto d = j["diagnostics"][0];
    CHECK(d["severity"] == "error");
    CHECK_THAT(d["code"].get<std::string>(), Catch::StartsWith("K0"));
    CHECK_THAT(d["location"]["input"].get<std::string>(), Catch::EndsWith("small.kader"));
    CHECK(d["location"]["line"].get<int>() >= 3);
    CHECK(fingerprint(server) == second);
    CHECK(verdict_for(server, "RU") == "deny");

    // Reloading rules that did not change is no change.
    rules.write(st::small_rules("deny"));
    auto same = client.Post("/v1/reload", "", "text/plain");
    REQUIRE(same);
    CHECK(json::parse(same->body)["changed"] == false);
    CHECK(json::parse(same->body)["fingerprint"] == second);
}

TEST_CASE("SIGHUP reloads the rules and a broken rule set is refused with its errors on stderr",
          "[serve]") {
    RuleFolder rules;
    st::Server server(rules.args());
    auto first = fingerprint(server);
    rules.write(st::small_rules("license_required"));
    server.signal(SIGHUP);
    CHECK(eventually([&] { return fingerprint(server) != first; }));
    CHECK(verdict_for(server, "RU") == "license_required");
    CHECK_THAT(server.err(), Catch::Contains("kader serve: reloaded the rules: sha256:"));
    auto second = fingerprint(server);

    rules.write(broken_rules);
    server.signal(SIGHUP);
    CHECK(eventually([&] { return server.err().find("not reloaded") != std::string::npos; }));
    CHECK_THAT(server.err(), Catch::Contains("small.kader:") && Catch::Contains("error[K0") &&
                                 Catch::Contains("still serving " + second));
    CHECK(fingerprint(server) == second);
    CHECK(verdict_for(server, "RU") == "license_required");
    CHECK(server.stop(SIGTERM) == 0);
}

TEST_CASE("a batch in flight during reloads is decided wholly by the rules it began with",
          "[serve]") {
    RuleFolder rules;
    st::Server server(rules.args());
    std::string lines;
    for (int i = 0; i < 20000; ++i)
        lines += st::small_case("C" + std::to_string(i), "RU") + "\n";
    int status = 0;
    std::string body;
    std::atomic<bool> done{false};
    std::thread sender([&] {
        auto res = server.client().Post("/v1/batch", lines, "application/x-ndjson");
        if (res) {
            status = res->status;
            body = res->body;
        }
        done = true;
    });
    int reloads = 0;
    auto client = server.client();
    while (!done) {
        rules.write(st::small_rules(reloads % 2 ? "prohibited" : "deny"));
        auto r = client.Post("/v1/reload", "", "text/plain");
        if (r && r->status == 200) ++reloads;
    }
    sender.join();
    REQUIRE(status == 200);
    std::set<std::string> fingerprints, verdicts;
    std::size_t start = 0, end, count = 0;
    while ((end = body.find('\n', start)) != std::string::npos) {
        auto d = json::parse(body.substr(start, end - start));
        fingerprints.insert(d["ruleset"]["fingerprint"].get<std::string>());
        verdicts.insert(d["verdict"].get<std::string>());
        start = end + 1;
        ++count;
    }
    CHECK(count == 20000);
    CHECK(reloads > 0);
    CHECK(fingerprints.size() == 1);
    CHECK(verdicts.size() == 1);
}

TEST_CASE("SIGTERM and SIGINT stop the server cleanly", "[serve]") {
    RuleFolder rules;
    for (int sig : {SIGTERM, SIGINT}) {
        st::Server server(rules.args());
        CHECK(verdict_for(server, "CN") == "escalate");
        CHECK(server.stop(sig) == 0);
        CHECK_THAT(server.err(), Catch::Contains("kader serve: stopped"));
    }
}

TEST_CASE("serve refuses bad options and a port in use", "[serve]") {
    for (std::string args : {"--port 70000", "--port x", "--threads 0", "--max-body -1",
                             "--timeout 0", "--host ''", "extra"}) {
        INFO(args);
        CHECK(st::kader("serve " + args).exit_code == 2);
    }
    RuleFolder rules;
    st::Server server(rules.args());
    CHECK(st::kader("serve --no-stdlib -r " + st::quoted(rules.path().string()) + " --port " +
                    std::to_string(server.port()))
              .exit_code == 2);
    rules.write(broken_rules);
    CHECK(st::kader("serve --no-stdlib -r " + st::quoted(rules.path().string()) + " --port 0")
              .exit_code == 2);
}
