// A load of 10,000 decisions from 8 client threads over loopback: every answer
// is a 200 with the verdict `kader eval` gives the case.
#include "load.hpp"
#include "support.hpp"

#include "kader_catch.hpp"

TEST_CASE("10000 decisions from 8 clients are all answered and all right", "[serve][load]") {
    std::vector<st::LoadCase> cases;
    for (const char* name : {"chips-ru-defence-via-hk-2022-11.json", "euv-jp-eu001-2024.json",
                             "end-use-missing-cn-2023.json", "chips-us-partner-2024.json"}) {
        auto path = st::fs::path(st::source_dir()) / "examples" / "cases" / name;
        auto eval = st::kader("eval " + st::quoted(path.string()) + " --format json");
        REQUIRE(eval.exit_code == 0);
        cases.push_back({st::read_file(path), st::json::parse(eval.out)["verdict"]});
    }
    st::Server server({"--threads", "8"});
    auto r = st::run_load(server.port(), cases, 10000, 8);
    INFO("first wrong answer: " << r.first_failure);
    CHECK(r.requests == 10000);
    CHECK(r.failures == 0);
#if defined(KADER_SERVE_SANITIZED)
    CHECK(r.seconds < 600); // several times slower under a sanitizer
#else
    CHECK(r.seconds < 120);
#endif
    WARN(r.requests << " requests in " << r.seconds << " s: " << r.per_second()
                    << " requests/s, p50 " << r.percentile(50) << " ms, p99 " << r.percentile(99)
                    << " ms");
}
