// Benchmark of workload screen-1 (bench/README.md): evaluation
// alone (decision and brief explanation built, into one record as `kader
// batch` does, and into a new record per case), case reading, one-case
// latency, rule loading, and loading a set of 500,000 entries (the scaling in rules, set size and
// items per case is in bench_scaling.cpp). The data folder comes from
// KADER_BENCH_DATA (made by bench/run.sh). With `--verify OUT.tsv` it writes the results in the
// workload's TSV form instead, for bench/workload/verify.py.
#include "bench/bench_support.hpp"
#include "interpreter/case_reader.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/rule_loader.hpp"

#include <algorithm>
#include <benchmark/benchmark.h>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

namespace {

using namespace kader;
using bench::data_dir;
using bench::slurp;

std::shared_ptr<const Program> load_screen() {
    RuleSources sources;
    sources.stdlib = false;
    sources.paths = {data_dir() + "/screen.kader"};
    Diagnostics diags;
    auto program = load_rules(sources, diags);
    if (!program) throw std::runtime_error(render(diags));
    return program;
}

struct Workload {
    std::shared_ptr<const Program> program = load_screen();
    std::vector<std::string> lines;
    std::vector<CaseData> cases;
    CaseData single;

    Workload() {
        std::istringstream in(slurp(data_dir() + "/cases.jsonl"));
        for (std::string line; std::getline(in, line);)
            lines.push_back(line);
        Diagnostics diags;
        for (const auto& l : lines)
            cases.push_back(*read_case_text(*program, l, "case", diags));
        single = *read_case_text(*program, slurp(data_dir() + "/single.json"), "single", diags);
    }
};

Workload& workload() {
    static Workload w;
    return w;
}

// Decided as of the case's own date; a case without one is an error here.
std::optional<DecisionRecord> decide_case(const Workload& w, const CaseData& c, Diagnostics& diags,
                                          const DecideOptions& options = {}) {
    return decide(w.program, c, options, "case", diags);
}

// Every case of the workload in turn, decided with `options` into one record,
// as `kader batch` decides the cases of a thread (its lists and explanation
// keep their room from one case to the next).
void decide_each(benchmark::State& state, const DecideOptions& options) {
    Workload& w = workload();
    Diagnostics diags;
    DecisionRecord decision;
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(decide(w.program, w.cases[i], options, "case", diags, decision));
        benchmark::DoNotOptimize(decision);
        if (++i == w.cases.size()) i = 0;
    }
    state.SetItemsProcessed(state.iterations());
}

// The decision with its brief explanation (each applied rule's reason tree).
void BM_eval(benchmark::State& state) {
    decide_each(state, {});
}

// Evaluation as the SWI-Prolog peer measures its own (`eval_ms`): each case
// is read just before it is decided (untimed, as batch reads it: into one
// case whose room is kept), and a wall clock times the decision alone, with
// the case in the cache. BM_eval's cases were read long before and come from
// main memory, which the peer's never do.
void BM_eval_after_read(benchmark::State& state) {
    Workload& w = workload();
    Diagnostics diags;
    DecisionRecord decision;
    CaseData c;
    std::vector<std::string> texts = w.lines;
    for (auto& t : texts)
        pad_case_text(t);
    std::size_t i = 0;
    for (auto _ : state) {
        if (!read_case_string(*w.program, texts[i], "case", diags, c))
            throw std::runtime_error(render(diags));
        const auto start = std::chrono::steady_clock::now();
        benchmark::DoNotOptimize(decide(w.program, c, {}, "case", diags, decision));
        benchmark::DoNotOptimize(decision);
        const auto end = std::chrono::steady_clock::now();
        state.SetIterationTime(std::chrono::duration<double>(end - start).count());
        if (++i == texts.size()) i = 0;
    }
    state.SetItemsProcessed(state.iterations());
}

// The same, each decision a record of its own (made and freed per case), as
// a program deciding one case now and then gets it.
void BM_eval_new_record(benchmark::State& state) {
    Workload& w = workload();
    Diagnostics diags;
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(decide_case(w, w.cases[i], diags));
        if (++i == w.cases.size()) i = 0;
    }
    state.SetItemsProcessed(state.iterations());
}

// The decision without reason trees (`--explain rules`).
void BM_eval_rules(benchmark::State& state) {
    DecideOptions options;
    options.reasons = false;
    decide_each(state, options);
}

void BM_read_case(benchmark::State& state) {
    Workload& w = workload();
    std::size_t i = 0;
    for (auto _ : state) {
        Diagnostics diags;
        benchmark::DoNotOptimize(read_case_text(*w.program, w.lines[i], "case", diags));
        if (++i == w.lines.size()) i = 0;
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_single(benchmark::State& state) {
    Workload& w = workload();
    Diagnostics diags;
    for (auto _ : state)
        benchmark::DoNotOptimize(decide_case(w, w.single, diags));
}

void BM_load(benchmark::State& state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(load_screen());
}

// Loading a set of 500,000 entries from a data file (an entity list of that
// size), with a rule that uses it: written once into the data folder.
std::string write_large_set() {
    std::string dir = data_dir() + "/large-set";
    std::filesystem::create_directories(dir);
    std::ofstream json(dir + "/entities.json", std::ios::binary);
    json << "{\"source\": \"generated\", \"entries\": [";
    for (int i = 0; i < 500000; ++i)
        json << (i ? ", " : "") << "\"E" << std::setw(7) << std::setfill('0') << i << '"';
    json << "]}\n";
    std::ofstream rules(dir + "/large.kader", std::ios::binary);
    rules << "module large\n\nschema case {\n  id: string\n  name: string\n}\n\n"
             "set listed = load \"entities.json\"\n\n"
             "rule r\n  goal end_use\n  basis \"test\"\n  when case.name in listed\n  then deny\n";
    return dir + "/large.kader";
}

void BM_load_set_500k(benchmark::State& state) {
    static const std::string path = write_large_set();
    RuleSources sources;
    sources.stdlib = false;
    sources.paths = {path};
    for (auto _ : state) {
        Diagnostics diags;
        auto program = load_rules(sources, diags);
        if (!program) throw std::runtime_error(render(diags));
        state.PauseTiming(); // freeing the set is not loading it
        program.reset();
        state.ResumeTiming();
    }
}

BENCHMARK(BM_eval);
BENCHMARK(BM_eval_after_read)->UseManualTime();
BENCHMARK(BM_eval_new_record);
BENCHMARK(BM_eval_rules);
BENCHMARK(BM_read_case);
BENCHMARK(BM_single);
BENCHMARK(BM_load)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_load_set_500k)->Unit(benchmark::kMillisecond);

int verify(const std::string& out_path) {
    Workload& w = workload();
    std::ofstream out(out_path);
    for (const auto& c : w.cases) {
        Diagnostics diags;
        auto decided = decide_case(w, c, diags);
        if (!decided) {
            std::cerr << render(diags);
            return 1;
        }
        const DecisionRecord& d = *decided;
        std::vector<std::string> fired;
        for (const auto& a : d.applied)
            fired.push_back(d.rule(a.rule).id.substr(7)); // "screen."
        std::sort(fired.begin(), fired.end());
        std::string joined;
        for (const auto& f : fired)
            joined += (joined.empty() ? "" : ",") + f;
        out << c.id << '\t' << ast::to_string(d.verdict) << '\t' << joined << '\n';
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "--verify") return verify(argv[2]);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
