// kader test: rule tests (docs/testing.md) and rule coverage.
#include "interpreter/case_reader.hpp"
#include "interpreter/cli/commands.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/render.hpp"
#include "interpreter/rule_tests.hpp"
#include "lang/checker.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

namespace kader::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Outcome {
    std::size_t passed = 0, failed = 0, broken = 0;
    bool bad_input = false;
    std::set<int> covered;
};

class TestRunner {
public:
    TestRunner(std::shared_ptr<const Program> program) : program_(std::move(program)) {}

    void run_file(const fs::path& file, Outcome& outcome) {
        auto text = read_input(file.string());
        if (!text) {
            outcome.bad_input = true;
            ++outcome.broken;
            return;
        }
        Diagnostics diags;
        RuleTestFile tests = read_rule_tests(*program_, *text, file.string(), diags);
        if (diags.has_errors()) outcome.bad_input = true;
        std::cerr << render(diags, stderr_style());
        outcome.broken += tests.broken;
        for (const auto& t : tests.tests)
            run_test(t, outcome);
    }

private:
    void run_test(const RuleTest& t, Outcome& outcome) {
        Diagnostics diags;
        auto c = read_case(*program_, t.case_json, t.case_origin, diags);
        DecideOptions options;
        options.as_of = t.as_of;
        auto decided = c ? decide(program_, *c, options, t.case_origin, diags) : std::nullopt;
        if (!decided) {
            std::cerr << render(diags, stderr_style());
            outcome.bad_input = true;
            ++outcome.broken;
            return;
        }
        const DecisionRecord& d = *decided;
        std::set<std::string> applied, over, obls;
        for (const auto& a : d.applied) {
            applied.insert(d.rule(a.rule).id);
            outcome.covered.insert(a.rule);
        }
        for (const auto& o : d.overridden)
            over.insert(d.rule(o.rule).id);
        for (const auto& o : d.obligations)
            obls.insert(o.name);
        std::vector<std::string> failures;
        if (t.verdict != d.verdict)
            failures.push_back(fmt::format("verdict: expected {}, got {}",
                                           ast::to_string(t.verdict), ast::to_string(d.verdict)));
        if (t.incomplete && *t.incomplete != d.incomplete)
            failures.push_back(
                fmt::format("incomplete: expected {}, got {}", *t.incomplete, d.incomplete));
        for (const auto& id : t.applies)
            if (!applied.count(id) || over.count(id))
                failures.push_back(fmt::format("expected {} to apply{}", id,
                                               over.count(id) ? ", but it was overridden" : ""));
        for (const auto& id : t.does_not_apply)
            if (applied.count(id)) failures.push_back(fmt::format("expected {} not to apply", id));
        for (const auto& id : t.overridden)
            if (!over.count(id))
                failures.push_back(fmt::format("expected {} to be overridden", id));
        for (const auto& o : t.obligations)
            if (!obls.count(o)) failures.push_back(fmt::format("expected the obligation {}", o));
        if (failures.empty()) {
            ++outcome.passed;
            return;
        }
        ++outcome.failed;
        std::cout << fmt::format("FAIL {}\n", t.where);
        for (const auto& f : failures)
            std::cout << "  " << f << '\n';
        std::cout << "  the decision was:\n";
        std::string text = render_text(d);
        std::string indented = "    ";
        for (char ch : text) {
            indented += ch;
            if (ch == '\n') indented += "    ";
        }
        std::cout << indented.substr(0, indented.size() - 4) << '\n';
    }

    std::shared_ptr<const Program> program_;
};

std::vector<fs::path> test_files(const std::vector<std::string>& names) {
    std::vector<fs::path> files;
    for (const auto& n : names) {
        std::error_code ec;
        if (fs::is_directory(n, ec)) {
            for (auto it = fs::recursive_directory_iterator(n, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                std::string f = it->path().filename().string();
                if (it->is_regular_file() && f.size() > 10 &&
                    f.substr(f.size() - 10) == ".test.json")
                    files.push_back(it->path());
            }
        } else {
            files.push_back(n);
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

int run_test(const CommandSpec& spec, const Args& args) {
    std::optional<double> min_coverage;
    if (auto v = args.value("--min-coverage")) {
        try {
            std::size_t used = 0;
            min_coverage = std::stod(*v, &used);
            if (used != v->size() || *min_coverage < 0 || *min_coverage > 100)
                throw std::invalid_argument(*v);
        } catch (const std::exception&) {
            usage_error(spec,
                        fmt::format("`--min-coverage {}`: give a percentage from 0 to 100", *v));
            return exit_bad_input;
        }
    }
    auto program = load_or_report(args);
    if (!program) return exit_bad_input;
    auto files = test_files(args.positional.empty() ? args.rules.paths : args.positional);
    if (files.empty()) {
        usage_error(spec, "no test files (*.test.json) found");
        return exit_bad_input;
    }
    Outcome outcome;
    TestRunner runner(program);
    for (const auto& f : files)
        runner.run_file(f, outcome);
    // Coverage counts the rules the user is testing: their own rules when -r names some, else the
    // standard library.
    bool own = false;
    for (const auto& r : program->rules)
        if (!r.location.source->builtin) own = true;
    std::vector<std::string> uncovered;
    std::size_t total = 0;
    for (std::size_t i = 0; i < program->rules.size(); ++i) {
        if (program->rules[i].location.source->builtin == own) continue;
        ++total;
        if (!outcome.covered.count(static_cast<int>(i))) uncovered.push_back(program->rules[i].id);
    }
    double coverage =
        total ? 100.0 * static_cast<double>(total - uncovered.size()) / static_cast<double>(total)
              : 100.0;
    std::cout << fmt::format("{} passed, {} failed", outcome.passed, outcome.failed);
    if (outcome.broken)
        std::cout << fmt::format(", {} not run (errors in the test files)", outcome.broken);
    std::cout << '\n';
    std::cout << fmt::format("rule coverage: {:.1f}% ({} of {} rules apply in some test)\n",
                             coverage, total - uncovered.size(), total);
    // With tests left out, the list of rules never applied would mostly list theirs.
    if (outcome.bad_input) return exit_bad_input;
    for (const auto& id : uncovered)
        std::cout << "  never applied: " << id << '\n';
    if (outcome.failed) return exit_failed;
    if (min_coverage && coverage + 1e-9 < *min_coverage) {
        std::cout << fmt::format("coverage {:.1f}% is below the minimum of {}%\n", coverage,
                                 *min_coverage);
        return exit_failed;
    }
    return exit_ok;
}

} // namespace kader::cli
