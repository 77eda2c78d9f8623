// The case JSON is checked against the schema before anything is
// evaluated; every violation is reported with its JSON path.
#include "support.hpp"

#include "interpreter/api_internal.hpp"

#include "interpreter/case_reader.hpp"
#include <fmt/format.h>

namespace {

const std::string any_rule = kt::module_t(R"R(
rule r
  goal control_list
  basis "Art. 1"
  when case.destination == "CN"
  then license_required
)R");

std::string errors_for(const std::string& case_json) {
    return kt::case_errors(kt::load(any_rule), case_json);
}

// Whether the case is read without an error.
bool accepted(const std::string& case_json) {
    return kt::load(any_rule).evaluate(std::string_view(case_json)).ok();
}

std::size_t count_errors(const std::string& text) {
    std::size_t n = 0;
    for (std::size_t at = text.find(": error["); at != std::string::npos;
         at = text.find(": error[", at + 1))
        ++n;
    return n;
}

} // namespace

TEST_CASE("a case that matches the schema is decided") {
    auto d =
        kt::decide(kt::load(any_rule),
                   R"({"id": "OK-1", "date": "2023-03-01", "destination": "CN", "end_use": "civil",
        "contract_date": "2022-09-01", "value_eur": 12.5, "licensed": false, "flags": ["a", "b"],
        "items": [{"code": "3A001.a.2", "cn": "85423190", "params": {"node_nm": 40, "layers": 1}}, {"code": "ML11.a"}],
        "parties": [{"name": "X", "role": "end_user", "country": "RU", "flags": []}], "transit": ["HK", "AE"]})");
    CHECK(d.verdict() == kader::Verdict::license_required);
    CHECK(kt::json_of(d)["case"] == "OK-1");
}

TEST_CASE("a value of the wrong type is an error naming its path") {
    auto e = errors_for(R"({"date": "2023-03-01", "destination": "CN",
        "items": [{"cn": "85423190"}, {"cn": "8542"}, {"cn": 8542.31}]})");
    CHECK_THAT(
        e,
        Catch::Contains(
            "items[2].cn: expected a CN code of 4 to 8 digits such as \"85423190\", got 8542.31"));
    CHECK(count_errors(e) == 1);
}

TEST_CASE("wrong types of every kind are named with their paths") {
    auto e =
        errors_for(R"({"date": 20230301, "destination": "CN", "value_eur": "12", "licensed": "yes",
        "flags": "a", "items": [{"params": {"node_nm": "7"}}], "parties": {}})");
    CHECK_THAT(e,
               Catch::Contains("date: expected a date \"YYYY-MM-DD\" that exists, got 20230301"));
    CHECK_THAT(e, Catch::Contains("value_eur: expected a number, got \"12\""));
    CHECK_THAT(e, Catch::Contains("licensed: expected true or false, got \"yes\""));
    CHECK_THAT(e, Catch::Contains("flags: expected a list, got \"a\""));
    CHECK_THAT(e, Catch::Contains("items[0].params.node_nm: expected a number, got \"7\""));
    CHECK_THAT(e, Catch::Contains("parties: expected a list, got {}"));
    CHECK(count_errors(e) == 6);
}

TEST_CASE("a cn code must be 4 to 8 digits") {
    CHECK_THAT(
        errors_for(R"({"date": "2023-03-01", "destination": "CN", "items": [{"cn": "854"}]})"),
        Catch::Contains(
            "items[0].cn: expected a CN code of 4 to 8 digits such as \"85423190\", got \"854\""));
    CHECK_THAT(
        errors_for(
            R"({"date": "2023-03-01", "destination": "CN", "items": [{"cn": "854231901"}]})"),
        Catch::Contains("items[0].cn: expected a CN code of 4 to 8 digits such as \"85423190\""));
    CHECK_THAT(
        errors_for(R"({"date": "2023-03-01", "destination": "CN", "items": [{"cn": "8542.31"}]})"),
        Catch::Contains("items[0].cn: expected a CN code of 4 to 8 digits such as \"85423190\", "
                        "got \"8542.31\""));
}

TEST_CASE("a control code must be an EU control-list code") {
    auto with_code = [](const std::string& c) {
        return R"({"date": "2023-03-01", "destination": "CN", "items": [{"code": ")" + c +
               R"("}]})";
    };
    auto code = [&](const std::string& c) { return errors_for(with_code(c)); };
    CHECK_THAT(code("3A001..a"), Catch::Contains("items[0].code: \"3A001..a\" is not an EU "
                                                 "control-list code"));
    CHECK_THAT(code("3A001 a"), Catch::Contains("items[0].code: \"3A001 a\" is not an EU "
                                                "control-list code"));
    CHECK_THAT(code("3b001.f"), Catch::Contains("help: did you mean \"3B001.f\"?"));
    CHECK(accepted(with_code("3A001.a.2")));
    CHECK(accepted(with_code("ML11.a")));
    CHECK(accepted(with_code("X.A.I.001")));
}

TEST_CASE("a US ECCN is refused as an EU control code and accepted as `us_eccn`") {
    auto rules = kt::load(R"(module t
schema case {
  date: date
  destination: country
  items: nonempty list of record {
    code: optional code
    us_eccn: optional eccn
  }
}
rule r
  goal control_list
  basis "Art. 1"
  when case.destination == "CN"
  then license_required
)");
    auto with = [](const std::string& field, const std::string& c) {
        return R"({"date": "2023-03-01", "destination": "CN", "items": [{")" + field + R"(": ")" +
               c + R"("}]})";
    };
    auto accepted = [&](const std::string& json) {
        return rules.evaluate(std::string_view(json)).ok();
    };
    auto item = [&](const std::string& field, const std::string& c) {
        return kt::case_errors(rules, with(field, c));
    };
    // A mass-market device under US ECCN 5A992.c is not an EU Annex I item; read as
    // `code` it would be one.
    for (const char* us : {"5A992.c", "3A991", "4A994.l", "3B993", "EAR99", "0Y521", "9A610",
                           "3A090.a", "4A090", "3B090"}) {
        CAPTURE(us);
        CHECK_THAT(item("code", us), Catch::Contains("is not an EU control-list code") &&
                                         Catch::Contains("no EU control list uses") &&
                                         Catch::Contains("a field of type `eccn`"));
        CHECK(accepted(with("us_eccn", us)));
    }
    CHECK(accepted(with("us_eccn", "3A001.a.2"))); // the numbers the US shares with the EU
    CHECK_THAT(item("us_eccn", "ML11"),
               Catch::Contains("items[0].us_eccn: \"ML11\" is not a US ECCN") &&
                   Catch::Contains("it is an EU control-list code"));
    CHECK_THAT(item("us_eccn", "5a992"), Catch::Contains("did you mean \"5A992\"?"));
}

TEST_CASE("an unknown field is an error, with a suggestion") {
    auto e = errors_for(
        R"({"date": "2023-03-01", "destination": "CN", "end_usе": "civil", "endUse": "civil",
        "items": [{"cn": "85423190", "paramz": {}}]})");
    CHECK_THAT(e, Catch::Contains("items[0].paramz: unknown field"));
    CHECK_THAT(e, Catch::Contains("help: did you mean `params`?"));
    CHECK_THAT(e, Catch::Contains("endUse: unknown field"));
    CHECK(count_errors(e) == 3);
}

TEST_CASE("a country code that does not exist is an error") {
    CHECK_THAT(errors_for(R"({"date": "2023-03-01", "destination": "XX", "items": [{}]})"),
               Catch::Contains("destination: \"XX\" is not an ISO 3166-1 alpha-2 country code"));
    CHECK_THAT(errors_for(R"({"date": "2023-03-01", "destination": "nl", "items": [{}]})"),
               Catch::Contains("destination: \"nl\" is not an ISO 3166-1 alpha-2 country code"));
    auto e = errors_for(
        R"({"date": "2023-03-01", "destination": "RUS", "items": [{}], "transit": ["HK", "UK"],
        "parties": [{"role": "consignee", "country": "SU"}]})");
    CHECK_THAT(e,
               Catch::Contains("destination: \"RUS\" is not an ISO 3166-1 alpha-2 country code"));
    CHECK_THAT(e, Catch::Contains("help: country codes have two capital letters"));
    CHECK_THAT(e, Catch::Contains("transit[1]: \"UK\" is not an ISO 3166-1 alpha-2 country code"));
    CHECK_THAT(
        e, Catch::Contains("parties[0].country: \"SU\" is not an ISO 3166-1 alpha-2 country code"));
}

TEST_CASE("an impossible date is an error") {
    for (const char* date :
         {"2023-02-30", "2023-13-01", "2022-02-29", "2023-2-3", "01-03-2023", "2023-03-01T10:00"}) {
        INFO(date);
        auto c = nlohmann::json{{"date", date},
                                {"destination", "CN"},
                                {"items", {nlohmann::json::object()}}}
                     .dump();
        CHECK_THAT(errors_for(c),
                   Catch::Contains(
                       std::string("date: expected a date \"YYYY-MM-DD\" that exists, got \"") +
                       date + "\""));
    }
    auto leap = nlohmann::json{{"date", "2024-02-29"},
                               {"destination", "CN"},
                               {"items", {nlohmann::json::object()}}}
                    .dump();
    CHECK(kt::decide(kt::load(any_rule), leap).verdict() == kader::Verdict::license_required);
}

TEST_CASE("a value outside its enum is an error, with a suggestion") {
    auto e = errors_for(
        R"({"date": "2023-03-01", "destination": "CN", "end_use": "militray", "items": [{}]})");
    CHECK_THAT(
        e, Catch::Contains("end_use: \"militray\" is not one of civil, military, wmd, unknown"));
    CHECK_THAT(e, Catch::Contains("did you mean \"military\"?"));
    CHECK_THAT(
        errors_for(R"({"date": "2023-03-01", "destination": "CN", "end_use": 3, "items": [{}]})"),
        Catch::Contains("end_use: expected one of civil, military, wmd, unknown, got 3"));
}

TEST_CASE("null in a required field is an error") {
    auto e = errors_for(
        R"({"date": null, "destination": "CN", "items": [{}], "parties": [{"role": "consignee", "country": null}]})");
    CHECK_THAT(e, Catch::Contains("date: is required and cannot be null"));
    CHECK_THAT(e, Catch::Contains("parties[0].country: is required and cannot be null"));
    CHECK(count_errors(e) == 2);
}

TEST_CASE("a missing required field is an error naming the record") {
    auto e = errors_for(R"({"date": "2023-03-01", "items": [{}], "parties": [{"country": "CN"}]})");
    CHECK_THAT(e, Catch::Contains("case: the required field `destination` is missing"));
    CHECK_THAT(e, Catch::Contains("parties[0]: the required field `role` is missing"));
}

TEST_CASE("an empty list where the schema wants at least one element is an error") {
    CHECK_THAT(errors_for(R"({"date": "2023-03-01", "destination": "CN", "items": []})"),
               Catch::Contains("items: expected at least one element, got an empty list"));
    // An ordinary list may be empty.
    CHECK(kt::decide(kt::load(any_rule),
                     R"({"date": "2023-03-01", "destination": "CN", "items": [{}], "parties": []})")
              .verdict() == kader::Verdict::license_required);
}

TEST_CASE("a null element in a list is an error") {
    CHECK_THAT(errors_for(R"({"date": "2023-03-01", "destination": "CN", "items": [{}, null]})"),
               Catch::Contains("items[1]: a list element cannot be null"));
}

TEST_CASE("a case that is not a JSON object is an error") {
    CHECK_THAT(errors_for(R"(["2023-03-01"])"),
               Catch::Contains("case: expected an object {...}, got [\"2023-03-01\"]"));
}

TEST_CASE("malformed JSON is an error with its line and column") {
    auto e = errors_for(
        "{\n  \"date\": \"2023-03-01\",\n  \"destination\": \"CN\"\n  \"items\": [{}]\n}");
    // The position is where the JSON parser stopped: the end of the unexpected token.
    CHECK_THAT(
        e, Catch::StartsWith("case:4:9: error[K0107]: malformed JSON: syntax error while parsing "
                             "object - unexpected string literal"));
    auto first_line = errors_for(R"({"date": "2023-03-01",, "destination": "CN"})");
    CHECK_THAT(first_line, Catch::StartsWith("case:1:23: error[K0107]: malformed JSON"));
    auto truncated = errors_for("{\"date\": \"2023-03-01\",\n");
    CHECK_THAT(truncated, Catch::Contains("error[K0107]: malformed JSON"));
    CHECK_THAT(errors_for(""), Catch::Contains("error[K0107]: malformed JSON"));
}

TEST_CASE("every violation in a case is reported, and nothing is decided") {
    auto rules = kt::load(any_rule);
    auto d = rules.evaluate(
        std::string_view(R"({"date": "2023-02-30", "destination": "XX", "end_use": "peaceful",
        "items": [{"cn": "12"}, {"code": 5}], "extra": 1})"));
    REQUIRE_FALSE(d.ok());
    std::string all;
    for (const auto& line : d.diagnostics())
        all += kader::render(line);
    CHECK(count_errors(all) == 6);
    CHECK_THAT(all, Catch::Contains("date:") && Catch::Contains("destination:") &&
                        Catch::Contains("end_use:") && Catch::Contains("items[0].cn:") &&
                        Catch::Contains("items[1].code:") &&
                        Catch::Contains("extra: unknown field"));
}

TEST_CASE("a rule set without a case schema cannot read cases") {
    auto rules = kt::load("module t\n\nset s = {\"a\"}\n");
    auto d = rules.evaluate(std::string_view(R"({"date": "2023-03-01"})"));
    REQUIRE_FALSE(d.ok());
    CHECK_THAT(kader::render(d.diagnostics().front()),
               Catch::Contains("declares no `schema case`"));
}

TEST_CASE("a case read from text names the line and column of each error") {
    auto rules = kt::load(any_rule);
    kader::Diagnostics diags;
    auto c = kader::read_case_text(
        *kader::program_of(rules),
        "{\n  \"date\": \"2023-03-01\",\n"
        "  \"destination\": \"UK\",\n  \"items\": [\n    {\"cn\": \"8542.31\"},\n"
        "    {\"parmas\": {}}\n  ]\n}\n",
        "case.json", diags);
    CHECK_FALSE(c);
    std::vector<std::string> origins;
    for (const auto& d : diags.list())
        origins.push_back(fmt::format("{}:{}:{} {}", d.location.input, d.location.line,
                                      d.location.column, kader::code_name(d.code)));
    // The bad value itself; for an unknown field, the field's value.
    CHECK(origins == std::vector<std::string>{"case.json:3:18 K0704", "case.json:5:12 K0704",
                                              "case.json:6:16 K0705"});
    // Each quotes its line of the case, with the value marked.
    CHECK_THAT(kader::render(diags.list()[0]),
               Catch::Contains("  \"destination\": \"UK\",\n                   ^"));
}
