// kader test: rule tests (docs/testing.md) and rule coverage.
#include "interpreter/case_reader.hpp"
#include "interpreter/cli/commands.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/render.hpp"
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
    std::size_t passed = 0, failed = 0;
    bool bad_input = false;
    std::set<int> covered;
};

std::vector<std::string> strings(const json& t, const char* key,
                                 std::vector<std::string>& problems) {
    std::vector<std::string> out;
    if (!t.contains(key)) return out;
    if (!t[key].is_array()) {
        problems.push_back(fmt::format("`{}` must be a list of texts", key));
        return out;
    }
    for (const auto& v : t[key]) {
        if (v.is_string())
            out.push_back(v.get<std::string>());
        else
            problems.push_back(fmt::format("`{}` must be a list of texts", key));
    }
    return out;
}

class TestRunner {
public:
    TestRunner(std::shared_ptr<const Program> program) : program_(std::move(program)) {}

    void run_file(const fs::path& file, Outcome& outcome) {
        auto text = read_input(file.string());
        if (!text) {
            outcome.bad_input = true;
            return;
        }
        json doc = json::parse(*text, nullptr, false);
        if (doc.is_discarded() || !doc.is_object() || !doc.contains("tests") ||
            !doc["tests"].is_array()) {
            std::cerr << fmt::format("{}: error: a test file is a JSON object with a \"tests\" "
                                     "list (see docs/testing.md)\n",
                                     file.string());
            outcome.bad_input = true;
            return;
        }
        for (std::size_t i = 0; i < doc["tests"].size(); ++i)
            run_test(file, i, doc["tests"][i], outcome);
    }

private:
    bool fail_input(const std::string& where, const std::string& message, Outcome& outcome) {
        std::cerr << fmt::format("{}: error: {}\n", where, message);
        outcome.bad_input = true;
        return false;
    }

    bool known_rules(const std::string& where, const std::vector<std::string>& ids,
                     Outcome& outcome) {
        std::vector<std::string> all;
        for (const auto& r : program_->rules)
            all.push_back(r.id);
        for (const auto& id : ids) {
            if (program_->rule_index(id) >= 0) continue;
            auto best = closest_name(id, all);
            return fail_input(where,
                              fmt::format("no rule `{}` in the rule set{}", id,
                                          best ? fmt::format(" (did you mean `{}`?)", *best) : ""),
                              outcome);
        }
        return true;
    }

    void run_test(const fs::path& file, std::size_t index, const json& t, Outcome& outcome) {
        std::string name = t.contains("name") && t["name"].is_string()
                               ? t["name"].get<std::string>()
                               : fmt::format("test {}", index + 1);
        std::string where = fmt::format("{}: tests[{}] \"{}\"", file.string(), index, name);
        std::vector<std::string> problems;
        auto applies = strings(t, "applies", problems);
        auto not_applies = strings(t, "does_not_apply", problems);
        auto overridden = strings(t, "overridden", problems);
        auto obligations = strings(t, "obligations", problems);
        if (!t.contains("verdict") || !t["verdict"].is_string() ||
            !ast::verdict_from(t["verdict"].get<std::string>()))
            problems.push_back(
                "`verdict` must be one of allow, license_required, escalate, deny, prohibited");
        if (!problems.empty()) {
            fail_input(where, problems.front(), outcome);
            return;
        }
        if (!known_rules(where, applies, outcome) || !known_rules(where, not_applies, outcome) ||
            !known_rules(where, overridden, outcome))
            return;
        json case_json;
        std::string origin = where;
        if (t.contains("case")) {
            case_json = t["case"];
        } else if (t.contains("case_file") && t["case_file"].is_string()) {
            fs::path p = file.parent_path() / t["case_file"].get<std::string>();
            origin = p.lexically_normal().string();
            auto text = read_input(origin);
            if (!text) {
                outcome.bad_input = true;
                return;
            }
            case_json = json::parse(*text, nullptr, false);
            if (case_json.is_discarded()) {
                fail_input(origin, "malformed JSON", outcome);
                return;
            }
        } else {
            fail_input(where, "a test needs `case` or `case_file`", outcome);
            return;
        }
        DecideOptions options;
        if (t.contains("as_of")) {
            options.as_of = t["as_of"].is_string() ? ast::parse_date(t["as_of"].get<std::string>())
                                                   : std::nullopt;
            if (!options.as_of) {
                fail_input(where, "`as_of` must be a date \"YYYY-MM-DD\"", outcome);
                return;
            }
        }
        Diagnostics diags;
        auto c = read_case(*program_, case_json, origin, diags);
        if (!c) {
            std::cerr << render(diags);
            outcome.bad_input = true;
            return;
        }
        auto decided = decide(program_, *c, options, origin, diags);
        if (!decided) {
            std::cerr << render(diags);
            outcome.bad_input = true;
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
        std::string expected = t["verdict"].get<std::string>();
        if (expected != ast::to_string(d.verdict))
            failures.push_back(
                fmt::format("verdict: expected {}, got {}", expected, ast::to_string(d.verdict)));
        if (t.contains("incomplete") && t["incomplete"].is_boolean() &&
            t["incomplete"].get<bool>() != d.incomplete)
            failures.push_back(fmt::format("incomplete: expected {}, got {}",
                                           t["incomplete"].get<bool>(), d.incomplete));
        for (const auto& id : applies)
            if (!applied.count(id) || over.count(id))
                failures.push_back(fmt::format("expected {} to apply{}", id,
                                               over.count(id) ? ", but it was overridden" : ""));
        for (const auto& id : not_applies)
            if (applied.count(id)) failures.push_back(fmt::format("expected {} not to apply", id));
        for (const auto& id : overridden)
            if (!over.count(id))
                failures.push_back(fmt::format("expected {} to be overridden", id));
        for (const auto& o : obligations)
            if (!obls.count(o)) failures.push_back(fmt::format("expected the obligation {}", o));
        if (failures.empty()) {
            ++outcome.passed;
            return;
        }
        ++outcome.failed;
        std::cout << fmt::format("FAIL {}\n", where);
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
    std::cout << fmt::format("{} passed, {} failed\n", outcome.passed, outcome.failed);
    std::cout << fmt::format("rule coverage: {:.1f}% ({} of {} rules apply in some test)\n",
                             coverage, total - uncovered.size(), total);
    for (const auto& id : uncovered)
        std::cout << "  never applied: " << id << '\n';
    if (outcome.bad_input) return exit_bad_input;
    if (outcome.failed) return exit_failed;
    if (min_coverage && coverage + 1e-9 < *min_coverage) {
        std::cout << fmt::format("coverage {:.1f}% is below the minimum of {}%\n", coverage,
                                 *min_coverage);
        return exit_failed;
    }
    return exit_ok;
}

} // namespace kader::cli
