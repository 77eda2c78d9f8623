// One rule set, many threads, different cases: every thread must get the
// decisions one thread gets. Run under ThreadSanitizer in CI.
#include "kader_catch.hpp"
#include <kader/kader.hpp>
#include <thread>

namespace {

// Cases that differ in destination, dates, codes and parties, so that
// different rules (and different explanation paths) run in each thread.
std::vector<std::string> varied_cases() {
    const char* destinations[] = {"RU", "CN", "JP", "NL", "KZ", "US", "BY", "HK"};
    const char* codes[] = {"3A001.a.2", "3B001.f.1", "5A002", "", "3E001"};
    const char* cns[] = {"85423190", "84862000", "90312000", "85171300"};
    const char* dates[] = {"2016-05-01", "2022-03-01", "2022-10-10", "2023-09-02", "2025-06-01"};
    std::vector<std::string> out;
    for (int i = 0; i < 80; ++i) {
        std::string code = codes[i % 5];
        std::string item = code.empty()
                               ? R"({"cn": ")" + std::string(cns[i % 4]) + R"("})"
                               : R"({"code": ")" + code + R"(", "cn": ")" + cns[i % 4] + R"("})";
        out.push_back(
            std::string(R"({"id": "T)") + std::to_string(i) + R"(", "date": ")" + dates[i % 5] +
            R"(", "destination": ")" + destinations[i % 8] + R"(", "items": [)" + item +
            R"(], "parties": [{"role": "intermediary", "country": ")" + destinations[(i + 3) % 8] +
            R"("}, {"role": "end_user", "country": ")" + destinations[(i + 5) % 8] + R"(")" +
            (i % 3 == 0 ? R"(, "flags": ["prior_diversion"])" : "") + "}]" +
            (i % 2 ? R"(, "end_use": "civil")" : "") + "}");
    }
    return out;
}

std::string decide(const kader::RuleSet& rules, const std::string& c) {
    auto d = rules.evaluate(c);
    if (!d) return kader::render(d.diagnostics().front());
    return d->to_json() + d->to_text();
}

} // namespace

TEST_CASE("many threads evaluating one rule set give the decisions of one thread") {
    kader::RuleSet rules = kader::RuleSet::standard();
    std::vector<std::string> cases = varied_cases();
    std::vector<std::string> expected;
    for (const auto& c : cases)
        expected.push_back(decide(rules, c));
    for (const auto& e : expected)
        REQUIRE(e.rfind("error", 0) != 0);

    constexpr int threads = 8;
    std::vector<std::vector<std::string>> got(threads, std::vector<std::string>(cases.size()));
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            // each thread walks the cases from a different start
            for (std::size_t k = 0; k < cases.size(); ++k) {
                std::size_t i = (k + static_cast<std::size_t>(t) * 7) % cases.size();
                got[static_cast<std::size_t>(t)][i] = decide(rules, cases[i]);
            }
        });
    for (auto& th : pool)
        th.join();
    for (int t = 0; t < threads; ++t)
        for (std::size_t i = 0; i < cases.size(); ++i)
            REQUIRE(got[static_cast<std::size_t>(t)][i] == expected[i]);
}
