// Paths and edits of the case JSON, against the test schema.
#include "support.hpp"

#include "interpreter/repl/case_editor.hpp"

#include "kader_catch.hpp"
#include <fmt/format.h>

using namespace kader;
using namespace kader::repl;
using namespace kader::test;

namespace {

std::shared_ptr<const Program> test_rules() {
    static std::shared_ptr<const Program> p = [] {
        Diagnostics diags;
        RuleSources s;
        s.stdlib = false;
        s.paths.push_back((tests_dir() / "fixtures" / "rules").string());
        return load_rules(s, diags);
    }();
    return p;
}

Json hk() {
    return Json::parse(read_file(tests_dir() / "fixtures" / "cases" / "hk.json"));
}

CasePath path(const std::string& text) {
    InputError e;
    auto p = parse_path(text, 0, e);
    INFO(e.message);
    REQUIRE(p);
    return *p;
}

std::string path_error(const std::string& text) {
    InputError e;
    auto p = parse_path(text, 0, e);
    if (p) schema_nodes(*test_rules(), *p, e);
    return fmt::format("{}@{}", e.message, e.column);
}

} // namespace

TEST_CASE("paths are parsed into steps with their columns") {
    CasePath p = path("items[0].params.node_nm");
    REQUIRE(p.steps.size() == 4);
    CHECK(p.steps[1].is_index);
    CHECK(p.steps[1].index == 0);
    CHECK(p.steps[3].field == "node_nm");
    CHECK(p.steps[3].column == 16);
    CHECK(p.text() == "items[0].params.node_nm");
    CHECK(path("case.parties[12].country").text() == "parties[12].country");
    CHECK(path("case").steps.empty());
    CHECK(path_error("parties[x]") == "a list index is a number, as in `parties[0]`@8");
    CHECK(path_error("parties[1") == "expected `]` after the index@9");
    CHECK(path_error("parties..x") == "expected a field name@8");
    CHECK(path_error("[0]") == "a path starts with a field name, as in `parties[0]`@0");
    CHECK(path_error("") == "expected a path such as `parties[0].country`@0");
    CHECK(path_error("case[0]") == "the case is a record, not a list@4");
}

TEST_CASE("paths are checked against the schema") {
    CHECK(path_error("parties[0].cuntry") == "`parties[0]` has no field `cuntry`@11");
    CHECK(path_error("destinaton") == "the case has no field `destinaton`@0");
    CHECK(path_error("parties.country") == "`parties` is a list: pick one of its elements first@8");
    CHECK(path_error("destination[0]") == "`destination` is not a list@11");
    CHECK(path_error("date.year") == "`date` is a date such as 2024-06-03 and has no fields@5");
}

TEST_CASE("edits change the case and say what changed") {
    const Program& p = *test_rules();
    Json c = hk();
    InputError e;
    auto set = [&](const std::string& where, Json value) {
        Edit edit;
        edit.path = path(where);
        edit.value = std::move(value);
        auto out = apply_edit(p, c, edit, e);
        INFO(e.message);
        REQUIRE(out);
        return *out;
    };
    CHECK(set("parties[0].country", "KZ") == R"(parties[0].country: "HK" -> "KZ")");
    // Absent optional records on the way are created, in schema order.
    CHECK(set("items[0].params.node_nm", 5) == "items[0].params.node_nm: (absent) -> 5");
    CHECK(
        one_line(c["items"][0]) ==
        R"({"description": "microcontroller", "code": "3A001.a.2", "cn": "85423190", "params": {"node_nm": 5}, "quantity": 5000})");
    CHECK(set("contract_date", "2024-01-01") == R"(contract_date: (absent) -> "2024-01-01")");
    std::vector<std::string> keys;
    for (const auto& [k, v] : c.items())
        keys.push_back(k);
    CHECK(keys == std::vector<std::string>{"id", "date", "exporter", "destination", "end_use",
                                           "contract_date", "items", "parties"});
    CHECK(case_problems(p, c).empty());

    Edit add;
    add.kind = EditKind::add;
    add.path = path("transit");
    add.value = "KZ";
    CHECK(apply_edit(p, c, add, e) == std::optional<std::string>(R"(transit[0]: (new) "KZ")"));
    Edit remove;
    remove.kind = EditKind::remove;
    remove.path = path("transit[0]");
    CHECK(apply_edit(p, c, remove, e) == std::optional<std::string>(R"(transit[0]: removed "KZ")"));
    remove.path = path("transit[0]");
    CHECK_FALSE(apply_edit(p, c, remove, e));
    CHECK(e.message == "`transit` is empty");
}

TEST_CASE("new problems are those an edit causes") {
    const Program& p = *test_rules();
    Json c = skeleton(p);
    CHECK(one_line(c) == R"({"date": null, "destination": null, "items": [{}], "parties": []})");
    CHECK(null_paths(c) == std::vector<std::string>{"date", "destination"});
    auto before = case_problems(p, c);
    CHECK(before.size() == 2);
    c["date"] = "2024-06-03";
    CHECK(new_problems(before, case_problems(p, c)).empty());
    c["destination"] = "XX";
    auto fresh = new_problems(before, case_problems(p, c));
    REQUIRE(fresh.size() == 1);
    CHECK(fresh[0].message == R"(destination: "XX" is not an ISO 3166-1 alpha-2 country code)");
}
