// The decision JSON of INTERFACES.md, reasons and witnesses, full
// explanations, determinism and the rule set fingerprint.
#include "support.hpp"

#include <regex>
#include <thread>

using kt::Strings;

namespace {

const std::string explained = kt::module_t(R"R(
def advanced(item) = item.params.node_nm <= 16
def russia_bound = case.destination == "RU" or any p in case.parties: p.country == "RU"

rule advanced_chips
  goal tech_leadership
  basis "Framework goal 3: technological leadership"
  review "the 16 nm threshold is provisional"
  when case.destination in {"CN", "RU"} and any item in case.items: advanced(item)
  then escalate "item {item.code} is made at {item.params.node_nm} nm and goes to {case.destination}"
  oblige end_use_statement "obtain an end-use statement for {item.code}"

rule russia
  goal sanctions
  basis "Reg. 833/2014 Art. 2"
  effective from 2022-02-26
  when russia_bound
  then prohibited "the goods reach Russia"

rule listed
  goal control_list
  basis "Reg. 2021/821 Annex I"
  when any item in case.items: item.code under "3A001"
  then license_required "item {item.code} is listed"

rule military
  goal end_use
  basis "Reg. 2021/821 Art. 4"
  when case.end_use == "military" and case.destination != "JP"
  then deny
)R");

const char* const chips_case = R"({"id": "EX-1", "date": "2023-03-01", "destination": "CN",
  "items": [{"code": "3A001.a.2", "params": {"node_nm": 28}}, {"code": "3A001.a.12", "params": {"node_nm": 7}}],
  "parties": [{"name": "Trading Ltd", "role": "intermediary", "country": "HK"}, {"name": "Buyer LLC", "role": "end_user", "country": "RU"}]})";

} // namespace

TEST_CASE("the decision JSON has the fields of INTERFACES.md, in order") {
    auto j = kt::decide_json(kt::load(explained), chips_case);
    Strings keys;
    for (const auto& [key, value] : j.items())
        keys.push_back(key);
    CHECK(keys == Strings{"case", "verdict", "incomplete", "as_of", "ruleset", "goals", "applied",
                          "overridden", "undetermined", "obligations"});
    CHECK(j["case"] == "EX-1");
    CHECK(j["verdict"] == "prohibited");
    // The end use is unknown, but a denial would not change a prohibition.
    CHECK(j["incomplete"] == false);
    CHECK(j["as_of"] == "2023-03-01");
    CHECK(j["ruleset"]["modules"] == Strings{"t"});
    CHECK(std::regex_match(j["ruleset"]["fingerprint"].get<std::string>(),
                           std::regex("sha256:[0-9a-f]{64}")));
    CHECK(j["goals"].size() == 5);
    CHECK(j["goals"]["sanctions"] == "prohibited");
    CHECK(j["goals"]["tech_leadership"] == "escalate");
    CHECK(j["goals"]["control_list"] == "license_required");
    CHECK(j["goals"]["end_use"] == "allow");
    CHECK(kt::column(j["applied"]) == Strings{"t.russia", "t.advanced_chips", "t.listed"});
    CHECK(kt::column(j["undetermined"]) == Strings{"t.military"});
    CHECK_FALSE(j.contains("missing"));
}

TEST_CASE("an applied rule carries its verdict, goal, basis, message, location and reason") {
    auto j = kt::decide_json(kt::load(explained), chips_case);
    auto a = kt::entry(j["applied"], "t.advanced_chips");
    Strings keys;
    for (const auto& [key, value] : a.items())
        keys.push_back(key);
    CHECK(keys ==
          Strings{"rule", "verdict", "goal", "basis", "message", "location", "review", "reason"});
    CHECK(a["verdict"] == "escalate");
    CHECK(a["goal"] == "tech_leadership");
    CHECK(a["basis"] == "Framework goal 3: technological leadership");
    CHECK(a["message"] == "item 3A001.a.12 is made at 7 nm and goes to CN");
    CHECK(a["location"] == "t.kader:33:1");
    CHECK(a["review"] == "the 16 nm threshold is provisional");
}

TEST_CASE("the reason of an and shows every part, with the witness of any") {
    auto j = kt::decide_json(kt::load(explained), chips_case);
    auto reason = kt::entry(j["applied"], "t.advanced_chips")["reason"];
    CHECK(reason["expr"] ==
          "case.destination in {\"CN\", \"RU\"} and any item in case.items: advanced(item)");
    CHECK(reason["value"] == true);
    REQUIRE(reason["parts"].size() == 2);
    // Each part: the expression, where it is written, its value and the facts it read.
    CHECK(reason["parts"][0] ==
          nlohmann::ordered_json::parse(
              R"({"expr": "case.destination in {\"CN\", \"RU\"}", "location": "t.kader:37:8",
                  "value": true,
                  "facts": [{"path": "destination", "type": "string", "value": "CN"}]})"));
    auto any = reason["parts"][1];
    CHECK(any["expr"] == "any item in case.items: advanced(item)");
    CHECK(any["witness"] == kt::witness("items[1]", "code", "3A001.a.12"));
    CHECK(any["parts"][0]["expr"] == "advanced(item)");
    CHECK(any["parts"][0]["definition"] == "t.advanced");
    // A number stays a number.
    CHECK(any["parts"][0]["parts"][0] ==
          nlohmann::ordered_json::parse(
              R"({"expr": "item.params.node_nm <= 16", "location": "t.kader:30:22", "value": true,
                  "facts": [{"path": "items[1].params.node_nm", "type": "number", "value": 7}]})"));
}

TEST_CASE("the reason of an or shows the part that held") {
    auto j = kt::decide_json(kt::load(explained), chips_case);
    auto reason = kt::entry(j["applied"], "t.russia")["reason"];
    CHECK(reason["definition"] == "t.russia_bound");
    auto body = reason["parts"][0];
    CHECK(body["expr"] ==
          "case.destination == \"RU\" or any p in case.parties: p.country == \"RU\"");
    REQUIRE(body["parts"].size() == 1);
    CHECK(body["parts"][0]["witness"] == kt::witness("parties[1]", "name", "Buyer LLC"));
}

TEST_CASE("the reason of a false or shows every part that failed, with its facts") {
    const char* jp = R"({"id": "EX-3", "date": "2023-03-01", "destination": "JP", "items": [{}],
        "parties": [{"name": "Tokyo KK", "role": "end_user", "country": "JP"}]})";
    auto j = kt::decide_json(kt::load(explained), jp, {.as_of = {}, .full = true});
    auto failed = kt::entry(j["not_applied"], "t.russia")["failed"];
    REQUIRE(failed["definition"] == "t.russia_bound");
    auto body = failed["parts"][0];
    CHECK(body["value"] == false);
    REQUIRE(body["parts"].size() == 2);
    CHECK(body["parts"][0]["expr"] == "case.destination == \"RU\"");
    CHECK(body["parts"][0]["facts"][0]["value"] == "JP");
    CHECK(body["parts"][1]["expr"] == "any p in case.parties: p.country == \"RU\"");
    CHECK(body["parts"][1]["value"] == false);
}

TEST_CASE("obligation messages are filled in from the case") {
    auto j = kt::decide_json(kt::load(explained), chips_case);
    REQUIRE(j["obligations"].size() == 1);
    CHECK(j["obligations"][0] ==
          nlohmann::ordered_json::parse(
              R"({"obligation": "end_use_statement", "rule": "t.advanced_chips",
        "basis": "Framework goal 3: technological leadership", "message": "obtain an end-use statement for 3A001.a.12"})"));
}

TEST_CASE("without reasons a decision keeps its rules, messages and obligations") {
    auto rules = kt::load(explained);
    auto brief = kt::decide_json(rules, chips_case);
    auto short_ =
        kt::decide_json(rules, chips_case, {.as_of = {}, .full = false, .reasons = false});
    // The messages read the element their rule's quantifier bound, not the
    // one a rule evaluated after it bound in the same frame (`listed`).
    CHECK(kt::entry(short_["applied"], "t.advanced_chips")["message"] ==
          "item 3A001.a.12 is made at 7 nm and goes to CN");
    CHECK(kt::entry(short_["applied"], "t.listed")["message"] == "item 3A001.a.2 is listed");
    CHECK(short_["obligations"][0]["message"] == "obtain an end-use statement for 3A001.a.12");
    for (auto& a : short_["applied"])
        CHECK_FALSE(a.contains("reason"));
    for (auto& a : brief["applied"])
        a.erase("reason");
    CHECK(short_ == brief);
    auto text =
        kt::decide(rules, chips_case, {.as_of = {}, .full = false, .reasons = false}).to_text();
    CHECK_THAT(text, Catch::StartsWith("PROHIBITED — Reg. 833/2014 Art. 2\n"
                                       "  the goods reach Russia\n"));
    CHECK_THAT(text, !Catch::Contains("because"));
}

TEST_CASE("an explanation level is set by the name every interface gives it") {
    kader::EvalOptions o;
    CHECK(kader::set_explain(o, "rules"));
    CHECK((!o.reasons && !o.full));
    CHECK(kader::set_explain(o, "full"));
    CHECK((o.reasons && o.full));
    CHECK(kader::set_explain(o, "brief"));
    CHECK((o.reasons && !o.full));
    // Any other name leaves the options as they were.
    o.full = true;
    for (const char* wrong : {"", "Brief", "rule", "full ", "none"}) {
        CHECK_FALSE(kader::set_explain(o, wrong));
        CHECK((o.reasons && o.full));
    }
}

TEST_CASE("the text rendering puts verdict, citations and reasons first") {
    auto text = kt::decide(kt::load(explained), chips_case).to_text();
    // The verdict, the provision that decided it and the facts it rests on, first.
    CHECK_THAT(text,
               Catch::StartsWith("PROHIBITED — Reg. 833/2014 Art. 2: parties[1] (name Buyer LLC), "
                                 "parties[1].country = \"RU\"\n"
                                 "  the goods reach Russia\n"
                                 "  decided by t.russia\n"
                                 "case EX-1, as of 2023-03-01\n"));
    CHECK_THAT(text, Catch::Contains("\ndeciding\n  prohibited t.russia  [sanctions]\n"
                                     "      basis: Reg. 833/2014 Art. 2\n"
                                     "      the goods reach Russia\n"));
    // Then the other rules that applied, by severity.
    CHECK_THAT(text,
               Catch::Contains("\nalso applied\n  escalate t.advanced_chips  [tech_leadership]\n"));
    CHECK_THAT(text, Catch::Contains("      review: the 16 nm threshold is provisional\n"));
    CHECK_THAT(text, Catch::Contains(" — by items[1] (code 3A001.a.12)"));
    // Facts with their values where the tree reads them.
    CHECK_THAT(text, Catch::Contains(
                         "case.destination in {\"CN\", \"RU\"}: true — destination = \"CN\"\n"));
    CHECK_THAT(
        text,
        Catch::Contains(
            "\nobligations\n  end_use_statement: obtain an end-use statement for 3A001.a.12\n"));
    CHECK_THAT(text, Catch::EndsWith("\nrule set " + kt::load(explained).fingerprint() + "\n"));
}

TEST_CASE(
    "not_applied appears only in the full explanation, with the first condition that failed") {
    auto rules = kt::load(explained);
    const char* jp =
        R"({"id": "EX-2", "date": "2022-01-01", "destination": "JP", "end_use": "military",
        "items": [{"code": "1A001", "params": {"node_nm": 7}}]})";
    auto brief = kt::decide_json(rules, jp);
    CHECK_FALSE(brief.contains("not_applied"));
    auto full = kt::decide_json(rules, jp, {.as_of = {}, .full = true});
    REQUIRE(full.contains("not_applied"));
    CHECK(kt::column(full["not_applied"]) ==
          Strings{"t.advanced_chips", "t.listed", "t.military", "t.russia"});
    // Why not, as data: the condition that failed, with the facts it read.
    auto chips = kt::entry(full["not_applied"], "t.advanced_chips");
    CHECK(chips["why"] == "condition_failed");
    CHECK(chips["failed"]["expr"] == "case.destination in {\"CN\", \"RU\"}");
    CHECK(chips["failed"]["value"] == false);
    CHECK(chips["failed"]["facts"] ==
          nlohmann::ordered_json::parse(
              R"([{"path": "destination", "type": "string", "value": "JP"}])"));
    CHECK(kt::entry(full["not_applied"], "t.military")["failed"]["expr"] ==
          "case.destination != \"JP\"");
    CHECK(kt::entry(full["not_applied"], "t.listed")["failed"]["expr"] ==
          "any item in case.items: item.code under \"3A001\"");
    auto russia = kt::entry(full["not_applied"], "t.russia");
    CHECK(russia["why"] == "not_in_effect");
    CHECK(russia["effective_from"] == "2022-02-26");
    CHECK(russia["effective_until"] == nullptr);
    auto text = kt::decide(rules, jp, {.as_of = {}, .full = true}).to_text();
    CHECK_THAT(text, Catch::Contains("\nnot applied\n  t.advanced_chips: failed:\n"
                                     "      case.destination in {\"CN\", \"RU\"}: false — "
                                     "destination = \"JP\"\n"));
    CHECK_THAT(text, Catch::Contains(
                         "  t.russia: not in effect on 2022-01-01 (effective from 2022-02-26)\n"));
    CHECK_THAT(kt::decide(rules, jp).to_text(), !Catch::Contains("not applied"));
}

TEST_CASE("an undetermined rule is not listed as not applied") {
    auto full = kt::decide_json(kt::load(explained), chips_case, {.as_of = {}, .full = true});
    CHECK(kt::column(full["undetermined"]) == Strings{"t.military"});
    CHECK(full["not_applied"].empty());
}

TEST_CASE("the same rules and case give byte-identical output") {
    auto rules = kt::load(explained);
    auto first = kt::decide(rules, chips_case, {.as_of = {}, .full = true});
    // Other cases in between must leave no trace.
    kt::decide(rules, R"({"date": "2023-03-01", "destination": "RU", "items": [{}]})");
    auto second = kt::decide(rules, chips_case, {.as_of = {}, .full = true});
    CHECK(first.to_json() == second.to_json());
    CHECK(first.to_text() == second.to_text());
    // A rule set loaded again from the same sources decides the same.
    auto again = kt::decide(kt::load(explained), chips_case, {.as_of = {}, .full = true});
    CHECK(first.to_json() == again.to_json());
    CHECK(first.to_text() == again.to_text());
}

TEST_CASE("a rule set decides the same from many threads at once") {
    auto rules = kt::load(explained);
    std::string expected = kt::decide(rules, chips_case).to_json();
    std::vector<std::string> outputs(8);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < outputs.size(); ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 20; ++i) {
                auto d = rules.evaluate(std::string_view(chips_case));
                if (d) outputs[t] = d->to_json();
            }
        });
    for (auto& t : threads)
        t.join();
    for (const auto& o : outputs)
        CHECK(o == expected);
}

TEST_CASE("the fingerprint is the same for the same sources and differs when a source changes") {
    auto a = kt::load(explained);
    auto b = kt::load(explained);
    CHECK(a.fingerprint() == b.fingerprint());
    auto changed = kt::load(explained + "\n// a comment\n");
    CHECK(changed.fingerprint() != a.fingerprint());
    auto basis_changed = explained;
    basis_changed.replace(basis_changed.find("Art. 2\""), 6, "Art. 3");
    CHECK(kt::load(basis_changed).fingerprint() != a.fingerprint());
    // The decision reports the fingerprint of its rule set.
    CHECK(kt::decide_json(a, chips_case)["ruleset"]["fingerprint"] == a.fingerprint());
}

TEST_CASE("the fingerprint does not depend on the order the sources are given in") {
    std::string lib = "module lib\n\ndef to_ru = case.destination == \"RU\"\n";
    std::string main = kt::module_t("import lib\n\nrule r\n  goal sanctions\n  basis \"Art. 1\"\n  "
                                    "when lib.to_ru\n  then prohibited\n");
    auto one = kader::RuleSet::from_strings({{"lib.kader", lib}, {"t.kader", main}}, false);
    auto two = kader::RuleSet::from_strings({{"t.kader", main}, {"lib.kader", lib}}, false);
    REQUIRE(one.ok());
    REQUIRE(two.ok());
    CHECK(one->fingerprint() == two->fingerprint());
    CHECK(one->modules() == Strings{"lib", "t"});
    const char* ru = R"({"date": "2023-03-01", "destination": "RU", "items": [{}]})";
    CHECK(kt::decide(*one, ru).to_json() == kt::decide(*two, ru).to_json());
}

TEST_CASE("a decision without a case id says so") {
    auto d = kt::decide(kt::load(explained),
                        R"({"date": "2023-03-01", "destination": "BR", "items": [{}]})");
    CHECK(kt::json_of(d)["case"] == "");
    CHECK_THAT(d.to_text(), Catch::Contains("case (no id), as of 2023-03-01"));
}

TEST_CASE("a rule file that is not UTF-8 is refused at its first bad byte, UTF-8 text passes") {
    // A rule file saved in Latin-1: "Art. 3 § 1" with § as the single byte 0xA7. Its texts would
    // reach decisions and JSON, so it is refused where the bad byte is, not patched over.
    auto errors = kt::load_errors(kt::module_t(
        "rule r\n  goal end_use\n  basis \"Art. 3 \xA7 1\"\n  when case.destination == \"RU\"\n"
        "  then deny \"refus\xE9\"\n"));
    CHECK_THAT(errors, Catch::Contains("error[K0106]: this file is not valid UTF-8 here"));
    CHECK_THAT(errors, Catch::Contains("help: save the file as UTF-8"));
    // Valid UTF-8 passes through unchanged.
    auto french = kt::load(
        kt::module_t("rule r\n  goal end_use\n  basis \"Règlement (UE) 2021/821, art. 4 — § 1\"\n"
                     "  when case.destination == \"RU\"\n  then deny \"refusé\"\n"));
    auto f = kt::json_of(
        kt::decide(french, R"({"date": "2023-03-01", "destination": "RU", "items": [{}]})"));
    CHECK(f["applied"][0]["basis"] == "Règlement (UE) 2021/821, art. 4 — § 1");
    CHECK(f["applied"][0]["message"] == "refusé");
}
