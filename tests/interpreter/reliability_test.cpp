// Regression tests for the inputs in tests/reliability/repro/ that used to
// crash Kader, exhaust its time or memory, or be accepted silently. Each must
// now end as a located error (exit 2 for a bad case, 1 for rules that do not
// check) or a correct answer, in bounded time and output, and the REPL and
// batch runs go on after the bad input. The largest inputs are made here.
#include "support.hpp"

#include <chrono>
#include <sstream>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using kt::Strings;

namespace {

fs::path repro(const std::string& name) {
    return kt::source_dir() / "tests" / "reliability" / "repro" / name;
}

// The case the REPL reproducers were found with: EX-02, destination RU, transit ["HK"].
fs::path example_case() {
    return kt::source_dir() / "examples" / "cases" / "chips-ru-defence-via-hk-2022-11.json";
}

Strings lines(const std::string& text) {
    Strings out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// Sanitizers and unoptimised builds are many times slower: time bounds
// are hang guards, not benchmarks.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define KADER_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||                         \
    __has_feature(undefined_behavior_sanitizer)
#define KADER_TEST_SANITIZED 1
#endif
#endif
#if defined(KADER_TEST_SANITIZED) || !defined(NDEBUG)
constexpr bool slow_build = true;
#else
constexpr bool slow_build = false;
#endif

constexpr double time_bound_seconds = slow_build ? 240.0 : 30.0;

struct Timed {
    kt::Run run;
    double seconds = 0;
};

// `kader ARGS`, killed after ten minutes (exit 124) should it hang.
Timed timed_kader(const std::string& args, const std::string& input = {}) {
    auto start = std::chrono::steady_clock::now();
    Timed t;
    t.run = kt::shell("timeout 600 " + kt::quoted(KADER_BINARY) + " " + args, input);
    t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return t;
}

// The largest resident set of any child process so far, in bytes.
long long children_max_rss() {
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return static_cast<long long>(usage.ru_maxrss) * 1024;
}

// The peak resident set of `kader ARGS` alone, in bytes. It runs under a
// forked process of its own: RUSAGE_CHILDREN keeps the largest of every
// child a process has waited for, and this test binary runs many.
long long peak_rss_of(const std::string& args, const std::string& input) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        kt::kader(args, input);
        long long rss = children_max_rss();
        bool sent = write(fds[1], &rss, sizeof rss) == static_cast<ssize_t>(sizeof rss);
        _exit(sent ? 0 : 1);
    }
    close(fds[1]);
    long long rss = -1;
    auto got = read(fds[0], &rss, sizeof rss);
    close(fds[0]);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    REQUIRE(got == static_cast<ssize_t>(sizeof rss));
    REQUIRE((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    return rss;
}

kt::Run repl(const std::string& script) {
    return kt::kader("repl " + kt::quoted(example_case()), script);
}

// One line per case: the example cases, compact.
Strings example_lines() {
    Strings out;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(kt::source_dir() / "examples" / "cases"))
        if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
        out.push_back(nlohmann::json::parse(kt::read_file(f)).dump());
    return out;
}

} // namespace

TEST_CASE("reliability: a number out of range in a case file is a located error, exit 2") {
    struct Repro {
        const char* file;
        const char* where;
    } repros[] = {
        {"min-1e999.json", "1:1"},
        {"number-1e999-internal-error.json", "1:266"},
        {"fuzz-case-1e999-uncaught-out_of_range.json", "1:203"},
    };
    for (const auto& r : repros) {
        INFO(r.file);
        auto run = kt::kader("eval " + kt::quoted(repro(r.file)));
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        CHECK(contains(run.err, repro(r.file).string() + ":" + r.where +
                                    ": error[K0107]: the number 1e999 is out of range\n"));
        CHECK(contains(run.err, "help: a number must fit in a double"));
        CHECK_FALSE(contains(run.err, "internal error"));
    }
    // The same from standard input, and in the JSON format.
    auto piped = kt::kader("eval - --format json", kt::read_file(repro("min-1e999.json")));
    CHECK(piped.exit_code == 2);
    CHECK(contains(piped.err, ":1:1: error[K0107]: the number 1e999 is out of range"));
    // The largest double is still a number.
    std::string big = kt::read_file(repro("number-1e999-internal-error.json"));
    for (std::size_t at; (at = big.find("1e999")) != std::string::npos;)
        big.replace(at, 5, "1.7e308");
    auto decided = kt::kader("eval -", big);
    CHECK(decided.exit_code == 0);
    CHECK_THAT(decided.out, Catch::StartsWith("PROHIBITED"));
}

TEST_CASE("reliability: a case nested 70k levels deep is a located error, not a crash") {
    auto run = kt::kader("eval " + kt::quoted(repro("deep-nesting-70k-segv.json")));
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK_THAT(run.err,
               Catch::StartsWith(repro("deep-nesting-70k-segv.json").string() +
                                 ":1:129: error[K0107]: the JSON nests deeper than 128 levels\n"));
    // 128 levels are read (and refused as a case: it is not an object).
    auto shallow = kt::kader("eval -", std::string(128, '[') + std::string(128, ']'));
    CHECK(shallow.exit_code == 2);
    CHECK_FALSE(contains(shallow.err, "nests deeper"));
    // An object nested as deep, inside a case.
    const std::string prefix = R"({"date": "2023-03-01", "destination": )";
    std::string deep_object = prefix;
    for (int i = 0; i < 70000; ++i)
        deep_object += "{\"a\":";
    deep_object += "1" + std::string(70000, '}') + "}";
    auto in_case = kt::kader("eval -", deep_object);
    CHECK(in_case.exit_code == 2);
    CHECK(contains(in_case.err, ":1:" + std::to_string(prefix.size() + 127 * 5 + 1) +
                                    ": error[K0107]: the JSON nests deeper than 128 levels"));
}

TEST_CASE("reliability: a repeated key in a case is an error naming both places") {
    struct Repro {
        const char* file;
        const char* kept; // the destination given once instead of twice
        const char* verdict;
        const char* first_line; // line 9 as written, the key twice
    } repros[] = {
        {"dup-key-destination-allow.json", R"("destination": "US")", "ALLOW",
         R"("destination": "RU", "destination": "US",)"},
        {"dup-key-destination-prohibited.json", R"("destination": "RU")", "PROHIBITED",
         R"("destination": "US", "destination": "RU",)"},
    };
    for (const auto& r : repros) {
        INFO(r.file);
        auto run = kt::kader("eval " + kt::quoted(repro(r.file)));
        CHECK(run.exit_code == 2);
        CHECK(run.out.empty());
        // Both places are shown, each under its line of the case.
        std::string dup_line = std::string("    ") + r.first_line + "\n";
        CHECK(run.err == repro(r.file).string() +
                             ":9:24: error[K0107]: the key \"destination\" appears twice in "
                             "this object\n" +
                             dup_line + "                         ^\n" + repro(r.file).string() +
                             ":9:3: note: first given here\n" + dup_line +
                             "    ^\nhelp: keep one of the two\n");
        // Given once, the case decides: the error is the repeated key alone.
        Strings text = lines(kt::read_file(repro(r.file)));
        REQUIRE(text.size() > 9);
        text[8] = std::string("  ") + r.kept + ",";
        std::string once;
        for (const auto& l : text)
            once += l + "\n";
        auto decided = kt::kader("eval -", once);
        CHECK(decided.exit_code == 0);
        CHECK_THAT(decided.out, Catch::StartsWith(r.verdict));
    }
}

TEST_CASE("reliability: a NUL byte in a case file is an error at its place") {
    std::string text = kt::read_file(repro("nul-then-garbage-accepted.json"));
    auto nul = text.find('\0');
    REQUIRE(nul == 558);
    auto run = kt::kader("eval " + kt::quoted(repro("nul-then-garbage-accepted.json")));
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK_THAT(run.err,
               Catch::StartsWith(repro("nul-then-garbage-accepted.json").string() +
                                 ":1:559: error[K0107]: a NUL byte is not allowed in JSON text"));
    // Up to the NUL byte it is a good case; a NUL alone at the end is still refused.
    CHECK(kt::kader("eval -", text.substr(0, nul)).exit_code == 0);
    auto trailing = kt::kader("eval -", text.substr(0, nul + 1));
    CHECK(trailing.exit_code == 2);
    CHECK(contains(trailing.err, ":1:559: error[K0107]: a NUL byte is not allowed in JSON text"));
}

TEST_CASE("reliability: kader batch decides every good line in order around a bad one") {
    for (const char* jobs : {"1", "2"}) {
        INFO("-j " << jobs);
        auto run = kt::kader("batch -j " + std::string(jobs) + " " +
                             kt::quoted(repro("batch-1e999-aborts-whole-batch.jsonl")));
        CHECK(run.exit_code == 2);
        Strings out = lines(run.out);
        REQUIRE(out.size() == 3);
        auto first = nlohmann::json::parse(out[0]);
        auto bad = nlohmann::json::parse(out[1]);
        auto last = nlohmann::json::parse(out[2]);
        CHECK(first["case"] == "EX-21");
        CHECK(first["verdict"] == "allow");
        CHECK(last["case"] == "EX-21");
        CHECK(last["verdict"] == "allow");
        CHECK(bad.size() == 3);
        CHECK(bad["code"] == "K0107");
        CHECK(bad["line"] == 2);
        CHECK(bad["error"] == "line 2:1:266: error[K0107]: the number 1e999 is out of range\n"
                              "help: a number must fit in a double, about 1.8e308 at most");
    }
}

TEST_CASE("reliability: kader batch with every kind of bad line, -j 1 and -j 2") {
    Strings good = example_lines();
    REQUIRE(good.size() >= 6);
    std::string ok_case =
        R"({"date": "2023-03-01", "destination": "NL", "items": [{"cn": "85423190"}], )"
        R"("parties": []})";
    // Bad lines, each with what its error says.
    std::vector<std::pair<std::string, std::string>> bad = {
        {kt::read_file(repro("min-1e999.json")).substr(0, 5),
         "line {}:1:1: error[K0107]: the number 1e999 is out of range"},
        {kt::read_file(repro("fuzz-case-1e999-uncaught-out_of_range.json")),
         "line {}:1:203: error[K0107]: the number 1e999 is out of range"},
        {std::string(70000, '[') + std::string(70000, ']'),
         "line {}:1:129: error[K0107]: the JSON nests deeper than 128 levels"},
        {R"({"date": "2023-03-01", "destination": "RU", "destination": "NL", "items": []})",
         "line {}:1:45: error[K0107]: the key \"destination\" appears twice in this object"},
        {ok_case + std::string(1, '\0') + "garbage",
         "line {}:1:" + std::to_string(ok_case.size() + 1) +
             ": error[K0107]: a NUL byte is not allowed in JSON text"},
        {"{not json", "line {}:1:3: error[K0107]: malformed JSON: syntax error"},
    };
    // good, bad, good, bad, ... and the good ones left over at the end.
    std::string input;
    std::vector<std::string> expected; // a verdict or an error's start, per line
    std::size_t g = 0;
    for (std::size_t i = 0; i < bad.size(); ++i) {
        input += good[g++] + "\n";
        expected.push_back("decided");
        input += bad[i].first + "\n";
        std::string e = bad[i].second;
        e.replace(e.find("{}"), 2, std::to_string(expected.size() + 1));
        expected.push_back(e);
    }
    while (g < good.size()) {
        input += good[g++] + "\n";
        expected.push_back("decided");
    }
    // What `kader eval` says of each good case.
    Strings decisions;
    for (const auto& c : good) {
        auto e = kt::kader("eval - --format json", c);
        REQUIRE(e.exit_code == 0);
        decisions.push_back(lines(e.out).at(0));
    }
    for (const char* jobs : {"1", "2"}) {
        INFO("-j " << jobs);
        auto run = kt::kader("batch - -j " + std::string(jobs), input);
        CHECK(run.exit_code == 2);
        Strings out = lines(run.out);
        REQUIRE(out.size() == expected.size());
        std::size_t d = 0;
        for (std::size_t i = 0; i < out.size(); ++i) {
            INFO("output line " << i + 1 << ": " << out[i].substr(0, 300));
            if (expected[i] == "decided") {
                CHECK(out[i] == decisions[d++]);
            } else {
                auto e = nlohmann::json::parse(out[i]);
                CHECK(e["line"] == i + 1);
                CHECK_THAT(e["error"].get<std::string>(), Catch::StartsWith(expected[i]));
                CHECK_THAT(e["error"].get<std::string>(), !Catch::Contains("internal error"));
            }
        }
    }
}

TEST_CASE("reliability: the REPL goes on after a number out of range") {
    auto run =
        repl(kt::read_file(repro("repl-1e999-kills-session.txt")) + "set destination = \"KZ\"\n");
    CHECK(run.exit_code == 1); // a command failed
    CHECK(contains(run.out, "error[K0904]: the number 1e999 is out of range\n"
                            "  set items[0].quantity = 1e999\n"
                            "                          ^\n"
                            "help: a number must fit in a double, about 1.8e308 at most\n"));
    CHECK(contains(run.out, "destination: \"RU\" -> \"KZ\"\n"));
    CHECK_FALSE(contains(run.out + run.err, "internal error"));
    // The quantity was left as it was.
    auto shown =
        repl(kt::read_file(repro("repl-1e999-kills-session.txt")) + ":show items[0].quantity\n");
    CHECK(contains(shown.out, "^\nhelp: a number must fit in a double, about 1.8e308 at most\n"
                              "60000\n"));
}

TEST_CASE("reliability: the REPL refuses a line that is not UTF-8 and goes on (found by fuzzing)") {
    // A set literal with the byte E5 alone: the expression's texts reached a JSON dump and
    // the session died with an internal error.
    auto run =
        repl("{\"A\", \"\xE5\x42\"}\n(\"\xFF\" == case.destination)\nset destination = \"KZ\"\n");
    CHECK(run.exit_code == 1);
    CHECK(contains(run.out, "error[K0106]: this line is not valid UTF-8 here\n"));
    CHECK(contains(run.out, "destination: \"RU\" -> \"KZ\"\n"));
    CHECK_FALSE(contains(run.out + run.err, "internal error"));
}

TEST_CASE("reliability: the REPL refuses list indexes of more than six digits and goes on") {
    std::string script = kt::read_file(repro("repl-index-overflow-stoul-kills-session.txt")) +
                         "remove parties[18446744073709551616]\n"
                         ":show parties[18446744073709551616]\n"
                         "set parties[1234567].country = \"KZ\"\n"
                         "set parties[999999].country = \"KZ\"\n"
                         "set parties[1].country = \"KZ\"\n";
    auto run = repl(script);
    CHECK(run.exit_code == 1);
    CHECK_FALSE(contains(run.out + run.err, "internal error"));
    CHECK(contains(run.out, "error[K0903]: this list index is too large\n"
                            "  set parties[18446744073709551616].country = \"KZ\"\n"
                            "              ^\n"));
    CHECK(contains(run.out, "error[K0903]: this list index is too large\n"
                            "  remove parties[18446744073709551616]\n"
                            "                 ^\n"));
    CHECK(contains(run.out, "error[K0903]: this list index is too large\n"
                            "  :show parties[18446744073709551616]\n"
                            "                ^\n"));
    CHECK(contains(run.out, "error[K0903]: this list index is too large\n"
                            "  set parties[1234567].country = \"KZ\"\n"));
    // Six digits are an index, out of range here.
    CHECK(contains(run.out, "error[K0903]: `parties` has 2 elements: parties[0] to parties[1]\n"
                            "  set parties[999999].country = \"KZ\"\n"));
    CHECK(contains(run.out, "parties[1].country: \"RU\" -> \"KZ\"\n"));
}

TEST_CASE("reliability: the REPL refuses a value nested 70k levels deep and goes on") {
    std::string script = kt::read_file(repro("repl-deep-json-value-segv.txt"));
    REQUIRE(script.size() == 140019);
    auto run = repl(script + "set destination = \"KZ\"\n");
    CHECK(run.exit_code == 1);
    CHECK(contains(run.out, "error[K0904]: the JSON nests deeper than 128 levels\n"));
    // The caret is under the 129th bracket, in a window of the line 60 bytes
    // from its start ("  " and "..." before it).
    CHECK(contains(run.out, "\n  ..." + std::string(57, '[') + "["));
    CHECK(contains(run.out, "\n" + std::string(2 + 63, ' ') + "^\n"));
    CHECK(contains(run.out, "destination: \"RU\" -> \"KZ\"\n"));
    CHECK_FALSE(contains(run.out + run.err, "internal error"));
}

TEST_CASE("reliability: 2,000 adds in the REPL stay in bounded time and memory, and undo") {
    std::string script = kt::read_file(repro("repl-undo-quadratic-2000-adds.txt"));
    REQUIRE(lines(script).size() == 2000);
    // One undo, then every step undone, in order, back to the case as loaded.
    script += ":undo\n:show transit\n";
    for (int i = 1; i < 2000; ++i)
        script += ":undo\n";
    script += ":undo\n:show transit\n";
    auto t = timed_kader("repl " + kt::quoted(example_case()), script);
    CHECK(t.run.exit_code == 0);
    CHECK(t.seconds < time_bound_seconds);
    CHECK(contains(t.run.out, "transit[2000]: (new) \"KZ\"\n"));
    CHECK(contains(t.run.out, "undid `add transit \"KZ\"`\n"));
    // After the first undo: "HK" and 1,999 times "KZ", one per line between [ and ].
    Strings out = lines(t.run.out);
    auto open = std::find(out.begin(), out.end(), "[");
    REQUIRE(open != out.end());
    auto close = std::find(open, out.end(), "]");
    REQUIRE(close != out.end());
    CHECK(close - open == 2001);
    CHECK(open[1] == "  \"HK\",");
    CHECK(open[2000] == "  \"KZ\"");
    // After all of them, the case as loaded; one more undo has nothing to undo.
    CHECK(std::count(out.begin(), out.end(), "undid `add transit \"KZ\"`") == 2000);
    std::string end =
        t.run.out.substr(t.run.out.size() - std::min<std::size_t>(t.run.out.size(), 200));
    CHECK_THAT(end, Catch::EndsWith("verdict: still prohibited; no rule changed\n"
                                    "nothing to undo\n[\n  \"HK\"\n]\n"));
    // Before the fix, 173 MB (a whole case copy per undo step); now about 12 MB.
    if (!slow_build)
        CHECK(peak_rss_of("repl " + kt::quoted(example_case()), script) < 100ll * 1024 * 1024);
}

TEST_CASE("reliability: 100k open braces in the REPL end in an error in bounded time") {
    std::string braces = kt::read_file(repro("repl-continuation-quadratic-100k-open-braces.txt"));
    REQUIRE(lines(braces).size() == 100000);
    // Left open, the entry ends with the input, as an error.
    auto open = timed_kader("repl " + kt::quoted(example_case()), braces);
    CHECK(open.run.exit_code == 1);
    CHECK(open.seconds < time_bound_seconds);
    CHECK(contains(open.run.out, "error[K0201]: expected `,` or `}` to continue or close the list\n"
                                 "  { { { {"));
    // Closed again, it is one entry, an error; the next command works.
    std::string closed = braces;
    for (int i = 0; i < 100000; ++i)
        closed += "}\n";
    auto t =
        timed_kader("repl " + kt::quoted(example_case()), closed + "set destination = \"KZ\"\n");
    CHECK(t.run.exit_code == 1);
    CHECK(t.seconds < time_bound_seconds);
    CHECK(contains(t.run.out, "error[K0201]: expected `,` or `}` to continue or close the list\n"));
    CHECK(contains(t.run.out, "destination: \"RU\" -> \"KZ\"\n"));
    // More than 1 MiB of pending text is discarded with an error.
    std::string huge;
    for (int i = 0; i < 600000; ++i)
        huge += "{\n";
    auto capped = timed_kader("repl " + kt::quoted(example_case()), huge);
    CHECK(capped.run.exit_code == 1);
    CHECK(capped.seconds < time_bound_seconds);
    CHECK(contains(capped.run.out,
                   "error[K0709]: this entry is longer than 1048576 bytes and was discarded\n"
                   "help: check for a bracket or quote that is never closed\n"));
    CHECK(capped.run.out.size() < 1024 * 1024);
}

TEST_CASE("reliability: a rule file may begin with a UTF-8 byte order mark") {
    std::string file = kt::quoted(repro("rule-file-with-bom-rejected.kader"));
    REQUIRE(
        kt::read_file(repro("rule-file-with-bom-rejected.kader")).rfind("\xEF\xBB\xBFmodule", 0) ==
        0);
    auto with_stdlib = kt::kader("check -r " + file);
    CHECK(with_stdlib.exit_code == 0);
    CHECK_THAT(with_stdlib.out, Catch::StartsWith("ok: "));
    // Without the standard library `import common` fails, at the right
    // column: the mark is not a declaration and takes no column.
    auto alone = kt::kader("check --no-stdlib -r " + file);
    CHECK(alone.exit_code == 1);
    CHECK_FALSE(contains(alone.out + alone.err, "expected a declaration"));
    CHECK(contains(alone.out + alone.err, repro("rule-file-with-bom-rejected.kader").string() +
                                              ":3:8: error[K0303]: unknown module `common`"));
    // A file that needs nothing else checks on its own.
    kt::TempDir dir;
    auto bom = dir.write("bom.kader", "\xEF\xBB\xBFmodule bom\n");
    auto ok = kt::kader("check --no-stdlib -r " + kt::quoted(bom));
    CHECK(ok.exit_code == 0);
    CHECK_FALSE(contains(ok.out + ok.err, "error"));
    // A mark anywhere else is still an error.
    auto late = dir.write("late.kader", "module late\n\xEF\xBB\xBF\n");
    CHECK(kt::kader("check --no-stdlib -r " + kt::quoted(late)).exit_code != 0);
}

TEST_CASE("reliability: a rule file that is not valid UTF-8 is an error at the bad byte") {
    for (const char* stdlib : {"--no-stdlib ", ""}) {
        INFO(stdlib);
        auto run = kt::kader(std::string("check ") + stdlib + "-r " +
                             kt::quoted(repro("rule-invalid-utf8-accepted-silently.kader")));
        CHECK(run.exit_code == 1);
        std::string all = run.out + run.err;
        CHECK(contains(all, repro("rule-invalid-utf8-accepted-silently.kader").string() +
                                ":9:21: error[K0106]: this file is not valid UTF-8 here\n"));
        CHECK_FALSE(contains(all, "ok: "));
    }
    // eval refuses the rules too: no decision from rules that do not check.
    auto eval = kt::kader("eval --no-stdlib -r " +
                          kt::quoted(repro("rule-invalid-utf8-accepted-silently.kader")) + " " +
                          kt::quoted(example_case()));
    CHECK(eval.exit_code == 2);
    CHECK(contains(eval.err, ":9:21: error[K0106]: this file is not valid UTF-8 here"));
}

TEST_CASE("reliability: load \"/dev/zero\" and -r /dev/zero are errors, quickly") {
    auto t = timed_kader("check --no-stdlib -r " +
                         kt::quoted(repro("rule-load-dev-zero-unbounded-read.kader")));
    CHECK(t.run.exit_code == 1);
    CHECK(t.seconds < time_bound_seconds);
    std::string all = t.run.out + t.run.err;
    CHECK(contains(all, repro("rule-load-dev-zero-unbounded-read.kader").string() +
                            ":3:14: error[K0505]: cannot "));
    CHECK(contains(all, " `/dev/zero`: it is not a regular file"));

    auto rule_file = timed_kader("check --no-stdlib -r /dev/zero");
    CHECK(rule_file.run.exit_code == 2); // a rule file that cannot be read is bad input
    CHECK(rule_file.seconds < time_bound_seconds);
    CHECK_THAT(rule_file.run.out + rule_file.run.err,
               Catch::StartsWith("/dev/zero: error[K0101]: cannot "));
    CHECK(contains(rule_file.run.out + rule_file.run.err,
                   " this rule file: it is not a regular file"));

    auto eval = timed_kader("eval -r /dev/zero " + kt::quoted(example_case()));
    CHECK(eval.run.exit_code == 2);
    CHECK(eval.seconds < time_bound_seconds);
    CHECK_THAT(eval.run.err, Catch::StartsWith("/dev/zero: error[K0101]: cannot "));
    CHECK(contains(eval.run.err, " this rule file: it is not a regular file"));
    CHECK(eval.run.out.empty());
}

TEST_CASE("reliability: thousands of errors on one long line give bounded output") {
    auto check = [](const std::string& args, std::size_t errors) {
        auto t = timed_kader(args);
        CHECK(t.run.exit_code == 1);
        CHECK(t.seconds < time_bound_seconds);
        std::string all = t.run.out + t.run.err;
        CHECK(all.size() < 100 * 1024);
        CHECK(contains(all, ": note: " + std::to_string(errors - 50) +
                                " more errors not shown (at most 50 are shown per file)\n"));
        CHECK(contains(all, std::to_string(errors) + " errors found"));
        // Each quoted line is a window on the long line, not all of it.
        for (const auto& l : lines(all))
            CHECK(l.size() < 400);
    };
    // With the standard library: 2,000 times "XX", which is no country.
    check("check -r " + kt::quoted(repro("rule-long-line-2000-errors-diagnostic-blowup.kader")),
          2000);
    // Without it, `import common` and 2,000 uses of `case` fail.
    check("check --no-stdlib -r " +
              kt::quoted(repro("rule-long-line-2000-errors-diagnostic-blowup.kader")),
          2001);
    // The 284 KB variant (once 2.8 GB of output), made here: 10,000 errors.
    kt::TempDir dir;
    std::string when = "  when case.destination == \"XX\"";
    for (int i = 1; i < 10000; ++i)
        when += " or case.destination == \"XX\"";
    auto big = dir.write("blow.kader", "module blow\n\nimport common\n\nrule many\n"
                                       "  goal sanctions\n  basis \"generated\"\n" +
                                           when + "\n  then prohibited \"hit\"\n");
    REQUIRE(fs::file_size(big) > 280000);
    check("check -r " + kt::quoted(big), 10000);
}
