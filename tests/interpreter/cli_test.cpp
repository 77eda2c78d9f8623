// The `kader` command line: eval, batch and check, their output and exit
// codes (0 decided, 1 check failed, 2 usage error or bad input).
#include "support.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;
using kt::Strings;

namespace {

const std::string cli_rules = kt::module_t(R"R(
rule ban
  goal sanctions
  basis "Reg. 833/2014 Art. 2"
  effective from 2022-02-26
  when case.destination == "RU"
  then prohibited "the goods go to Russia"

rule listed
  goal control_list
  basis "Reg. 2021/821 Annex I"
  when any item in case.items: item.code under "3A001"
  then license_required "item {item.code} is listed"

rule military
  goal end_use
  basis "Reg. 2021/821 Art. 4"
  when case.end_use == "military"
  then deny
)R");

const char* const ru_case =
    R"({"id": "CLI-1", "date": "2022-03-01", "destination": "RU", "items": [{"code": "3A001.a.2"}]})";

// A folder with the rules as t.kader and the case as case.json; commands run inside it.
struct Workspace {
    kt::TempDir dir;
    Workspace() {
        dir.write("t.kader", cli_rules);
        dir.write("case.json", ru_case);
    }
    kt::Run kader(const std::string& args, const std::string& input = {}) const {
        return kt::shell(
            "cd " + kt::quoted(dir.path()) + " && " + kt::quoted(KADER_BINARY) + " " + args, input);
    }
};

Strings lines(const std::string& text) {
    Strings out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

// A JSON Lines file of `cases`, one per line.
void write_lines(kt::TempDir& dir, const std::string& name, const Strings& cases) {
    std::string jsonl;
    for (const auto& c : cases)
        jsonl += c + "\n";
    dir.write(name, jsonl);
}

// Cases for the standard schema: the examples, and some of our own, so
// that there are at least 20 even when the examples folder is empty.
Strings standard_cases() {
    Strings out;
    fs::path examples = kt::source_dir() / "examples" / "cases";
    std::vector<fs::path> files;
    if (fs::is_directory(examples))
        for (const auto& e : fs::directory_iterator(examples))
            if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
        out.push_back(nlohmann::json::parse(kt::read_file(f)).dump());
    const char* destinations[] = {"CN", "RU", "JP", "US", "KZ", "AE",
                                  "TR", "BY", "IN", "BR", "DE", "KP"};
    const char* codes[] = {"3A001.a.2", "3B001.f.1", "5A002", "1A001", "3B001.f.4"};
    for (int i = 0; out.size() < 20 || i < 12; ++i) {
        nlohmann::json c = {{"id", "SYN-" + std::to_string(i)},
                            {"date", i % 2 ? "2023-03-01" : "2021-06-15"},
                            {"destination", destinations[i % 12]},
                            {"items", {{{"code", codes[i % 5]}, {"cn", "85423190"}}}},
                            {"parties", nlohmann::json::array()}};
        if (i % 3 == 0) c["end_use"] = "civil";
        if (i % 4 == 1)
            c["parties"].push_back(
                {{"role", "end_user"}, {"country", "RU"}, {"sector", "military"}});
        out.push_back(c.dump());
    }
    return out;
}

} // namespace

TEST_CASE("kader eval prints the text decision and exits 0") {
    Workspace w;
    auto r = w.kader("eval --no-stdlib -r t.kader case.json");
    INFO(r.err);
    CHECK(r.exit_code == 0);
    // First the verdict with the provision and the facts that decided it.
    CHECK_THAT(r.out, Catch::StartsWith("PROHIBITED — Reg. 833/2014 Art. 2: destination = \"RU\"\n"
                                        "  the goods go to Russia\n"
                                        "  decided by t.ban\n"
                                        "case CLI-1, as of 2022-03-01\n"));
    CHECK_THAT(r.out, Catch::Contains("\ndeciding\n  prohibited t.ban  [sanctions]\n") &&
                          Catch::Contains("at t.kader:"));
    CHECK(r.err.empty());
}

TEST_CASE("kader eval --format json prints the decision JSON on one line") {
    Workspace w;
    auto r = w.kader("eval --no-stdlib -r t.kader case.json --format json");
    CHECK(r.exit_code == 0);
    REQUIRE(lines(r.out).size() == 1);
    auto j = nlohmann::ordered_json::parse(r.out);
    CHECK(j["case"] == "CLI-1");
    CHECK(j["verdict"] == "prohibited");
    CHECK(kt::column(j["applied"]) == Strings{"t.ban", "t.listed"});
    CHECK(j["applied"][0]["location"] == "t.kader:30:1");
    CHECK_FALSE(j.contains("not_applied"));
    // The same as the library's rendering of the same rules and case.
    auto rules = kader::RuleSet::load({(w.dir.path() / "t.kader").string()}, false);
    REQUIRE(rules.ok());
    auto library = kt::decide_json(*rules, ru_case);
    // The library was given the rule file's full path, the command its name.
    std::string expected = library.dump(), dir = w.dir.path().string() + "/";
    for (auto at = expected.find(dir); at != std::string::npos; at = expected.find(dir))
        expected.erase(at, dir.size());
    CHECK(expected == j.dump());
}

TEST_CASE("kader eval --explain full adds the rules that did not apply") {
    Workspace w;
    auto json = w.kader("eval --no-stdlib -r t.kader case.json --format json --explain full");
    CHECK(json.exit_code == 0);
    auto j = nlohmann::ordered_json::parse(json.out);
    REQUIRE(j.contains("not_applied"));
    CHECK(kt::column(j["undetermined"]) == Strings{"t.military"});
    auto text = w.kader("eval --no-stdlib -r t.kader case.json --explain full");
    CHECK(text.exit_code == 0);
    auto brief = w.kader("eval --no-stdlib -r t.kader case.json --explain brief");
    CHECK(brief.exit_code == 0);
    auto jp = w.dir.write(
        "jp.json",
        R"({"date": "2023-03-01", "destination": "JP", "end_use": "civil", "items": [{}]})");
    auto full = w.kader("eval --no-stdlib -r t.kader jp.json --explain full");
    CHECK_THAT(full.out,
               Catch::Contains("\nnot applied\n  t.ban: failed:\n"
                               "      case.destination == \"RU\": false — destination = \"JP\"\n"));
}

TEST_CASE("kader eval --as-of evaluates on another date") {
    Workspace w;
    auto r = w.kader("eval --no-stdlib -r t.kader case.json --format json --as-of 2022-02-25");
    CHECK(r.exit_code == 0);
    auto j = nlohmann::ordered_json::parse(r.out);
    CHECK(j["as_of"] == "2022-02-25");
    CHECK(j["verdict"] == "license_required");
    auto on_the_day = nlohmann::ordered_json::parse(
        w.kader("eval --no-stdlib -r t.kader case.json --format json --as-of 2022-02-26").out);
    CHECK(on_the_day["verdict"] == "prohibited");
}

TEST_CASE("kader eval - reads the case from standard input") {
    Workspace w;
    auto from_file = w.kader("eval --no-stdlib -r t.kader case.json --format json");
    auto from_stdin = w.kader("eval --no-stdlib -r t.kader - --format json", ru_case);
    CHECK(from_stdin.exit_code == 0);
    CHECK(from_stdin.out == from_file.out);
    auto bad = w.kader("eval --no-stdlib -r t.kader -",
                       R"({"date": "2022-03-01", "destination": "RU", "items": []})");
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Catch::StartsWith(
                            "<stdin>:1:54: error[K0707]: items: expected at least one element"));
}

TEST_CASE("kader eval exits 2 on a case that does not match the schema, naming the file and path") {
    Workspace w;
    w.dir.write("bad.json",
                R"({"date": "2023-02-30", "destination": "RU", "items": [{"cn": 8542.31}]})");
    auto r = w.kader("eval --no-stdlib -r t.kader bad.json");
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::Contains(
                          "bad.json:1:10: error[K0704]: date: expected a date \"YYYY-MM-DD\" that "
                          "exists, got \"2023-02-30\""));
    CHECK_THAT(r.err, Catch::Contains(
                          "bad.json:1:62: error[K0703]: items[0].cn: expected a CN code of 4 to 8 "
                          "digits such as \"85423190\", got 8542.31"));
}

TEST_CASE("kader eval exits 2 on malformed JSON, with line and column") {
    Workspace w;
    w.dir.write("broken.json", "{\n  \"date\": \"2023-03-01\",\n  \"destination\": RU\n}\n");
    auto r = w.kader("eval --no-stdlib -r t.kader broken.json");
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err,
               Catch::StartsWith("broken.json:3:18: error[K0107]: malformed JSON: syntax error "
                                 "while parsing value - invalid literal"));
}

TEST_CASE("kader eval exits 2 on a missing case file") {
    Workspace w;
    auto r = w.kader("eval --no-stdlib -r t.kader nope.json");
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::StartsWith("nope.json: error: cannot read this file"));
}

TEST_CASE("kader eval exits 2 on a missing rule file or one that does not load") {
    Workspace w;
    auto missing = w.kader("eval --no-stdlib -r nope.kader case.json");
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.err, Catch::StartsWith("nope.kader: error[K0102]: no such file or folder"));
    w.dir.write("broken/b.kader", kt::module_t("rule r\n  goal end_use\n  basis \"x\"\n  when "
                                               "case.destinaton == \"RU\"\n  then deny\n"));
    auto broken = w.kader("eval --no-stdlib -r broken case.json");
    CHECK(broken.exit_code == 2);
    CHECK(broken.out.empty());
    CHECK_THAT(
        broken.err,
        Catch::Contains(
            "broken/b.kader:32:13: error[K0313]: the case schema has no field `destinaton`"));
}

TEST_CASE("kader eval exits 2 on bad options") {
    Workspace w;
    auto xml = w.kader("eval --no-stdlib -r t.kader case.json --format xml");
    CHECK(xml.exit_code == 2);
    CHECK(xml.out.empty());
    CHECK_THAT(xml.err,
               Catch::StartsWith("kader eval: error: `--format xml`: choose text or json"));
    auto date = w.kader("eval --no-stdlib -r t.kader case.json --as-of 2023-13-01");
    CHECK(date.exit_code == 2);
    CHECK_THAT(
        date.err,
        Catch::StartsWith("kader eval: error: `--as-of 2023-13-01` is not a date in the calendar"));
    auto unknown = w.kader("eval --no-stdlib -r t.kader case.json --colour");
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Catch::StartsWith("kader eval: error: unknown option `--colour`"));
    auto explain = w.kader("eval --no-stdlib -r t.kader case.json --explain everything");
    CHECK(explain.exit_code == 2);
    auto no_case = w.kader("eval --no-stdlib -r t.kader");
    CHECK(no_case.exit_code == 2);
    CHECK_THAT(no_case.err, Catch::Contains("missing argument"));
    auto two_cases = w.kader("eval --no-stdlib -r t.kader case.json case.json");
    CHECK(two_cases.exit_code == 2);
    auto no_value = w.kader("eval --no-stdlib -r t.kader case.json --as-of");
    CHECK(no_value.exit_code == 2);
    CHECK_THAT(no_value.err, Catch::Contains("`--as-of` needs a value"));
}

TEST_CASE("kader eval and batch refuse a case without a date unless --as-of is given") {
    // A schema where the date is optional: without it, no default date is guessed.
    kt::TempDir dir;
    dir.write("t.kader", R"R(module t

schema case {
  date: optional date
  destination: country
}

rule r
  goal end_use
  basis "Art. 1"
  effective from 2000-01-01
  when case.destination == "RU"
  then deny
)R");
    dir.write("case.json", R"({"destination": "RU"})");
    std::string in = "cd " + kt::quoted(dir.path()) + " && " + kt::quoted(KADER_BINARY);
    auto eval = kt::shell(in + " eval --no-stdlib -r t.kader case.json");
    CHECK(eval.exit_code == 2);
    CHECK(eval.out.empty());
    CHECK_THAT(eval.err,
               Catch::StartsWith(
                   "case.json: error[K0708]: the case has no `date` and no as-of date was given\n"
                   "help: give the case a `date`, or the date to decide as of (`--as-of DATE`)"));
    auto with_date = kt::shell(in + " eval --no-stdlib -r t.kader case.json --as-of 2020-01-01");
    CHECK(with_date.exit_code == 0);
    CHECK_THAT(with_date.out, Catch::StartsWith("DENY — "));
    auto batch = kt::shell(in + " batch --no-stdlib -r t.kader case.json");
    CHECK(batch.exit_code == 2);
    CHECK(nlohmann::json::parse(batch.out)["line"] == 1);
    CHECK(kt::shell(in + " batch --no-stdlib -r t.kader case.json --as-of 2020-01-01").exit_code ==
          0);
    // The library says the same.
    auto rules = kader::RuleSet::load({(dir.path() / "t.kader").string()}, false);
    REQUIRE(rules.ok());
    auto d = rules->evaluate(std::string_view(R"({"destination": "RU"})"));
    REQUIRE_FALSE(d.ok());
    CHECK_THAT(kader::render(d.diagnostics().front()), Catch::Contains("no `date`"));
    CHECK(kt::decide(*rules, R"({"destination": "RU"})", {.as_of = kader::Date{2020, 1, 1}})
              .verdict() == kader::Verdict::deny);
}

TEST_CASE("kader with an unknown command exits 2, --version exits 0") {
    auto unknown = kt::kader("evaluate case.json");
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Catch::Contains("unknown command `evaluate`"));
    auto version = kt::kader("--version");
    CHECK(version.exit_code == 0);
    CHECK_THAT(version.out, Catch::StartsWith("kader "));
}

TEST_CASE("kader serve and kader repl run kader-serve and kader-repl from kader's own folder") {
    // A usage error is the program's, reported as the command's.
    auto bad = kt::kader("serve --port 70000");
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Catch::Contains("kader serve: error: `--port 70000`: give a port from 0 "
                                        "to 65535"));
    CHECK_THAT(bad.err, Catch::Contains("usage: kader serve"));
    auto extra = kt::kader("serve case.json");
    CHECK(extra.exit_code == 2);
    CHECK_THAT(extra.err, Catch::Contains("usage: kader serve"));
    auto two_cases = kt::kader("repl a.json b.json");
    CHECK(two_cases.exit_code == 2);
    CHECK_THAT(two_cases.err, Catch::Contains("usage: kader repl"));
    // The arguments reach the program as given: a script drives the REPL.
    Workspace w;
    auto scripted = w.kader("repl --no-stdlib -r t.kader case.json", "eval\n");
    CHECK(scripted.exit_code == 0);
    CHECK_THAT(scripted.out, Catch::Contains("PROHIBITED"));
    // Not found next to kader (a kader copied alone): said, with what to do.
    kt::TempDir alone;
    fs::copy_file(KADER_BINARY, alone.path() / "kader");
    for (std::string command : {"serve", "repl"}) {
        auto missing = kt::shell(kt::quoted(alone.path() / "kader") + " " + command);
        CHECK(missing.exit_code == 3);
        CHECK_THAT(missing.err, Catch::Contains(fmt::format(
                                    "kader {}: error: cannot run `{}`: No such file or directory",
                                    command, (alone.path() / ("kader-" + command)).string())));
        CHECK_THAT(missing.err, Catch::Contains("installed in the same folder as kader"));
    }
    // Found through a link too: the folder is the binary's, not the link's.
    kt::TempDir linked;
    fs::create_symlink(KADER_BINARY, linked.path() / "kader");
    auto through_link = kt::shell(kt::quoted(linked.path() / "kader") + " serve --threads 0");
    CHECK(through_link.exit_code == 2);
    CHECK_THAT(through_link.err, Catch::Contains("`--threads 0`: give a number of threads"));
}

TEST_CASE("kader itself loads no HTTP, TLS or line-editing library: kader-serve and kader-repl "
          "do") {
    // Loading cpp-httplib with OpenSSL's libssl, brotli and zlib took 2.8 ms
    // of every command's start, libedit with what it loads about 0.5 ms
    // (docs/performance.md).
    const fs::path folder = fs::path(KADER_BINARY).parent_path();
    auto loaded = [](const fs::path& program) {
        auto run = kt::shell("LD_TRACE_LOADED_OBJECTS=1 " + kt::quoted(program));
        REQUIRE(run.exit_code == 0);
        return run.out;
    };
    const std::string kader = loaded(KADER_BINARY);
    CHECK_THAT(kader, Catch::Contains("libc.so"));
    for (const char* library : {"httplib", "libssl", "libcrypto", "libedit"})
        CHECK_THAT(kader, !Catch::Contains(library));
    CHECK_THAT(loaded(folder / "kader-serve"), Catch::Contains("httplib"));
    CHECK_THAT(loaded(folder / "kader-repl"), Catch::Contains("libedit"));
}

TEST_CASE("kader batch writes what kader eval --format json writes for each line, in input order") {
    Strings cases = standard_cases();
    REQUIRE(cases.size() >= 20);
    kt::TempDir dir;
    write_lines(dir, "cases.jsonl", cases);
    auto one = kt::kader("batch " + kt::quoted(dir.path() / "cases.jsonl") + " -j 1");
    INFO(one.err);
    REQUIRE(one.exit_code == 0);
    auto four = kt::kader("batch " + kt::quoted(dir.path() / "cases.jsonl") + " -j 4");
    REQUIRE(four.exit_code == 0);
    CHECK(one.out == four.out);
    Strings out = lines(one.out);
    REQUIRE(out.size() == cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        auto file = dir.write("case-" + std::to_string(i) + ".json", cases[i]);
        auto eval = kt::kader("eval --format json " + kt::quoted(file));
        INFO("line " << i + 1 << ": " << cases[i] << "\n" << eval.err);
        REQUIRE(eval.exit_code == 0);
        CHECK(out[i] + "\n" == eval.out);
    }
}

TEST_CASE("kader batch --explain rules writes the decisions of --explain brief without their "
          "reason trees") {
    Strings cases = standard_cases();
    kt::TempDir dir;
    write_lines(dir, "cases.jsonl", cases);
    auto brief = kt::kader("batch " + kt::quoted(dir.path() / "cases.jsonl") + " -j 1");
    auto rules =
        kt::kader("batch " + kt::quoted(dir.path() / "cases.jsonl") + " -j 2 --explain rules");
    INFO(rules.err);
    REQUIRE((brief.exit_code == 0 && rules.exit_code == 0));
    Strings with = lines(brief.out), without = lines(rules.out);
    REQUIRE(without.size() == cases.size());
    std::size_t reviewed = 0;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO("line " << i + 1);
        auto b = nlohmann::ordered_json::parse(with[i]),
             r = nlohmann::ordered_json::parse(without[i]);
        REQUIRE(b["applied"].size() == r["applied"].size());
        for (std::size_t k = 0; k < b["applied"].size(); ++k) {
            auto& a = b["applied"][k];
            auto& short_a = r["applied"][k];
            CHECK_FALSE(short_a.contains("reason"));
            a.erase("reason");
            // Without a reason, the sets to review are every set the rule's
            // condition can read: those its reason named, and maybe more.
            Strings named =
                a.contains("set_reviews") ? kt::column(a["set_reviews"], "set") : Strings{};
            Strings all = short_a.contains("set_reviews")
                              ? kt::column(short_a["set_reviews"], "set")
                              : Strings{};
            for (const auto& s : named)
                CHECK(std::find(all.begin(), all.end(), s) != all.end());
            reviewed += named.size();
            a.erase("set_reviews");
            short_a.erase("set_reviews");
        }
        CHECK(r == b);
    }
    CHECK(reviewed > 0); // the examples rest on sets whose data is not verified
    // The same as kader eval's, and the text without the trees.
    auto file = dir.write("case.json", cases[0]);
    auto eval = kt::kader("eval --format json --explain rules " + kt::quoted(file));
    CHECK(eval.out == without[0] + "\n");
    auto text = kt::kader("eval --explain rules " + kt::quoted(file));
    CHECK(text.exit_code == 0);
    CHECK_THAT(text.out, !Catch::Contains("because"));
}

TEST_CASE("kader eval and batch refuse `--explain rules` with --log: a decision on record "
          "keeps its reasons") {
    Workspace w;
    for (std::string command : {"eval", "batch"}) {
        auto run =
            w.kader(command + " --no-stdlib -r t.kader case.json --explain rules --log d.db");
        CHECK(run.exit_code == 2);
        CHECK_THAT(run.err, Catch::StartsWith("kader " + command +
                                              ": error: `--explain rules` leaves out the reasons"));
        CHECK_FALSE(fs::exists(w.dir.path() / "d.db"));
    }
    auto level = w.kader("batch --no-stdlib -r t.kader case.json --explain everything");
    CHECK(level.exit_code == 2);
    CHECK_THAT(level.err, Catch::StartsWith("kader batch: error: `--explain everything`: choose "
                                            "rules, brief or full"));
}

TEST_CASE("kader batch reports a bad line as an error object and still decides the others") {
    Workspace w;
    std::string jsonl =
        std::string(ru_case) + "\n" +
        R"({"date": "2023-03-01", "destination": "JP", "items": [{}]})" + "\n" +
        R"({"date": "2023-03-01", "destination": "XX", "items": [{}]})" + "\n" +
        "\n" + // a blank line carries no case, but counts as a line
        R"({"date": "2023-03-01", "destination": "CN", "items": [{"code": "3A001.b"}]})" + "\n" +
        "{not json\n" +
        R"({"date": "2023-03-01", "destination": "CN", "end_use": "military", "items": [{}]})" +
        "\n";
    w.dir.write("cases.jsonl", jsonl);
    auto r = w.kader("batch --no-stdlib -r t.kader cases.jsonl -j 3");
    CHECK(r.exit_code == 2);
    Strings out = lines(r.out);
    REQUIRE(out.size() == 6);
    CHECK(nlohmann::json::parse(out[0])["verdict"] == "prohibited");
    CHECK(nlohmann::json::parse(out[1])["verdict"] == "allow");
    auto bad = nlohmann::ordered_json::parse(out[2]);
    CHECK(bad["line"] == 3);
    CHECK_THAT(
        bad["error"].get<std::string>(),
        Catch::StartsWith("line 3:1:39: error[K0704]: destination: \"XX\" is not an ISO 3166-1"));
    CHECK(nlohmann::json::parse(out[3])["verdict"] == "license_required");
    auto malformed = nlohmann::ordered_json::parse(out[4]);
    CHECK(malformed["line"] == 6);
    CHECK_THAT(malformed["error"].get<std::string>(),
               Catch::StartsWith("line 6:1:3: error[K0107]: malformed JSON"));
    CHECK(nlohmann::json::parse(out[5])["verdict"] == "deny");
    auto serial = w.kader("batch --no-stdlib -r t.kader cases.jsonl -j 1");
    CHECK(serial.out == r.out);
}

TEST_CASE("kader batch over several chunks keeps every line in order, whatever the threads") {
    // 10,000 lines are 40 chunks of 256, so each of the three chunks in
    // flight is filled again (with what its lines and threads wrote before
    // still in its room); 100 KiB lines cross the reader's 64 KiB blocks,
    // one in a chunk filled the second time; the last line has no newline.
    Workspace w;
    std::string padded = R"({"id": ")" + std::string(100 * 1024, 'p') +
                         R"(", "date": "2022-03-01", "destination": "RU", "items": [{}]})";
    std::string jsonl;
    for (int i = 1; i <= 10000; ++i) {
        if (i == 2049 || i == 8200)
            jsonl += padded;
        else if (i == 3000)
            jsonl += "{not json";
        else if (i == 4000)
            jsonl += "   ";
        else
            jsonl += fmt::format(R"({{"id": "L{}", "date": "2022-03-01", "destination": "{}", )"
                                 R"("items": [{{"code": "3A001.a.2"}}]}})",
                                 i, i % 3 == 0 ? "RU" : "JP");
        if (i < 10000) jsonl += "\n";
    }
    w.dir.write("cases.jsonl", jsonl);
    auto serial = w.kader("batch --no-stdlib -r t.kader cases.jsonl -j 1");
    CHECK(serial.exit_code == 2); // line 3000
    Strings out = lines(serial.out);
    REQUIRE(out.size() == 9999); // the blank line 4000 carries no case
    for (std::size_t k = 0; k < out.size(); ++k) {
        std::size_t line = k + 1 < 4000 ? k + 1 : k + 2;
        auto j = nlohmann::json::parse(out[k]);
        INFO("output " << k + 1 << ", input line " << line);
        if (line == 3000) {
            CHECK(j["line"] == 3000);
        } else if (line == 2049 || line == 8200) {
            CHECK(j["case"].get<std::string>().size() == 100 * 1024);
        } else {
            CHECK(j["case"] == fmt::format("L{}", line));
        }
    }
    for (const char* threads : {"2", "3"}) {
        auto parallel =
            w.kader(std::string("batch --no-stdlib -r t.kader cases.jsonl -j ") + threads);
        CHECK(parallel.exit_code == 2);
        CHECK(parallel.out == serial.out);
    }
}

TEST_CASE(
    "kader batch reports lines with bytes that are not UTF-8 or long non-ASCII values as errors") {
    Workspace w;
    std::string long_value = "a";
    for (int i = 0; i < 40; ++i)
        long_value += "\xC3\xA9"; // é: the quoted value is cut between characters
    std::string jsonl = std::string(ru_case) + "\n" +
                        R"({"date": "2023-03-01", "destination": "R\xFFU", "items": [{}]})" + "\n" +
                        R"({"date": "2023-03-01", "destination": "RU", "items": [{"cn": ")" +
                        long_value + R"("}]})" + "\n" + ru_case + "\n";
    w.dir.write("cases.jsonl", jsonl);
    auto r = w.kader("batch --no-stdlib -r t.kader cases.jsonl -j 2");
    CHECK(r.exit_code == 2);
    Strings out = lines(r.out);
    REQUIRE(out.size() == 4);
    CHECK(nlohmann::json::parse(out[0])["verdict"] == "prohibited");
    auto not_utf8 = nlohmann::json::parse(out[1]);
    CHECK(not_utf8["line"] == 2);
    CHECK_THAT(not_utf8["error"].get<std::string>(), Catch::Contains("malformed JSON"));
    auto cut = nlohmann::json::parse(out[2]);
    CHECK(cut["line"] == 3);
    CHECK_THAT(
        cut["error"].get<std::string>(),
        Catch::Contains("items[0].cn: expected a CN code of 4 to 8 digits such as \"85423190\"") &&
            Catch::Contains("\xC3\xA9...\nhelp: "));
    CHECK(nlohmann::json::parse(out[3])["verdict"] == "prohibited");
}

TEST_CASE("a command whose output cannot be written says so and exits 2") {
    // A full disk is no success: decisions lost without a word would be
    // taken for all there are.
    if (!fs::exists("/dev/full")) {
        WARN("no /dev/full here: not checked");
        return;
    }
    Workspace w;
    std::string jsonl;
    for (int i = 0; i < 600; ++i) { // (three chunks)
        jsonl += ru_case;
        jsonl += '\n';
    }
    w.dir.write("cases.jsonl", jsonl);
    for (const char* threads : {"1", "2"}) {
        INFO(threads);
        auto r = w.kader(std::string("batch --no-stdlib -r t.kader cases.jsonl -j ") + threads +
                         " > /dev/full");
        CHECK(r.exit_code == 2);
        CHECK(r.err == "kader batch: error: cannot write the decisions: No space left on device "
                       "(stopped after 0 lines written)\n");
    }
    for (const char* command : {"eval --no-stdlib -r t.kader case.json",
                                "eval --no-stdlib -r t.kader case.json --format json",
                                "check --no-stdlib -r t.kader", "version", "help", "help eval"}) {
        INFO(command);
        CHECK(w.kader(command).exit_code == 0); // (to a file, it succeeds)
        auto r = w.kader(std::string(command) + " > /dev/full");
        CHECK(r.exit_code == 2);
        std::string name = std::string(command).substr(0, std::string(command).find(' '));
        CHECK(r.err == "kader " + name +
                           ": error: cannot write the output: No space left on "
                           "device\n");
    }
    CHECK(w.kader("batch --no-stdlib -r t.kader cases.jsonl -j 2").exit_code == 0);
}

TEST_CASE("kader batch --as-of and - for standard input") {
    Workspace w;
    auto r = w.kader("batch --no-stdlib -r t.kader - --as-of 2022-02-25",
                     std::string(ru_case) + "\n" + ru_case + "\n");
    CHECK(r.exit_code == 0);
    Strings out = lines(r.out);
    REQUIRE(out.size() == 2);
    for (const auto& line : out) {
        auto j = nlohmann::json::parse(line);
        CHECK(j["as_of"] == "2022-02-25");
        CHECK(j["verdict"] == "license_required");
    }
    CHECK(w.kader("batch --no-stdlib -r t.kader - -j 0", ru_case).exit_code == 2);
    CHECK(w.kader("batch --no-stdlib -r t.kader nope.jsonl").exit_code == 2);
}

TEST_CASE("kader check exits 0 on good rules") {
    Workspace w;
    auto r = w.kader("check --no-stdlib -r t.kader");
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::StartsWith("ok: 1 modules, 3 rules"));
    auto standard = kt::kader("check");
    INFO(standard.err);
    CHECK(standard.exit_code == 0);
}

TEST_CASE("kader check exits 2 on a rule path it cannot read, like every other command") {
    Workspace w;
    auto missing = w.kader("check -r missing/");
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.err, Catch::StartsWith("missing/: error[K0102]: no such file or folder"));
    auto device = w.kader("check --no-stdlib -r /dev/zero");
    CHECK(device.exit_code == 2);
    CHECK_THAT(device.err, Catch::Contains("is not a regular file"));
}

TEST_CASE("kader check exits 1 on broken rules, with the diagnostic") {
    Workspace w;
    w.dir.write("broken.kader", kt::module_t(R"R(
rule ban
  goal sanctions
  basis "Art. 2"
  when case.destinaton == "RU"
  then prohibited
)R"));
    auto r = w.kader("check --no-stdlib -r broken.kader");
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::StartsWith("broken.kader:33:13: error[K0313]: the case schema has no "
                                        "field `destinaton` in `case`\n"
                                        "    when case.destinaton == \"RU\"\n"
                                        "              ^"));
    CHECK_THAT(r.err, Catch::Contains("help: did you mean `destination`?"));
    CHECK_THAT(r.err, Catch::Contains("1 error found"));
}

TEST_CASE("every example case decides without error with the built-in standard library") {
    fs::path examples = kt::source_dir() / "examples" / "cases";
    std::vector<fs::path> files;
    if (fs::is_directory(examples))
        for (const auto& e : fs::directory_iterator(examples))
            if (e.path().extension() == ".json") files.push_back(e.path());
    if (files.empty()) {
        WARN("examples/cases holds no cases yet; nothing to check");
        return;
    }
    std::sort(files.begin(), files.end());
    kt::TempDir elsewhere; // the standard library is built in: no rule files beside the case
    for (const auto& f : files) {
        auto r = kt::shell("cd " + kt::quoted(elsewhere.path()) + " && " +
                           kt::quoted(KADER_BINARY) + " eval --format json " + kt::quoted(f));
        INFO(f.filename().string() << "\n" << r.err);
        CHECK(r.exit_code == 0);
        CHECK(r.err.empty());
        auto j = nlohmann::json::parse(r.out);
        CHECK(j["verdict"].is_string());
    }
}
