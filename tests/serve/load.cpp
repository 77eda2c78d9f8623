#include "load.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <httplib.h>
#include <thread>

namespace st {

namespace {

using Clock = std::chrono::steady_clock;

// The top-level verdict of a decision JSON. Its fields come in a fixed order,
// `case` (a string, in which a quote is escaped) then `verdict`
// (docs/decisions.md), so the first `"verdict":"` is the decision's: no need to
// parse 28 KB per answer, which would load the client more than the server.
std::string verdict_of(const std::string& decision) {
    const std::string key = "\"verdict\":\"";
    if (decision.rfind("{\"case\":\"", 0) != 0) return {};
    auto at = decision.find(key);
    if (at == std::string::npos) return {};
    auto start = at + key.size();
    auto end = decision.find('"', start);
    return end == std::string::npos ? std::string() : decision.substr(start, end - start);
}

// Why the answer is wrong; empty when it is right.
std::string check_answer(const httplib::Result& res, const LoadCase& c) {
    if (!res) return "no answer: " + httplib::to_string(res.error());
    if (res->status != 200) return "status " + std::to_string(res->status) + ": " + res->body;
    if (res->body.size() < 2 || res->body.compare(res->body.size() - 2, 2, "}\n") != 0)
        return "not one line of JSON: " + res->body.substr(0, 200);
    std::string verdict = verdict_of(res->body);
    if (verdict != c.verdict) return "verdict `" + verdict + "`, expected " + c.verdict;
    return {};
}

struct ClientResult {
    std::vector<double> latencies_ms;
    std::size_t failures = 0;
    std::string first_failure;
};

void one_client(int port, const std::vector<LoadCase>& cases, std::size_t first, std::size_t count,
                ClientResult& out) {
    httplib::Client client("127.0.0.1", port);
    client.set_keep_alive(true);
    client.set_tcp_nodelay(true); // a request goes out in two writes, as an answer does
    client.set_read_timeout(60, 0);
    out.latencies_ms.reserve(count);
    for (std::size_t i = first; i < first + count; ++i) {
        const LoadCase& c = cases[i % cases.size()];
        auto start = Clock::now();
        auto res = client.Post("/v1/decide", c.body, "application/json");
        auto ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        out.latencies_ms.push_back(ms);
        std::string wrong = check_answer(res, c);
        if (!wrong.empty() && out.failures++ == 0) out.first_failure = wrong;
    }
}

} // namespace

double LoadResult::percentile(double p) const {
    if (latencies_ms.empty()) return 0;
    // Nearest rank: the smallest latency that p % of the requests do not exceed.
    auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * latencies_ms.size()));
    return latencies_ms[std::clamp<std::size_t>(rank, 1, latencies_ms.size()) - 1];
}

LoadResult run_load(int port, const std::vector<LoadCase>& cases, std::size_t requests,
                    unsigned clients) {
    std::vector<ClientResult> results(clients);
    std::vector<std::thread> threads;
    auto start = Clock::now();
    std::size_t first = 0;
    for (unsigned t = 0; t < clients; ++t) {
        std::size_t count = requests / clients + (t < requests % clients ? 1 : 0);
        threads.emplace_back(one_client, port, std::cref(cases), first, count,
                             std::ref(results[t]));
        first += count;
    }
    for (auto& t : threads)
        t.join();
    LoadResult r;
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    for (auto& c : results) {
        r.requests += c.latencies_ms.size();
        r.latencies_ms.insert(r.latencies_ms.end(), c.latencies_ms.begin(), c.latencies_ms.end());
        if (c.failures && r.failures == 0) r.first_failure = c.first_failure;
        r.failures += c.failures;
    }
    std::sort(r.latencies_ms.begin(), r.latencies_ms.end());
    return r;
}

} // namespace st
