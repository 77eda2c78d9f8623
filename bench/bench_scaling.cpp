// How deciding one case scales (docs/performance.md): with the number of
// rules, with the size of a set, and with the number of items in a case.
// Each figure is the time of decide() for one case, explanation included.
#include "bench/bench_support.hpp"
#include "interpreter/case_reader.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/rule_loader.hpp"

#include <benchmark/benchmark.h>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <random>

namespace {

using namespace kader;
using bench::data_dir;
using bench::slurp;

std::shared_ptr<const Program> compile_text(const std::string& name, const std::string& text) {
    RuleSources sources;
    sources.stdlib = false;
    // Named inside the data folder, so that `load "rules.json#/..."` finds the workload's data.
    sources.texts = {{data_dir() + "/" + name, text}};
    Diagnostics diags;
    auto program = load_rules(sources, diags);
    if (!program) throw std::runtime_error(render(diags));
    return program;
}

CaseData read_case(const Program& program, const std::string& text) {
    Diagnostics diags;
    auto c = read_case_text(program, text, "case", diags);
    if (!c) throw std::runtime_error(render(diags));
    return std::move(*c);
}

void decide_each(benchmark::State& state, const std::shared_ptr<const Program>& program,
                 const std::vector<CaseData>& cases) {
    Diagnostics diags;
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(decide(program, cases[i], DecideOptions{}, "case", diags));
        if (++i == cases.size()) i = 0;
    }
    state.SetItemsProcessed(state.iterations());
}

// ---- rules: screen-1's six rules written `copies` times (R1 as R1, R1_2, …)

std::shared_ptr<const Program> screen_times(int copies) {
    std::string text = slurp(data_dir() + "/screen.kader");
    std::size_t first_rule = text.find("\nrule ");
    std::string head = text.substr(0, first_rule + 1), rules = text.substr(first_rule + 1);
    std::string out = head;
    for (int k = 1; k <= copies; ++k) {
        std::string copy = rules;
        if (k > 1)
            for (std::size_t at = copy.find("rule R"); at != std::string::npos;
                 at = copy.find("rule R", at + 1)) {
                std::size_t end = copy.find('\n', at);
                copy.insert(end, fmt::format("_{}", k));
            }
        out += copy + "\n";
    }
    return compile_text(fmt::format("screen-times-{}.kader", copies), out);
}

void BM_scale_rules(benchmark::State& state) {
    auto program = screen_times(static_cast<int>(state.range(0)));
    std::vector<CaseData> cases;
    std::istringstream lines(slurp(data_dir() + "/cases.jsonl"));
    for (std::string line; cases.size() < 2000 && std::getline(lines, line);)
        cases.push_back(read_case(*program, line));
    state.counters["rules"] = static_cast<double>(program->rules.size());
    decide_each(state, program, cases);
}

// ---- set size: one rule, `p.id in listed` or `p.id under listed`, over
// a set of N entries; each case has four parties, about half of them listed.

std::shared_ptr<const Program> set_of(std::int64_t entries, bool under) {
    std::string file = fmt::format("scale-set-{}.json", entries);
    if (!std::filesystem::exists(data_dir() + "/" + file)) {
        std::ofstream json(data_dir() + "/" + file, std::ios::binary);
        json << '[';
        for (std::int64_t i = 0; i < entries; ++i)
            json << (i ? "," : "") << fmt::format("\"E{:08}\"", i);
        json << "]\n";
    }
    std::string text = fmt::format("module scale\n\nschema case {{\n  id: string\n  date: date\n"
                                   "  parties: list of record {{\n    id: string\n  }}\n}}\n\n"
                                   "set listed = load \"{}\"\n\n"
                                   "rule r\n  goal end_use\n  basis \"scale\"\n"
                                   "  when any p in case.parties: p.id {} listed\n  then deny\n",
                                   file, under ? "under" : "in");
    return compile_text(fmt::format("scale-set-{}-{}.kader", entries, under), text);
}

void BM_scale_set(benchmark::State& state, bool under) {
    std::int64_t entries = state.range(0);
    auto program = set_of(entries, under);
    std::mt19937_64 random(1);
    std::uniform_int_distribution<std::int64_t> id(0, 2 * entries - 1);
    std::vector<CaseData> cases;
    for (int c = 0; c < 1000; ++c) {
        std::string parties;
        for (int p = 0; p < 4; ++p)
            parties += fmt::format("{}{{\"id\": \"E{:08}{}\"}}", p ? "," : "", id(random),
                                   under ? ".a.1" : "");
        cases.push_back(read_case(
            *program,
            fmt::format(R"({{"id": "C{}", "date": "2025-01-01", "parties": [{}]}})", c, parties)));
    }
    state.counters["entries"] = static_cast<double>(entries);
    decide_each(state, program, cases);
}

// ---- items per case: screen-1's rules; no item matches anything, so every
// rule that looks at the items looks at all of them (the worst case).

void BM_scale_items(benchmark::State& state) {
    static auto program = screen_times(1);
    std::string items;
    for (std::int64_t i = 0; i < state.range(0); ++i)
        items += fmt::format("{}{{\"code\": \"9Z{:03}\", \"cn\": \"99{:06}\"}}", i ? "," : "",
                             i % 1000, i);
    std::vector<CaseData> cases = {
        read_case(*program, fmt::format(R"({{"id": "I", "date": "2025-01-01", "destination": "AM",
            "items": [{}], "parties": [{{"id": "E1", "role": "consignee", "country": "AM"}}]}})",
                                        items))};
    state.counters["items"] = static_cast<double>(state.range(0));
    decide_each(state, program, cases);
}

} // namespace

BENCHMARK(BM_scale_rules)->Arg(1)->Arg(10)->Arg(100);
BENCHMARK_CAPTURE(BM_scale_set, in, false)->Arg(1000)->Arg(100000)->Arg(1000000);
BENCHMARK_CAPTURE(BM_scale_set, under, true)->Arg(1000)->Arg(100000)->Arg(1000000);
BENCHMARK(BM_scale_items)->Arg(1)->Arg(10)->Arg(100)->Arg(1000);
