// `why_not`: the smallest change of facts that moves a verdict, on the
// example cases with the standard library, and on small rule sets of our own.
#include "support.hpp"

#include "interpreter/case_reader.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/rule_loader.hpp"
#include "interpreter/whynot.hpp"

using kader::WhyNotOptions;
using kader::WhyNotResult;
using kader::WhyNotTarget;
using Json = nlohmann::ordered_json;
using V = kader::ast::Verdict;

namespace {

std::shared_ptr<const kader::Program> standard() {
    static const auto program = [] {
        kader::Diagnostics diags;
        auto p = kader::load_rules({}, diags);
        REQUIRE(p);
        return p;
    }();
    return program;
}

std::shared_ptr<const kader::Program> rules_of(const std::string& text) {
    kader::Diagnostics diags;
    kader::RuleSources sources;
    sources.stdlib = false;
    sources.texts.emplace_back("t.kader", kt::module_t(text));
    auto p = kader::load_rules(sources, diags);
    INFO(kader::render(diags));
    REQUIRE(p);
    return p;
}

Json example(const std::string& name) {
    return Json::parse(kt::read_file(kt::source_dir() / "examples" / "cases" / name));
}

WhyNotOptions towards(const std::string& target, int max_changes = 2) {
    WhyNotOptions o;
    auto t = kader::parse_why_not_target(target);
    REQUIRE(t);
    o.target = *t;
    o.max_changes = max_changes;
    return o;
}

WhyNotResult search(const std::shared_ptr<const kader::Program>& p, const Json& c,
                    const WhyNotOptions& o) {
    kader::Diagnostics diags;
    auto r = kader::why_not(p, c, o, "case", diags);
    INFO(kader::render(diags));
    REQUIRE(r);
    return *r;
}

// The error `why_not` gives instead of a result.
std::string refusal(const std::shared_ptr<const kader::Program>& p, const Json& c,
                    const WhyNotOptions& o) {
    kader::Diagnostics diags;
    auto r = kader::why_not(p, c, o, "case", diags);
    CHECK_FALSE(r);
    CHECK(diags.has_errors());
    return kader::render(diags);
}

// The case decided again with an alternative's changes made: the search's
// claim checked independently of it.
V verdict_after(const std::shared_ptr<const kader::Program>& p, Json c,
                const kader::WhyNotAlternative& a) {
    for (const auto& change : a.changes) {
        // "items[0].cn" -> "/items/0/cn"
        std::string pointer = "/" + change.path;
        for (auto& ch : pointer)
            if (ch == '.' || ch == '[') ch = '/';
        pointer.erase(std::remove(pointer.begin(), pointer.end(), ']'), pointer.end());
        c[Json::json_pointer(pointer)] = change.after;
    }
    kader::Diagnostics diags;
    auto data = kader::read_case(*p, c, "case", diags);
    REQUIRE(data);
    auto d = kader::decide(p, *data, {}, "case", diags);
    REQUIRE(d);
    return d->verdict;
}

std::vector<std::string> paths(const kader::WhyNotAlternative& a) {
    std::vector<std::string> out;
    for (const auto& c : a.changes)
        out.push_back(c.path);
    return out;
}

bool any_changes(const WhyNotResult& r, const std::string& path) {
    for (const auto& a : r.alternatives)
        for (const auto& c : a.changes)
            if (c.path == path) return true;
    return false;
}

std::vector<std::string> deciding_ids(const WhyNotResult& r, const kader::WhyNotAlternative& a) {
    std::vector<std::string> out;
    for (int i : a.deciding)
        out.push_back(r.program->rules[static_cast<std::size_t>(i)].id);
    return out;
}

} // namespace

TEST_CASE("why not: a PROHIBITED Russia case needs two changes to be allowed", "[whynot]") {
    Json c = example("chips-ru-defence-via-hk-2022-11.json");
    auto r = search(standard(), c, towards("allow"));
    CHECK(r.verdict == V::prohibited);
    REQUIRE(r.found);
    CHECK(r.size == 2);
    CHECK(r.alternatives.size() == 5);
    CHECK(r.solutions > 5);
    CHECK_FALSE(r.stopped_by_budget);
    CHECK(any_changes(r, "destination"));
    CHECK(any_changes(r, "date"));
    for (const auto& a : r.alternatives) {
        CHECK(a.changes.size() == 2);
        CHECK(a.verdict == V::allow);
        CHECK(verdict_after(standard(), c, a) == V::allow);
    }
    // The destination alone is not enough: the end user is in Russia too.
    auto one = search(standard(), c, towards("allow", 1));
    CHECK_FALSE(one.found);
    CHECK_FALSE(one.stopped_by_budget);
    CHECK(one.searched_size == 1);
}

TEST_CASE("why not: lower finds the day before the 8th package", "[whynot]") {
    Json c = example("chips-ru-defence-via-hk-2022-11.json");
    auto r = search(standard(), c, towards("lower"));
    REQUIRE(r.found);
    CHECK(r.size == 1);
    const auto& first = r.alternatives.front();
    CHECK(paths(first) == std::vector<std::string>{"date"});
    CHECK(first.changes[0].before == "2022-11-15");
    CHECK(first.changes[0].after == "2022-10-06");
    CHECK(first.verdict == V::deny);
    for (const auto& a : r.alternatives) {
        CHECK(a.verdict < V::prohibited);
        CHECK(verdict_after(standard(), c, a) == a.verdict);
    }
}

TEST_CASE("why not: higher finds the rule that takes effect, with its provision", "[whynot]") {
    Json c = example("chips-ru-defence-via-hk-2022-09.json");
    auto r = search(standard(), c, towards("higher"));
    CHECK(r.verdict == V::deny);
    REQUIRE(r.found);
    CHECK(r.size == 1);
    const auto& first = r.alternatives.front();
    CHECK(paths(first) == std::vector<std::string>{"date"});
    CHECK(first.changes[0].after == "2022-10-07");
    CHECK(first.verdict == V::prohibited);
    CHECK(deciding_ids(r, first) ==
          std::vector<std::string>{"sanctions.russia.annex_vii_electronic_components"});
    CHECK(any_changes(r, "items[0].cn"));
}

TEST_CASE("why not: --target reaches each verdict exactly or says it cannot", "[whynot]") {
    Json c = example("chips-us-partner-2024.json");
    int found = 0;
    for (const char* v : {"license_required", "escalate", "deny", "prohibited"}) {
        CAPTURE(v);
        auto r = search(standard(), c, towards(v));
        CHECK(r.verdict == V::allow);
        if (!r.found) continue;
        ++found;
        for (const auto& a : r.alternatives) {
            CHECK(std::string(kader::ast::to_string(a.verdict)) == v);
            CHECK_FALSE(a.deciding.empty());
            CHECK(verdict_after(standard(), c, a) == a.verdict);
        }
    }
    CHECK(found >= 3);
    auto r = search(standard(), c, towards("license_required"));
    REQUIRE(r.found);
    CHECK(r.size == 1);
    CHECK(any_changes(r, "end_use"));
}

TEST_CASE("why not: a bound too small ends the search with nothing found", "[whynot]") {
    Json c = example("military-enduser-ru-2019.json");
    auto o = towards("allow");
    o.budget = 5;
    auto r = search(standard(), c, o);
    CHECK_FALSE(r.found);
    CHECK(r.stopped_by_budget);
    CHECK(r.tried == 5);
    CHECK(r.alternatives.empty());
    std::string text = kader::render_why_not_text(r);
    CHECK_THAT(text, Catch::StartsWith("PROHIBITED now; no change of at most 2 facts found that "
                                       "makes it ALLOW (the budget of 5 decisions ran out"));
    CHECK_THAT(text, Catch::Contains("--budget N"));
    Json j = kader::to_json(r);
    CHECK(j["found"] == false);
    CHECK(j["changes_needed"].is_null());
    CHECK(j["search"]["stopped_by_budget"] == true);
    CHECK(j["search"]["decisions"] == 5);

    auto exhaustive = search(standard(), c, towards("allow", 1));
    CHECK_FALSE(exhaustive.found);
    CHECK_FALSE(exhaustive.stopped_by_budget);
    CHECK_THAT(kader::render_why_not_text(exhaustive),
               Catch::Contains("(searched all") && Catch::Contains("--max-changes N"));
}

TEST_CASE("why not: the same search twice gives the same answer", "[whynot]") {
    Json c = example("chips-ru-defence-via-hk-2022-11.json");
    auto a = search(standard(), c, towards("allow"));
    auto b = search(standard(), c, towards("allow"));
    CHECK(kader::to_json(a).dump() == kader::to_json(b).dump());
    CHECK(kader::render_why_not_text(a) == kader::render_why_not_text(b));
}

TEST_CASE("why not: targets it cannot move to are refused", "[whynot]") {
    Json ru = example("chips-ru-defence-via-hk-2022-11.json");
    Json us = example("chips-us-partner-2024.json");
    CHECK_THAT(refusal(standard(), ru, towards("prohibited")),
               Catch::Contains("K0906") && Catch::Contains("already decided prohibited"));
    CHECK_THAT(refusal(standard(), ru, towards("higher")), Catch::Contains("no verdict is higher"));
    CHECK_THAT(refusal(standard(), us, towards("lower")), Catch::Contains("no verdict is lower"));
    auto o = towards("allow");
    o.max_changes = 5;
    CHECK_THAT(refusal(standard(), ru, o), Catch::Contains("at most 4 changes"));
    o.max_changes = 0;
    CHECK_THAT(refusal(standard(), ru, o), Catch::Contains("at most 4 changes"));
    o = towards("allow");
    o.budget = 0;
    CHECK_THAT(refusal(standard(), ru, o), Catch::Contains("budget"));
    Json broken = ru;
    broken["destination"] = "XX";
    CHECK_THAT(refusal(standard(), broken, towards("allow")), Catch::Contains("K0704"));
    Json undated = ru;
    undated.erase("date");
    CHECK_THAT(refusal(standard(), undated, towards("allow")), Catch::Contains("K0706"));
    CHECK_FALSE(kader::parse_why_not_target("allowed"));
    CHECK(kader::parse_why_not_target("higher")->kind == WhyNotTarget::Kind::higher);
}

TEST_CASE("why not: the facts tried are those the rules test, under records the case has",
          "[whynot]") {
    Json c = example("chips-ru-defence-via-hk-2022-11.json");
    auto facts = kader::candidate_changes(*standard(), c, false);
    std::vector<std::string> names;
    for (const auto& f : facts)
        names.push_back(f.path);
    for (const char* p : {"date", "destination", "end_use", "items[0].cn", "items[0].code",
                          "parties[1].country", "parties[1].flags", "transit"})
        CHECK(std::find(names.begin(), names.end(), p) != names.end());
    // No params record in the case: its fields are not invented.
    CHECK(std::find(names.begin(), names.end(), "items[0].params.node_nm") == names.end());
    // Nothing tests a party's name.
    CHECK(std::find(names.begin(), names.end(), "parties[0].name") == names.end());
    // With a fixed as-of date, the case's date only matters where a rule compares it.
    auto fixed = kader::candidate_changes(*standard(), c, true);
    auto date_values = [](const std::vector<kader::FactCandidates>& fs) {
        for (const auto& f : fs)
            if (f.path == "date") return f.changes.size();
        return std::size_t{0};
    };
    CHECK(date_values(fixed) < date_values(facts));

    Json euv = example("euv-cn-2021.json");
    bool node = false;
    for (const auto& f : kader::candidate_changes(*standard(), euv, false))
        node = node || f.path.find(".params.") != std::string::npos;
    CHECK(node);
}

TEST_CASE("why not: a threshold is crossed by its smallest step", "[whynot]") {
    auto p = rules_of(R"(
rule advanced
  goal tech_leadership
  basis "test basis"
  when any item in case.items: known(item.params.node_nm) and item.params.node_nm <= 16
  then license_required

rule fine_value
  goal end_use
  basis "value basis"
  when known(case.value_eur) and case.value_eur > 2.5
  then escalate
)");
    Json c = Json::parse(R"({"date": "2024-01-01", "destination": "CN", "value_eur": 1.5,
                             "items": [{"params": {"node_nm": 7}}]})");
    auto lower = search(p, c, towards("allow"));
    REQUIRE(lower.found);
    REQUIRE(lower.alternatives.size() == 1);
    CHECK(lower.alternatives[0].changes[0].path == "items[0].params.node_nm");
    CHECK(lower.alternatives[0].changes[0].after == 17);
    auto higher = search(p, c, towards("escalate"));
    REQUIRE(higher.found);
    CHECK(higher.alternatives[0].changes[0].path == "value_eur");
    CHECK(higher.alternatives[0].changes[0].after == 2.6);
    CHECK(deciding_ids(higher, higher.alternatives[0]) == std::vector<std::string>{"t.fine_value"});
}

TEST_CASE("why not: lists of texts gain and lose the values rules look for", "[whynot]") {
    auto p = rules_of(R"(
rule transit_ru
  goal sanctions
  basis "transit basis"
  when known(case.transit) and "RU" in case.transit
  then prohibited

rule flagged
  goal end_use
  basis "flag basis"
  when any party in case.parties: "listed" in party.flags
  then deny
)");
    Json c = Json::parse(R"({"date": "2024-01-01", "destination": "KZ", "items": [{}],
                             "parties": [{"role": "consignee", "country": "KZ",
                                          "flags": ["listed"]}]})");
    auto up = search(p, c, towards("prohibited"));
    REQUIRE(up.found);
    CHECK(up.alternatives[0].changes[0].path == "transit");
    CHECK(up.alternatives[0].changes[0].adds());
    CHECK(up.alternatives[0].changes[0].after == Json::array({"RU"}));
    auto down = search(p, c, towards("allow"));
    REQUIRE(down.found);
    CHECK(any_changes(down, "parties[0].flags"));
    CHECK_THAT(kader::render_why_not_text(down),
               Catch::Contains("parties[0].flags: [\"listed\"] -> []"));
}
