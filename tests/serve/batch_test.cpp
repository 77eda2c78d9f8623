// POST /v1/batch answers what `kader batch` writes for the same lines.
#include "support.hpp"

#include "kader_catch.hpp"

using st::json;

namespace {

std::string example_lines(std::size_t count) {
    auto cases = st::example_cases();
    std::string lines;
    for (std::size_t i = 0; i < count; ++i)
        lines += st::one_line(st::read_file(cases[i % cases.size()])) + "\n";
    return lines;
}

std::string kader_batch(const std::string& lines, const std::string& options = "") {
    st::TempDir dir;
    auto file = dir.path() / "cases.jsonl";
    st::write_file(file, lines);
    return st::kader("batch " + st::quoted(file.string()) + " -j 1 " + options).out;
}

std::size_t count_lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

TEST_CASE("batch answers one line per case in input order with an error line for a bad one",
          "[serve]") {
    st::Server server({});
    auto cases = st::example_cases();
    auto wrong_type = json::parse(st::read_file(cases[1]));
    wrong_type["destination"] = 7;
    std::string lines = st::one_line(st::read_file(cases[0])) + "\n" + "\n" + "not a case\n" +
                        st::one_line(st::read_file(cases[2])) + "\n" + wrong_type.dump() + "\n" +
                        "   \n" + st::one_line(st::read_file(cases[3])); // no final newline
    auto res = server.client().Post("/v1/batch", lines, "application/x-ndjson");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/x-ndjson");
    CHECK(res->body == kader_batch(lines));
    REQUIRE(count_lines(res->body) == 5); // blank lines carry no case
    std::vector<json> out;
    std::size_t start = 0, end;
    while ((end = res->body.find('\n', start)) != std::string::npos) {
        out.push_back(json::parse(res->body.substr(start, end - start)));
        start = end + 1;
    }
    CHECK(out[0]["case"] == json::parse(st::read_file(cases[0]))["id"]);
    CHECK(out[1]["line"] == 3);
    CHECK(out[1]["code"] == "K0107");
    CHECK(out[2]["case"] == json::parse(st::read_file(cases[2]))["id"]);
    CHECK(out[3]["line"] == 5);
    CHECK(out[3]["code"] == "K0703");
    CHECK(out[4]["case"] == json::parse(st::read_file(cases[3]))["id"]);
}

TEST_CASE("a large batch streams chunked and equals kader batch with --as-of", "[serve]") {
    st::Server server({});
    std::string lines = example_lines(700);
    auto res = server.client().Post("/v1/batch?as_of=2023-06-01", lines, "application/x-ndjson");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Transfer-Encoding") == "chunked");
    CHECK(count_lines(res->body) == 700);
    CHECK(res->body == kader_batch(lines, "--as-of 2023-06-01"));
}

TEST_CASE("a batch explained at each level equals kader batch with --explain", "[serve]") {
    st::Server server({});
    auto client = server.client();
    std::string lines = example_lines(6);
    for (std::string level : {"rules", "brief", "full"}) {
        INFO(level);
        auto res = client.Post("/v1/batch?explain=" + level, lines, "application/x-ndjson");
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->body == kader_batch(lines, "--explain " + level));
        auto first = json::parse(res->body.substr(0, res->body.find('\n')));
        REQUIRE_FALSE(first["applied"].empty());
        CHECK(first["applied"][0].contains("reason") == (level != "rules"));
        CHECK(first.contains("not_applied") == (level == "full"));
    }
    CHECK(client.Post("/v1/batch?explain=brief", lines, "application/x-ndjson")->body ==
          client.Post("/v1/batch", lines, "application/x-ndjson")->body);
}

TEST_CASE("an empty batch is an empty answer and a bad as_of a 400", "[serve]") {
    st::Server server({});
    auto client = server.client();
    auto empty = client.Post("/v1/batch", "", "application/x-ndjson");
    REQUIRE(empty);
    CHECK(empty->status == 200);
    CHECK(empty->body.empty());
    auto bad = client.Post("/v1/batch?as_of=2023-02-30", example_lines(2), "application/x-ndjson");
    REQUIRE(bad);
    CHECK(bad->status == 400);
    CHECK(json::parse(bad->body)["diagnostics"][0]["code"] == "K0906");
    auto explain = client.Post("/v1/batch?explain=all", example_lines(2), "application/x-ndjson");
    REQUIRE(explain);
    CHECK(explain->status == 400);
    CHECK(json::parse(explain->body)["diagnostics"][0]["code"] == "K0906");
    CHECK_THAT(explain->body, Catch::Contains("`explain=all`: choose rules, brief or full"));
    auto format = client.Post("/v1/batch?format=text", example_lines(2), "application/x-ndjson");
    REQUIRE(format);
    CHECK(format->status == 400);
}
