#pragma once
// A load of POST /v1/decide requests from several client threads, every
// answer checked; used by the load test and by measure.sh (serve_load).
#include <cstddef>
#include <string>
#include <vector>

namespace st {

struct LoadCase {
    std::string body;    // the case JSON
    std::string verdict; // the verdict its decision must have
};

struct LoadResult {
    std::size_t requests = 0, failures = 0;
    std::string first_failure;
    double seconds = 0;
    std::vector<double> latencies_ms; // sorted
    double per_second() const { return seconds > 0 ? requests / seconds : 0; }
    double percentile(double p) const; // p in [0, 100]
};

// Sends `requests` requests over `clients` threads, each on its own keep-alive
// connection, going through `cases` in turn.
LoadResult run_load(int port, const std::vector<LoadCase>& cases, std::size_t requests,
                    unsigned clients);

} // namespace st
