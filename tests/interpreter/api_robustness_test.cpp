// The C++ embedding API on hostile input: nothing is thrown across it, a
// number out of range, NaN, infinity, repeated keys and values nested without
// bound are errors with their place, and all of it works on a thread with a
// 1 MiB stack, as an embedder's worker threads often have.
// Reproducers from tests/reliability/repro/ (see reliability_test.cpp).
#include "support.hpp"

#include "interpreter/api_internal.hpp"
#include "interpreter/case_reader.hpp"
#include "interpreter/decide.hpp"

#include <cmath>
#include <functional>
#include <limits>
#include <pthread.h>

namespace {

std::string joined(const std::vector<kader::Diagnostic>& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics)
        out += kader::render(d);
    return out;
}

const kader::RuleSet& standard() {
    static const kader::RuleSet rules = kader::RuleSet::standard();
    return rules;
}

// The case as a parsed JSON value, through the interpreter's reader of
// values (the API takes text; tools inside Kader build values).
kader::Result<kader::Decision> evaluate_value(const kader::RuleSet& rules,
                                              const nlohmann::json& c) {
    kader::Diagnostics diags;
    auto program = kader::program_of(rules);
    auto read = kader::read_case(*program, c, "case", diags);
    auto d = read ? kader::decide(program, *read, {}, "case", diags) : std::nullopt;
    if (!d) return diags.all();
    return kader::Decision(std::make_shared<const kader::DecisionRecord>(std::move(*d)));
}

// A case of the standard schema with overlay and quantity numbers
// (examples/cases/duv-cn-2023-09.json).
nlohmann::json duv_case() {
    return nlohmann::json::parse(
        kt::read_file(kt::source_dir() / "examples" / "cases" / "duv-cn-2023-09.json"));
}

// `depth` arrays, one in the other, as text.
std::string nested_text(std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

// `depth` arrays, one in the other, built without recursion (an embedder can
// build such a value without a parser).
nlohmann::json nested_value(std::size_t depth) {
    nlohmann::json v = nlohmann::json::array();
    for (std::size_t i = 1; i < depth; ++i) {
        nlohmann::json outer = nlohmann::json::array();
        outer.push_back(std::move(v));
        v = std::move(outer);
    }
    return v;
}

// Runs `f` on a thread whose stack is `bytes` large, and waits for it.
// Whatever `f` throws is caught there and returned as text.
std::string on_small_stack(std::size_t bytes, std::function<void()> f) {
    struct Job {
        std::function<void()> f;
        std::string thrown;
    } job{std::move(f), {}};
    pthread_attr_t attr;
    REQUIRE(pthread_attr_init(&attr) == 0);
    REQUIRE(pthread_attr_setstacksize(&attr, bytes) == 0);
    pthread_t thread;
    auto run = [](void* p) -> void* {
        auto* j = static_cast<Job*>(p);
        try {
            j->f();
        } catch (const std::exception& e) {
            j->thrown = e.what();
        } catch (...) {
            j->thrown = "an exception that is not a std::exception";
        }
        return nullptr;
    };
    int created = pthread_create(&thread, &attr, run, &job);
    pthread_attr_destroy(&attr);
    REQUIRE(created == 0);
    REQUIRE(pthread_join(thread, nullptr) == 0);
    return job.thrown;
}

} // namespace

TEST_CASE("evaluate(text) with 1e999 returns a located error, never throws") {
    std::string text = R"({"date": "2023-03-01", "destination": "NL",
 "items": [{"cn": "85423190", "quantity": 1e999}], "parties": []})";
    kader::Result<kader::Decision> r = std::vector<kader::Diagnostic>{};
    REQUIRE_NOTHROW(r = standard().evaluate(text));
    REQUIRE_FALSE(r.ok());
    std::string errors = joined(r.diagnostics());
    CHECK(errors.find("case:2:43: error[K0107]: the number 1e999 is out of range") !=
          std::string::npos);
    CHECK(errors.find("internal error") == std::string::npos);

    // The reproducers: a bare 1e999, and one found by the fuzzer.
    auto bare = standard().evaluate(std::string("1e999"));
    REQUIRE_FALSE(bare.ok());
    CHECK(joined(bare.diagnostics())
              .find("case:1:1: error[K0107]: the number 1e999 is out of range") !=
          std::string::npos);
    auto fuzzed = standard().evaluate(kt::read_file(
        kt::source_dir() / "tests/reliability/repro/fuzz-case-1e999-uncaught-out_of_range.json"));
    REQUIRE_FALSE(fuzzed.ok());
    CHECK(joined(fuzzed.diagnostics()).find("internal error") == std::string::npos);
    CHECK(joined(fuzzed.diagnostics()).find("case:1:") != std::string::npos);
}

TEST_CASE("a case read as a JSON value refuses NaN and infinity as numbers") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    // The case as given decides: the bad numbers alone make it fail.
    REQUIRE(evaluate_value(standard(), duv_case()).ok());
    struct Bad {
        const char* what;
        nlohmann::json::json_pointer where;
        double number;
        const char* path;
    } bad[] = {
        {"NaN quantity", nlohmann::json::json_pointer("/items/0/quantity"), nan,
         "items[0].quantity"},
        {"NaN overlay", nlohmann::json::json_pointer("/items/0/params/overlay_nm"), nan,
         "items[0].params.overlay_nm"},
        {"infinite quantity", nlohmann::json::json_pointer("/items/0/quantity"), inf,
         "items[0].quantity"},
        {"-infinite overlay", nlohmann::json::json_pointer("/items/0/params/overlay_nm"), -inf,
         "items[0].params.overlay_nm"},
        {"infinite value", nlohmann::json::json_pointer("/items/0/value_eur"), inf,
         "items[0].value_eur"},
    };
    for (const auto& b : bad) {
        INFO(b.what);
        nlohmann::json c = duv_case();
        c[b.where] = b.number;
        kader::Result<kader::Decision> r = std::vector<kader::Diagnostic>{};
        REQUIRE_NOTHROW(r = evaluate_value(standard(), c));
        REQUIRE_FALSE(r.ok());
        std::string errors = joined(r.diagnostics());
        INFO(errors);
        CHECK(errors.find(b.path) != std::string::npos);
        CHECK(errors.find("expected a finite number") != std::string::npos);
    }
}

TEST_CASE("a case read as a JSON value refuses a value nested 100k levels deep") {
    nlohmann::json whole = nested_value(100000);
    kader::Result<kader::Decision> r = std::vector<kader::Diagnostic>{};
    REQUIRE_NOTHROW(r = evaluate_value(standard(), whole));
    REQUIRE_FALSE(r.ok());
    CHECK(joined(r.diagnostics()).find("the case nests deeper than 128 levels") !=
          std::string::npos);

    // Deep inside an otherwise good case.
    nlohmann::json c = duv_case();
    c["destination"] = nested_value(100000);
    REQUIRE_NOTHROW(r = evaluate_value(standard(), c));
    REQUIRE_FALSE(r.ok());
    CHECK(joined(r.diagnostics()).find("the case nests deeper than 128 levels") !=
          std::string::npos);

    // 128 levels are not refused for their depth (the schema refuses them).
    nlohmann::json shallow = duv_case();
    shallow["destination"] = nested_value(100);
    REQUIRE_NOTHROW(r = evaluate_value(standard(), shallow));
    REQUIRE_FALSE(r.ok());
    CHECK(joined(r.diagnostics()).find("nests deeper") == std::string::npos);
    CHECK(joined(r.diagnostics()).find("destination") != std::string::npos);
}

TEST_CASE("evaluate(text) refuses JSON nested 70k levels deep, with its place") {
    std::string errors;
    kader::Result<kader::Decision> r = std::vector<kader::Diagnostic>{};
    REQUIRE_NOTHROW(r = standard().evaluate(nested_text(70000)));
    REQUIRE_FALSE(r.ok());
    errors = joined(r.diagnostics());
    CHECK(errors.find("case:1:129: error[K0107]: the JSON nests deeper than 128 levels") !=
          std::string::npos);
    // 128 levels are JSON that Kader reads (and then refuses as a case).
    REQUIRE_NOTHROW(r = standard().evaluate(nested_text(128)));
    REQUIRE_FALSE(r.ok());
    CHECK(joined(r.diagnostics()).find("nests deeper") == std::string::npos);
}

TEST_CASE("a thread with a 1 MiB stack survives deep JSON, as text and as a value") {
    nlohmann::json deep = nested_value(100000);
    nlohmann::json deep_inside = duv_case();
    deep_inside["parties"][0]["flags"] = nested_value(100000);
    std::string text = nested_text(70000);
    std::string file =
        kt::read_file(kt::source_dir() / "tests/reliability/repro/deep-nesting-70k-segv.json");
    const kader::RuleSet& rules = standard(); // loaded here, on the big stack
    auto shown = [](const kader::Result<kader::Decision>& r) {
        return r.ok() ? std::string("(decided)") : joined(r.diagnostics());
    };
    std::vector<std::string> errors;
    std::string thrown = on_small_stack(std::size_t{1} << 20, [&] {
        errors.push_back(shown(rules.evaluate(text)));
        errors.push_back(shown(rules.evaluate(file)));
        errors.push_back(shown(evaluate_value(rules, deep)));
        errors.push_back(shown(evaluate_value(rules, deep_inside)));
    });
    CHECK(thrown.empty());
    REQUIRE(errors.size() == 4);
    CHECK(errors[0].find("case:1:129: error[K0107]: the JSON nests deeper than 128 levels") !=
          std::string::npos);
    CHECK(errors[1].find("case:1:129: error[K0107]: the JSON nests deeper than 128 levels") !=
          std::string::npos);
    CHECK(errors[2].find("the case nests deeper than 128 levels") != std::string::npos);
    CHECK(errors[3].find("the case nests deeper than 128 levels") != std::string::npos);
}

TEST_CASE("evaluate(text) refuses a repeated key, naming both places") {
    for (const char* name :
         {"dup-key-destination-allow.json", "dup-key-destination-prohibited.json"}) {
        INFO(name);
        std::string text = kt::read_file(kt::source_dir() / "tests/reliability/repro" / name);
        kader::Result<kader::Decision> r = std::vector<kader::Diagnostic>{};
        REQUIRE_NOTHROW(r = standard().evaluate(text));
        REQUIRE_FALSE(r.ok());
        std::string errors = joined(r.diagnostics());
        INFO(errors);
        CHECK(
            errors.find(
                "case:9:24: error[K0107]: the key \"destination\" appears twice in this object") !=
            std::string::npos);
        CHECK(errors.find("case:9:3: note: first given here") != std::string::npos);
    }
    auto nested =
        standard().evaluate(std::string("{\"date\": \"2023-03-01\",\n \"items\": [{\"cn\": "
                                        "\"85423190\",\n   \"cn\": \"85423190\"}]}"));
    REQUIRE_FALSE(nested.ok());
    CHECK(
        joined(nested.diagnostics()).find("case:3:4: error[K0107]: the key \"cn\" appears twice") !=
        std::string::npos);
    CHECK(joined(nested.diagnostics()).find("case:2:13: note: first given here") !=
          std::string::npos);
}

TEST_CASE("evaluate(text) refuses a NUL byte and what follows it") {
    std::string text =
        kt::read_file(kt::source_dir() / "tests/reliability/repro/nul-then-garbage-accepted.json");
    auto nul = text.find('\0');
    REQUIRE(nul != std::string::npos);
    auto r = standard().evaluate(std::string_view(text));
    REQUIRE_FALSE(r.ok());
    std::string errors = joined(r.diagnostics());
    CHECK(errors.find("case:1:" + std::to_string(nul + 1) +
                      ": error[K0107]: a NUL byte is not allowed in JSON text") !=
          std::string::npos);
    // Without the NUL and the garbage the case decides.
    CHECK(standard().evaluate(std::string_view(text).substr(0, nul)).ok());
}

TEST_CASE("Date::parse reads YYYY-MM-DD days that exist, and nothing else") {
    auto same = [](std::optional<kader::Date> d, int y, int m, int day) {
        return d && d->year == y && d->month == m && d->day == day;
    };
    CHECK(same(kader::Date::parse("2023-03-01"), 2023, 3, 1));
    CHECK(same(kader::Date::parse("2024-02-29"), 2024, 2, 29));
    CHECK(same(kader::Date::parse("2000-02-29"), 2000, 2, 29));
    CHECK(same(kader::Date::parse("0001-01-01"), 1, 1, 1));
    CHECK(same(kader::Date::parse("9999-12-31"), 9999, 12, 31));
    for (const char* bad :
         {"",           "2023- 3-01", "+202-01-01",  "0000-01-01",  "2023-02-29",  "1900-02-29",
          "2023-13-01", "2023-00-10", "2023-04-31",  "2023-01-00",  "2023-1-01",   "2023-01-1",
          "20230101",   "2023/01/01", " 2023-01-01", "2023-01-01 ", "2023-01-01x", "-023-01-01",
          "2023-0x-01", "10000-01-01"}) {
        INFO('"' << bad << '"');
        CHECK_FALSE(kader::Date::parse(bad));
    }
    CHECK_FALSE(kader::Date::parse(std::string_view("2023-03-01\0", 11)));
}
