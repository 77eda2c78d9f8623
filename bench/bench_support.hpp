#pragma once
// What the benchmarks share: the data folder bench/run.sh makes, and reading a file whole.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace kader::bench {

inline std::string data_dir() {
    const char* d = std::getenv("KADER_BENCH_DATA");
    return d ? d : "build/bench-data";
}

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path + " (run bench/run.sh first)");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace kader::bench
