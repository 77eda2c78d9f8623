// serve_load: the load of the load test against a running `kader serve`, for
// measure.sh. Every answer is checked; exits with 1 when one is wrong.
//
//   serve_load PORT REQUESTS CLIENTS CASE.json VERDICT
#include "load.hpp"

#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
    if (argc != 6) {
        std::cerr << "usage: serve_load PORT REQUESTS CLIENTS CASE.json VERDICT\n";
        return 2;
    }
    std::ifstream in(argv[4], std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
        std::cerr << "serve_load: cannot read " << argv[4] << '\n';
        return 2;
    }
    auto r = st::run_load(std::stoi(argv[1]), {{text.str(), argv[5]}}, std::stoul(argv[2]),
                          static_cast<unsigned>(std::stoul(argv[3])));
    std::cout << fmt::format("{} requests from {} clients in {:.2f} s: {:.0f} requests/s, "
                             "latency p50 {:.2f} ms, p99 {:.2f} ms, {} wrong answers\n",
                             r.requests, argv[3], r.seconds, r.per_second(), r.percentile(50),
                             r.percentile(99), r.failures);
    if (r.failures) std::cerr << "first wrong answer: " << r.first_failure << '\n';
    return r.failures ? 1 : 0;
}
