// Differential test: generated rule sets and cases, decided by the real
// pipeline (load_rules -> read_case_text -> decide) and by the reference
// model in reference_*.cpp; every observable part of the decision must agree.
//
//   differential_test [--seed S] [--count N] [--long] [--show SEED]
//                     [--no-exception-chains]
//
// On a mismatch it prints the seed, a minimised rule set and case, both
// outcomes and their differences, and exits 1.
#include "generator.hpp"
#include "minimise.hpp"
#include "outcome.hpp"
#include "reference_eval.hpp"

#include "interpreter/case_reader.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/rule_loader.hpp"
#include "lang/parser.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

using namespace kdiff;
namespace ast = kader::ast;

struct Options {
    std::uint64_t seed = 20261101;
    long count = 3000;
    std::optional<std::uint64_t> show; // print one pair and both outcomes, pass or fail
    GenOptions gen;
};

// The result of running one pair through both sides.
struct Run {
    std::string invalid; // the generator made something the front end refuses: a generator bug
    std::string reference_error;
    Outcome interpreter, reference;
    bool differs() const { return invalid.empty() && !differences(interpreter, reference).empty(); }
};

std::string diagnostics_text(const kader::Diagnostics& d) {
    std::string out;
    for (const auto& x : d.list())
        if (x.severity == kader::Severity::error)
            out += std::to_string(x.location.line) + ":" + std::to_string(x.location.column) +
                   ": " + x.message + "\n";
    return out;
}

Outcome from_record(const kader::DecisionRecord& d) {
    Outcome o;
    auto id = [&](int rule) { return d.rule(rule).id; };
    o.verdict = ast::to_string(d.verdict);
    o.incomplete = d.incomplete;
    for (std::size_t g = 0; g < d.goals.size(); ++g)
        o.goals[g] = ast::to_string(d.goals[g]);
    for (const auto& a : d.applied)
        o.applied.push_back(id(a.rule));
    std::sort(o.applied.begin(), o.applied.end());
    for (const auto& ov : d.overridden) {
        auto& by = o.overridden[id(ov.rule)];
        for (int e : ov.by)
            by.push_back(id(e));
        std::sort(by.begin(), by.end());
        if (ov.conflict) o.conflicts.push_back(id(ov.rule));
    }
    std::sort(o.conflicts.begin(), o.conflicts.end());
    for (const auto& u : d.undetermined) {
        auto& missing = o.undetermined[id(u.rule)];
        missing = u.missing;
        std::sort(missing.begin(), missing.end());
    }
    for (const auto& ob : d.obligations)
        o.obligations.push_back(ob.name + " (" + id(ob.rule) + ")");
    std::sort(o.obligations.begin(), o.obligations.end());
    for (const auto& m : d.missing)
        o.missing.push_back(m.path);
    std::sort(o.missing.begin(), o.missing.end());
    return o;
}

Run run(const GPair& pair) {
    Run r;
    std::string text = render(pair.rules);
    kader::Diagnostics diags;
    kader::RuleSources sources;
    sources.texts = {{"g.kader", text}};
    sources.stdlib = false;
    auto program = kader::load_rules(sources, diags);
    if (!program) {
        r.invalid = "the rule set does not load:\n" + diagnostics_text(diags);
        return r;
    }
    auto c = kader::read_case_text(*program, pair.case_json.dump(), "case", diags);
    if (!c) {
        r.invalid = "the case does not read:\n" + diagnostics_text(diags);
        return r;
    }
    std::optional<ast::Days> as_of;
    if (pair.as_of) as_of = ast::parse_date(*pair.as_of);
    auto decided = kader::decide(program, *c, {.as_of = as_of, .full = false}, "case", diags);
    if (!decided) {
        r.invalid = "the case is not decided:\n" + diagnostics_text(diags);
        return r;
    }
    r.interpreter = from_record(*decided);
    // The reference reads the AST of the same text, parsed on its own.
    kader::Source source("g.kader", text);
    kader::Diagnostics parse_diags;
    ast::Module module = kader::parse_module(source, parse_diags);
    auto ref = reference_decide(module, pair.case_json, as_of, r.reference_error);
    if (!ref) {
        r.invalid = "the reference cannot read it: " + r.reference_error;
        return r;
    }
    r.reference = *ref;
    return r;
}

void print_pair(const GPair& pair) {
    std::cout << "---- rules (g.kader)\n"
              << render(pair.rules) << "---- case\n"
              << pair.case_json.dump(2) << "\n";
    if (pair.as_of) std::cout << "---- as of " << *pair.as_of << "\n";
}

void print_outcomes(const Run& r) {
    std::cout << "---- interpreter\n"
              << describe(r.interpreter) << "---- reference\n"
              << describe(r.reference);
}

// Reports a failing pair after minimising it; returns the exit code.
int report(std::uint64_t seed, const GPair& pair, const Run& first) {
    std::cout << "differential test FAILED for pair seed " << seed << " (run with --show " << seed
              << " to see it unminimised)\n";
    if (!first.invalid.empty()) {
        std::cout << first.invalid;
        print_pair(pair);
        return 1;
    }
    std::cout << "differences in the original pair:\n"
              << differences(first.interpreter, first.reference);
    GPair small = minimise(pair, [&](const GPair& p) { return run(p).differs(); });
    Run again = run(small);
    std::cout << "minimised pair:\n";
    print_pair(small);
    print_outcomes(again);
    std::cout << "differences (interpreter vs reference):\n"
              << differences(again.interpreter, again.reference);
    return 1;
}

// How many pairs reached each interesting outcome: shows that the generator
// exercises what the comparison checks.
struct Tally {
    long applied = 0, overridden = 0, conflicts = 0, undetermined = 0, incomplete = 0,
         obligations = 0, severe = 0;
    void add(const Outcome& o) {
        applied += !o.applied.empty();
        overridden += !o.overridden.empty();
        conflicts += !o.conflicts.empty();
        undetermined += !o.undetermined.empty();
        incomplete += o.incomplete;
        obligations += !o.obligations.empty();
        severe += o.verdict == "prohibited" || o.verdict == "deny";
    }
    std::string text() const {
        return "  pairs with applied rules " + std::to_string(applied) + ", overridden " +
               std::to_string(overridden) + ", conflicts " + std::to_string(conflicts) +
               ", undetermined " + std::to_string(undetermined) + ", incomplete " +
               std::to_string(incomplete) + ", obligations " + std::to_string(obligations) +
               ", deny/prohibited " + std::to_string(severe) + "\n";
    }
};

// The seed of pair i: the run's seed and the index, mixed (splitmix64), so
// that neighbouring pairs do not share generator streams.
std::uint64_t pair_seed(std::uint64_t seed, std::uint64_t i) {
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (i + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

bool parse_options(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        bool has_value = i + 1 < argc;
        if (a == "--seed" && has_value)
            o.seed = std::strtoull(argv[++i], nullptr, 10);
        else if (a == "--count" && has_value)
            o.count = std::strtol(argv[++i], nullptr, 10);
        else if (a == "--long")
            o.count = 100000;
        else if (a == "--no-exception-chains")
            o.gen.exception_chains = false;
        else if (a == "--show" && has_value)
            o.show = std::strtoull(argv[++i], nullptr, 10);
        else {
            std::cerr << "usage: differential_test [--seed S] [--count N] [--long] [--show SEED]\n"
                         "         [--no-exception-chains]\n";
            return false;
        }
    }
    return true;
}

int show(std::uint64_t seed, const Options& o) {
    GPair pair = generate(seed, o.gen);
    print_pair(pair);
    Run r = run(pair);
    if (!r.invalid.empty()) {
        std::cout << r.invalid;
        return 1;
    }
    print_outcomes(r);
    std::string diff = differences(r.interpreter, r.reference);
    std::cout << (diff.empty() ? "agree\n" : "differences:\n" + diff);
    return diff.empty() ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parse_options(argc, argv, o)) return 2;
    if (o.show) return show(*o.show, o);
    auto start = std::chrono::steady_clock::now();
    Tally tally;
    for (long i = 0; i < o.count; ++i) {
        std::uint64_t seed = pair_seed(o.seed, static_cast<std::uint64_t>(i));
        GPair pair = generate(seed, o.gen);
        Run r = run(pair);
        if (!r.invalid.empty() || r.differs()) return report(seed, pair, r);
        tally.add(r.reference);
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("differential test: %ld pairs agree (seed %llu) in %.2f s, %.0f pairs/s\n%s",
                o.count, static_cast<unsigned long long>(o.seed), seconds,
                static_cast<double>(o.count) / seconds, tally.text().c_str());
    return 0;
}
