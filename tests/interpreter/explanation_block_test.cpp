// The explanation block (interpreter/explanation.hpp): paths written from
// their steps, reasons linked by index and read back as trees, the room a
// batch keeps from one decision to the next, and paths too long for the
// JSON renderer's buffer.
#include "interpreter/decision.hpp"
#include "support.hpp"

#include <string>
#include <vector>

using kader::Explanation;
using kader::PathStep;

namespace {

// Steps 1..: the case, `parties`, its element 2, `id`.
std::vector<PathStep> party_id_steps() {
    return {{}, {0, {}, -1}, {1, "parties", -1}, {2, "parties", 2}, {3, "id", -1}};
}

} // namespace

TEST_CASE("a path is written from its steps as the explanation shows it") {
    auto steps = party_id_steps();
    CHECK(kader::path_text(steps, 1).empty()); // the case itself
    CHECK(kader::path_text(steps, 2) == "parties");
    CHECK(kader::path_text(steps, 3) == "parties[2]");
    CHECK(kader::path_text(steps, 4) == "parties[2].id");
    // An element of a list with no path is named by the list's text.
    steps.push_back({0, R"(["a", "b"])", 1});
    CHECK(kader::path_text(steps, 5) == R"(["a", "b"][1])");
}

TEST_CASE("a path deeper than the steps gathered at once is written whole") {
    std::vector<PathStep> steps{{}, {0, {}, -1}};
    std::vector<std::string> names;
    for (int i = 0; i < 40; ++i)
        names.push_back("f" + std::to_string(i));
    std::string expected;
    for (int i = 0; i < 40; ++i) {
        steps.push_back({static_cast<std::int32_t>(steps.size() - 1), names[i], -1});
        expected += (i ? "." : "") + names[i];
    }
    CHECK(kader::path_text(steps, static_cast<std::int32_t>(steps.size() - 1)) == expected);
}

TEST_CASE("two steps made apart for one place are the same path") {
    auto steps = party_id_steps();
    // `parties[2].id` read a second time: new steps, the same place.
    steps.push_back({3, "id", -1});
    steps.push_back({2, "parties", 1});
    CHECK(kader::same_path(steps, 4, 5));
    CHECK_FALSE(kader::same_path(steps, 4, 6));
    CHECK_FALSE(kader::same_path(steps, 3, 6));
}

TEST_CASE("a reason of the block reads back as the tree it stands for") {
    Explanation e;
    e.steps = party_id_steps();
    e.reasons.resize(3);
    // The root has two parts, 1 then 2; part 2 read `parties[2].id`, "E02466".
    e.reasons[0].node = 7;
    e.reasons[0].first_part = 1, e.reasons[0].last_part = 2;
    e.reasons[0].value.kind = kader::ShownValue::Kind::boolean;
    e.reasons[0].value.boolean = true;
    e.reasons[1].next = 2;
    e.reasons[1].node = 8;
    e.reasons[2].node = 9;
    e.reasons[2].first_fact = e.reasons[2].last_fact = 0;
    auto& fact = e.facts.emplace_back();
    fact.path = 4;
    fact.value.kind = kader::ShownValue::Kind::string;
    fact.value.text_at = e.keep("E02466", fact.value.text_size);
    e.reasons[0].witness = 0;
    auto& w = e.witnesses.emplace_back();
    w.path = 3, w.field = "id";
    w.name_at = e.keep("E02466", w.name_size);

    kader::Reason r = kader::reason_tree(e, 0);
    CHECK(r.node == 7);
    CHECK(r.value.kind == kader::ShownValue::Kind::boolean);
    CHECK(r.value.boolean);
    REQUIRE(r.parts.size() == 2);
    CHECK(r.parts[0].node == 8);
    CHECK(r.parts[0].facts.empty());
    CHECK(r.parts[1].node == 9);
    REQUIRE(r.parts[1].facts.size() == 1);
    CHECK(r.parts[1].facts[0].path == "parties[2].id");
    CHECK(r.parts[1].facts[0].value.text == "E02466");
    REQUIRE(r.witness);
    CHECK(r.witness->path == "parties[2]");
    CHECK(r.witness->field == "id");
    CHECK(r.witness->name == "E02466");
    CHECK(kader::reason_tree(e, -1).node == -1);
}

TEST_CASE("a block emptied for reuse keeps its room, up to a bound") {
    Explanation fresh;
    fresh.make_room(); // room for a usual decision, at once
    CHECK(fresh.reasons.capacity() > 0);
    CHECK(fresh.reasons.capacity() < 40);
    Explanation used;
    used.reasons.resize(40);
    used.facts.resize(3);
    used.texts = std::string(100, 'x');
    used.clear_for_reuse();
    CHECK(used.reasons.empty());
    CHECK(used.facts.empty());
    CHECK(used.texts.empty());
    CHECK(used.reasons.capacity() >= 40);
    used.make_room(); // (it has room: nothing to make)
    CHECK(used.reasons.capacity() >= 40);
    // A block grown past the bound lets its room go.
    Explanation large;
    large.reasons.resize(100000);
    large.clear_for_reuse();
    CHECK(large.reasons.empty());
    CHECK(large.reasons.capacity() == 0);
}

TEST_CASE("a fact's path longer than the renderer's buffer is written whole") {
    const std::string name(150, 'n');
    auto rules = kt::load("module t\n\nschema case {\n  date: date\n  parties: list of record {\n"
                          "    " +
                          name +
                          ": string\n  }\n}\n\n"
                          "rule listed\n  goal end_use\n  basis \"test\"\n"
                          "  when any p in case.parties: p." +
                          name + " == \"X\"\n  then deny\n");
    auto j = kt::decide_json(rules, R"({"date": "2024-01-01", "parties": [{")" + name +
                                        R"(": "Y"}, {")" + name + R"(": "X"}]})");
    const auto& part = j["applied"][0]["reason"]["parts"][0];
    CHECK(part["facts"][0]["path"] == "parties[1]." + name);
    CHECK(part["facts"][0]["value"] == "X");
}
