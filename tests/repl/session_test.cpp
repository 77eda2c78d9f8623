// Scripted sessions: each tests/repl/sessions/NAME.in runs through the
// Session and must give the transcript in NAME.out. Set
// KADER_UPDATE_GOLDEN=1 to write the transcripts instead (then review them).
#include "support.hpp"

#include "kader_catch.hpp"
#include <algorithm>
#include <cstdlib>

using namespace kader;
using namespace kader::test;

namespace {

std::vector<fs::path> scripts() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(sessions_dir()))
        if (e.path().extension() == ".in") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

TEST_CASE("scripted sessions give their golden transcripts") {
    bool update = std::getenv("KADER_UPDATE_GOLDEN") != nullptr;
    auto list = scripts();
    REQUIRE(list.size() >= 9);
    for (const auto& in : list) {
        std::string name = in.stem().string();
        Script script = read_script(in);
        fs::path dir = fresh_workdir("session-" + name);
        bool failed = false;
        std::string got;
        {
            InDir here(dir);
            got = normalize(transcript(script, failed));
        }
        fs::path out = fs::path(in).replace_extension(".out");
        if (update) write_file(out, got);
        INFO("session " << name << " (" << out.string() << ")");
        CHECK(got == read_file(out));
    }
}

TEST_CASE("kader repl runs a script from standard input, without prompts") {
    for (const auto& in : scripts()) {
        std::string name = in.stem().string();
        Script script = read_script(in);
        bool failed = false;
        {
            InDir here(fresh_workdir("expect-" + name));
            transcript(script, failed);
        }
        fs::path dir = fresh_workdir("cli-" + name);
        std::vector<std::string> args{"repl"};
        args.insert(args.end(), script.args.begin(), script.args.end());
        Run run = run_kader(dir, args, in);
        std::string golden = read_file(fs::path(in).replace_extension(".out"));
        INFO("session " << name);
        CHECK(normalize(run.out) == without_prompts(golden));
        CHECK(run.err.empty());
        // A script in which a command failed ends with status 1.
        CHECK(run.status == (failed ? 1 : 0));
        CHECK(run.out.find('\x1b') == std::string::npos); // no escape codes
    }
}

TEST_CASE("kader repl stops at startup when the rules do not compile") {
    fs::path dir = fresh_workdir("cli-bad-rules");
    write_file(dir / "empty.in", ":quit\n");
    Run run = run_kader(dir, {"repl", "--no-stdlib", "-r", "rules", "-r", "bad"}, dir / "empty.in");
    CHECK(run.status == 2);
    CHECK(run.out.empty());
    CHECK(run.err.find(
              "bad/bad.kader:6:13: error[K0313]: the case schema has no field `destinaton`") !=
          std::string::npos);
}

TEST_CASE(":reload keeps the previous rules when the files stop compiling") {
    fs::path dir = fresh_workdir("reload");
    InDir here(dir);
    fs::create_directories("live");
    write_file("live/live.kader", "module live\n");
    repl::Session s({{"rules", "live"}, {}, false});
    REQUIRE_FALSE(s.start().error);
    REQUIRE(s.run(":case cases/hk.json").text.find("verdict: license_required") !=
            std::string::npos);

    write_file("live/live.kader", "module live\n\n"
                                  "rule hong_kong\n"
                                  "  goal end_use\n"
                                  "  basis \"a test\"\n"
                                  "  when case.destination == \"HK\"\n"
                                  "  then deny \"no exports to HK\"\n");
    repl::Reply r = s.run(":reload");
    CHECK_FALSE(r.error);
    CHECK(r.text.find("reloaded: 9 rules in 5 modules") != std::string::npos);
    CHECK(r.text.find(" -> deny\n") != std::string::npos);
    CHECK(r.text.find("  + deny  live.hong_kong\n      no exports to HK\n") != std::string::npos);

    write_file("live/live.kader",
               "module live\n\nrule hong_kong\n  goal end_use\n  when case.destinaton == \"HK\"\n");
    r = s.run(":reload");
    CHECK(r.error);
    CHECK(r.text.find("live/live.kader:3:6: error[K0601]: rule `hong_kong` has no legal basis") !=
          std::string::npos);
    CHECK(r.text.find(
              "live/live.kader:5:13: error[K0313]: the case schema has no field `destinaton`") !=
          std::string::npos);
    CHECK(r.text.find("the previous rule set stays active (9 rules in 5 modules") !=
          std::string::npos);
    // The previous rules still decide, and expressions still resolve.
    CHECK(s.run("eval").text.rfind("DENY — ", 0) == 0);
    CHECK(s.run("why hong_kong").text.rfind("live.hong_kong applies: deny\n", 0) == 0);
    CHECK(s.run("common.leaves_eu").text == "true\n");

    write_file("live/live.kader", "module live\n");
    r = s.run(":reload");
    CHECK_FALSE(r.error);
    CHECK(r.text.find("verdict: deny -> license_required") != std::string::npos);
    CHECK(r.text.find("  - deny  live.hong_kong\n") != std::string::npos);
    CHECK(s.run("why hong_kong").text.rfind("error[K0905]: no rule `hong_kong`", 0) == 0);
}

TEST_CASE("the worked session of docs/repl.md moves the verdict as the page says") {
    // The page shows the standard library at work; this keeps its story true
    // (the exact text of the rules may change, the verdicts must not).
    InDir here(fresh_workdir("docs"));
    write_file("hk-chips.json", R"({
  "id": "HK-2024-017",
  "date": "2024-06-03",
  "exporter": { "name": "Eindhoven Semiconductors B.V.", "country": "NL" },
  "destination": "HK",
  "end_use": "civil",
  "contract_date": "2024-02-01",
  "items": [
    { "description": "radiation-hardened microcontroller", "code": "3A001.a.2", "quantity": 2000 }
  ],
  "parties": [
    { "name": "Kowloon Components Trading Ltd.", "role": "consignee", "country": "HK", "sector": "civil", "flags": [] }
  ]
})");
    repl::Session s({});
    REQUIRE_FALSE(s.start().error);
    struct Step {
        const char* command;
        const char* shows;
    };
    const Step steps[] = {
        {":case hk-chips.json",
         "verdict: license_required\n  license_required  dual_use.annex_i_export_licence\n"},
        {"why",
         "sanctions.russia.no_russia_clause could conclude obligation; missing: items[0].cn"},
        {"case.destination in common.diversion_risk", "true\n"},
        {"set items[0].cn = \"85423190\"",
         "verdict: still license_required\n  + obligation  sanctions.russia.no_russia_clause\n"},
        {"set parties[0].role = \"intermediary\"", "verdict: license_required -> escalate\n"},
        {"why chp_circumvention_hub", "sanctions.russia.chp_circumvention_hub applies: escalate\n"},
        {"whatif parties[0].country = \"RU\"", "verdict: escalate -> prohibited\n"},
        {"add parties {\"name\": \"Izhevsk Radio Plant\", \"role\": \"end_user\", \"country\": "
         "\"RU\", \"sector\": \"military\"}",
         "verdict: escalate -> prohibited\n"},
        {"set parties[1].flags = []", "settled (no longer undetermined): "},
        {"why sanctions.russia.dual_use_ban",
         "sanctions.russia.dual_use_ban applies: prohibited\n"},
        {"whatif asof 2022-01-15", "  + prohibited  sanctions.russia.military_dual_use_ban_2014\n"},
        {":save hk-chips-what-if.json", "saved the case to hk-chips-what-if.json\n"},
    };
    std::vector<std::string> typed; // each command after the prompt it was typed at
    for (const auto& step : steps) {
        typed.push_back(s.prompt() + step.command + "\n");
        repl::Reply r = s.run(step.command);
        INFO(step.command << "\n" << r.text);
        CHECK_FALSE(r.error);
        CHECK(r.text.find(step.shows) != std::string::npos);
    }
    // The page quotes the case file it starts from.
    std::string page = read_file(tests_dir() / ".." / ".." / "docs" / "repl.md");
    CHECK(page.find(R"("items": [
    { "description": "radiation-hardened microcontroller", "code": "3A001.a.2", "quantity": 2000 }
  ],)") != std::string::npos);
    // With the prompts the session showed (`*` once the case has unsaved changes).
    for (const auto& line : typed)
        if (line.find("> :") == std::string::npos) CHECK(page.find(line) != std::string::npos);
}
