// With --log, every decision served is on record before it is shown; one
// that cannot be put on record is a 503 and is not shown.
#include "load.hpp"
#include "openapi_check.hpp"
#include "support.hpp"

#include "kader_catch.hpp"

#include <map>
#include <set>
#include <sqlite3.h>

using st::json;

namespace {

std::vector<json> log_list(const st::fs::path& db) {
    auto r = st::kader("log list " + st::quoted(db.string()) + " --format json");
    REQUIRE(r.exit_code == 0);
    std::vector<json> entries;
    std::size_t start = 0, end;
    while ((end = r.out.find('\n', start)) != std::string::npos) {
        entries.push_back(json::parse(r.out.substr(start, end - start)));
        start = end + 1;
    }
    return entries;
}

} // namespace

TEST_CASE("with --log every decision served is in the decision log", "[serve]") {
    st::TempDir dir;
    auto db = dir.path() / "decisions.db";
    st::Server server({"--log", db.string()});
    auto client = server.client();
    auto cases = st::example_cases();
    auto one = client.Post("/v1/decide", st::read_file(cases[0]), "application/json");
    auto two = client.Post("/v1/decide?as_of=2024-01-01&format=text", st::read_file(cases[1]),
                           "application/json");
    auto batch = client.Post("/v1/batch",
                             st::one_line(st::read_file(cases[2])) + "\nnot a case\n" +
                                 st::one_line(st::read_file(cases[3])) + "\n",
                             "application/x-ndjson");
    auto bad = client.Post("/v1/decide", "{", "application/json");
    REQUIRE((one && two && batch && bad));
    CHECK(one->status == 200);
    CHECK(two->status == 200);
    CHECK(batch->status == 200);
    CHECK(bad->status == 400);
    auto entries = log_list(db);
    REQUIRE(entries.size() == 4); // the bad line and the bad case decide nothing
    for (std::size_t i = 0; i < 4; ++i)
        CHECK(entries[i]["case"] == json::parse(st::read_file(cases[i]))["id"]);
    // The entry holds the decision as served.
    auto shown = st::kader("log show " + st::quoted(db.string()) + " 1 --format json");
    REQUIRE(shown.exit_code == 0);
    auto entry = json::parse(shown.out);
    CHECK(entry["decision"] == json::parse(one->body));
    CHECK(entry["command"] == "serve");
    CHECK_THAT(entry["origin"].get<std::string>(), Catch::StartsWith("POST /v1/decide (client "));
    auto third =
        json::parse(st::kader("log show " + st::quoted(db.string()) + " 3 --format json").out);
    CHECK_THAT(third["origin"].get<std::string>(),
               Catch::StartsWith("POST /v1/batch (client ") && Catch::EndsWith(": line 1"));
    // The log replays byte for byte.
    CHECK(st::kader("replay " + st::quoted(db.string())).exit_code == 0);
    // A decision without its reasons is not one to keep on record.
    auto rules =
        client.Post("/v1/decide?explain=rules", st::read_file(cases[0]), "application/json");
    REQUIRE(rules);
    CHECK(rules->status == 400);
    CHECK_THAT(rules->body, Catch::Contains("`explain=rules` leaves out the reasons"));
    auto batch_rules = client.Post("/v1/batch?explain=rules", st::one_line(st::read_file(cases[0])),
                                   "application/x-ndjson");
    REQUIRE(batch_rules);
    CHECK(batch_rules->status == 400);
    CHECK_THAT(batch_rules->body, Catch::Contains("`explain=rules` leaves out the reasons"));
    CHECK(log_list(db).size() == 4);
    // A batch explained in full is logged as full, and replays.
    auto full = client.Post("/v1/batch?explain=full", st::one_line(st::read_file(cases[0])),
                            "application/x-ndjson");
    REQUIRE(full);
    CHECK(full->status == 200);
    CHECK_THAT(full->body, Catch::Contains("\"not_applied\""));
    REQUIRE(log_list(db).size() == 5);
    auto fifth =
        json::parse(st::kader("log show " + st::quoted(db.string()) + " 5 --format json").out);
    CHECK(fifth["explain"] == "full");
    CHECK(fifth["decision"] == json::parse(full->body));
    CHECK(st::kader("replay " + st::quoted(db.string())).exit_code == 0);
}

TEST_CASE("a decision that cannot be logged is a 503 and is not shown", "[serve]") {
    st::TempDir dir;
    auto db = dir.path() / "decisions.db";
    st::Server server({"--log", db.string()});
    auto client = server.client();
    auto body = st::read_file(st::example_cases()[0]);
    REQUIRE(client.Post("/v1/decide", body, "application/json")->status == 200);
    // Another program holds the log's lock for longer than the log waits (10 s).
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
    auto refused = client.Post("/v1/decide", body, "application/json");
    auto batch = client.Post("/v1/batch", st::one_line(body), "application/x-ndjson");
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    for (const auto* res : {&refused, &batch}) {
        REQUIRE(*res);
        INFO((*res)->body);
        CHECK((*res)->status == 503);
        auto j = json::parse((*res)->body);
        CHECK_FALSE(j.contains("verdict"));
        REQUIRE_FALSE(j["diagnostics"].empty());
        CHECK(j["diagnostics"][0]["code"] == "K1003");
    }
    auto doc = json::parse(client.Get("/openapi.json")->body);
    st::check_documented(doc, "/v1/decide", "post", refused);
    st::check_documented(doc, "/v1/batch", "post", batch);
    // Once the lock is gone, decisions are logged again; nothing was lost.
    REQUIRE(client.Post("/v1/decide", body, "application/json")->status == 200);
    CHECK(log_list(db).size() == 2);
}

TEST_CASE("decisions served at once to several clients are all logged once", "[serve]") {
    st::TempDir dir;
    auto db = dir.path() / "decisions.db";
    st::fs::create_directory(dir.path() / "rules");
    st::write_file(dir.path() / "rules" / "small.kader", st::small_rules());
    st::Server server(
        {"--no-stdlib", "-r", (dir.path() / "rules").string(), "--threads", "8", "--log", db});
    std::vector<st::LoadCase> cases = {{st::small_case("RU-1", "RU"), "prohibited"},
                                       {st::small_case("CN-1", "CN"), "escalate"},
                                       {st::small_case("NL-1", "NL"), "allow"}};
    auto r = st::run_load(server.port(), cases, 600, 8);
    INFO(r.first_failure);
    CHECK(r.failures == 0);
    auto entries = log_list(db);
    CHECK(entries.size() == 600);
    std::map<std::string, int> per_case;
    std::set<std::int64_t> ids;
    for (const auto& e : entries) {
        ++per_case[e["case"].get<std::string>()];
        ids.insert(e["id"].get<std::int64_t>());
    }
    CHECK(per_case == std::map<std::string, int>{{"CN-1", 200}, {"NL-1", 200}, {"RU-1", 200}});
    CHECK(ids.size() == 600);
}
