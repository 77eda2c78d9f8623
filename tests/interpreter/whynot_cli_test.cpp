// `kader whynot` on the command line: its output and exit codes (0 found,
// 1 none found within the bound, 2 usage error or bad input).
#include "support.hpp"

namespace {

std::string example(const std::string& name) {
    return kt::quoted(kt::source_dir() / "examples" / "cases" / name);
}

const std::string ru_11 = example("chips-ru-defence-via-hk-2022-11.json");
const std::string ru_09 = example("chips-ru-defence-via-hk-2022-09.json");
const std::string ru_2019 = example("military-enduser-ru-2019.json");

} // namespace

TEST_CASE("kader whynot: found alternatives, in text", "[whynot][cli]") {
    auto r = kt::kader("whynot " + ru_11 + " --target allow");
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK_THAT(r.out, Catch::StartsWith("PROHIBITED now; ALLOW needs 2 changes (searched "));
    CHECK_THAT(r.out, Catch::Contains("  1. date: 2022-11-15 -> 2022-10-06\n"
                                      "     destination: \"RU\" -> \"AT\"\n"
                                      "     then decides: allow (no rule concludes a verdict)\n"));
    CHECK_THAT(r.out, Catch::Contains("alternatives of 2 changes found; 5 shown)"));

    auto higher = kt::kader("whynot " + ru_09 + " --higher");
    CHECK(higher.exit_code == 0);
    CHECK_THAT(higher.out,
               Catch::Contains("DENY now; a higher verdict needs 1 change") &&
                   Catch::Contains("  1. date: 2022-09-20 -> 2022-10-07\n"
                                   "     then decides: prohibited "
                                   "sanctions.russia.annex_vii_electronic_components (Reg. (EU) "
                                   "833/2014 Art. 2a(1)"));
}

TEST_CASE("kader whynot: JSON, standard input and the as-of date", "[whynot][cli]") {
    auto r = kt::kader("whynot " + ru_11 + " --lower --format json");
    REQUIRE(r.exit_code == 0);
    auto j = nlohmann::ordered_json::parse(r.out);
    CHECK(j["verdict"] == "prohibited");
    CHECK(j["target"] == "lower");
    CHECK(j["found"] == true);
    CHECK(j["changes_needed"] == 1);
    REQUIRE(!j["alternatives"].empty());
    auto first = j["alternatives"][0];
    CHECK(first["changes"][0] ==
          nlohmann::ordered_json({{"path", "date"}, {"from", "2022-11-15"}, {"to", "2022-10-06"}}));
    CHECK(first["verdict"] == "deny");
    CHECK(first["rules"][0]["rule"] == "framework.end_use.weighing#2");
    CHECK(r.out == kt::kader("whynot " + ru_11 + " --lower --format json").out);

    auto piped = kt::kader("whynot - --lower --format json",
                           kt::read_file(kt::source_dir() / "examples" / "cases" /
                                         "chips-ru-defence-via-hk-2022-"
                                         "11.json"));
    CHECK(piped.out == r.out);

    // Decided as of a fixed day, the case's date no longer moves the rules' periods.
    auto fixed = kt::kader("whynot " + ru_11 + " --lower --as-of 2022-11-15 --format json");
    REQUIRE(fixed.exit_code == 0);
    // (Parsed into a variable first: a range-for over a part of a temporary reads freed memory.)
    auto fixed_json = nlohmann::ordered_json::parse(fixed.out);
    REQUIRE_FALSE(fixed_json["alternatives"].empty());
    for (const auto& a : fixed_json["alternatives"])
        CHECK(a["changes"][0]["path"] != "date");
}

TEST_CASE("kader whynot: nothing found is exit 1 with the bound and a hint", "[whynot][cli]") {
    auto r = kt::kader("whynot " + ru_2019 + " --target allow --max-changes 1");
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Catch::StartsWith("PROHIBITED now; no change of at most 1 fact found that "
                                        "makes it ALLOW (searched all ") &&
                          Catch::Contains("help: more changes at once (`--max-changes N`"));
    auto budget = kt::kader("whynot " + ru_2019 + " --target allow --budget 10");
    CHECK(budget.exit_code == 1);
    CHECK_THAT(budget.out, Catch::Contains("the budget of 10 decisions ran out") &&
                               Catch::Contains("help: a larger budget (`--budget N`)"));
    auto json = kt::kader("whynot " + ru_2019 + " --target allow --budget 10 --format json");
    CHECK(json.exit_code == 1);
    CHECK(nlohmann::ordered_json::parse(json.out)["found"] == false);
}

TEST_CASE("kader whynot: usage errors and bad input are exit 2", "[whynot][cli]") {
    struct Bad {
        std::string args, says;
    };
    for (const auto& [args, says] : std::vector<Bad>{
             {ru_11, "say which verdict to reach"},
             {ru_11 + " --lower --higher", "give one of `--target`, `--lower` and `--higher`"},
             {ru_11 + " --target allowed", "`--target allowed`: choose allow"},
             {ru_11 + " --target allow --max-changes 5", "`--max-changes 5`: give a whole number "
                                                         "from 1 to 4"},
             {ru_11 + " --target allow --budget 0", "`--budget 0`: give a whole number"},
             {ru_11 + " --target allow --budget 12x", "`--budget 12x`"},
             {ru_11 + " --target allow --format xml", "choose text or json"},
             {ru_11 + " --lower --json", "unknown option `--json`"},
             {ru_11 + " --target allow --as-of 2022-02-30", "not a date in the calendar"},
             {ru_11 + " --target prohibited", "the case is already decided prohibited"},
             {ru_11 + " --higher", "no verdict is higher"},
             {"no-such-case.json --lower", "cannot read this file"},
             {"--lower", "missing argument"},
         }) {
        CAPTURE(args);
        auto r = kt::kader("whynot " + args);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK_THAT(r.err, Catch::Contains(says));
    }
    kt::TempDir dir;
    auto bad =
        dir.write("bad.json", R"({"date": "2022-01-01", "destination": "UK", "items": [{}]})");
    auto r = kt::kader("whynot " + kt::quoted(bad) + " --lower");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("bad.json:1:") && Catch::Contains("K0704"));
}

TEST_CASE("kader whynot: listed in help", "[whynot][cli]") {
    auto help = kt::kader("help");
    CHECK_THAT(help.out, Catch::Contains("  whynot  the smallest change of facts"));
    auto usage = kt::kader("help whynot");
    CHECK(usage.exit_code == 0);
    CHECK_THAT(usage.out, Catch::StartsWith("usage: kader whynot [-r PATH]... [--no-stdlib] "
                                            "CASE.json (--target VERDICT | --lower | --higher)"));
}
