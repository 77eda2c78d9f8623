// kader diff: what a change of the rules does to a set of cases before it
// goes live. Every change of a decision that matters to the case file, put
// down to its causes (the rule rewritten, the set entry added, the period
// moved) and grouped by cause: "entry 853221 added to set ... moves 1,204
// cases from allow to prohibited". Exits 1 when decisions differ, like diff.
#include "interpreter/case_reader.hpp"
#include "interpreter/cli/commands.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/render.hpp"
#include "interpreter/render_change.hpp"

#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <map>

namespace kader::cli {

namespace {

constexpr std::size_t examples_per_cause = 3;
constexpr std::size_t cases_listed_in_text = 20;

struct ChangedCase {
    std::size_t line = 0;
    std::string case_id;
    DecisionChange change;
};

// The cases one cause moves, by transition ("allow -> prohibited").
struct CauseGroup {
    std::size_t cases = 0;
    std::map<std::string, std::size_t> transitions;
    std::vector<const ChangedCase*> examples;
};

struct DiffResult {
    std::size_t cases = 0, verdicts_changed = 0;
    std::vector<ChangedCase> changed;
};

std::string count(std::size_t n) { // 1,204
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string plural(std::size_t n, const char* word) {
    return fmt::format("{} {}{}", count(n), word, n == 1 ? "" : "s");
}

// The groups, the cause that moves the most cases first (ties by cause).
std::vector<std::pair<Cause, CauseGroup>> group_by_cause(const DiffResult& r) {
    std::map<Cause, CauseGroup> groups;
    for (const auto& c : r.changed)
        for (const auto& cause : c.change.causes) {
            CauseGroup& g = groups[cause];
            ++g.cases;
            ++g.transitions[describe_transition(c.change)];
            if (g.examples.size() < examples_per_cause) g.examples.push_back(&c);
        }
    std::vector<std::pair<Cause, CauseGroup>> sorted(groups.begin(), groups.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second.cases > b.second.cases; });
    return sorted;
}

std::string example_text(const ChangedCase& c) {
    return fmt::format("line {} ({})", c.line, c.case_id);
}

void print_text(const DiffResult& r, const Program& before, const Program& after) {
    std::cout << fmt::format(
        "{} decided with both rule sets: {} {}, {} {}\n", plural(r.cases, "case"),
        count(r.changed.size()), r.changed.size() == 1 ? "decision changes" : "decisions change",
        count(r.verdicts_changed), r.verdicts_changed == 1 ? "in its verdict" : "in their verdict");
    std::cout << fmt::format("old rules {}\nnew rules {}\n", before.fingerprint, after.fingerprint);
    if (r.changed.empty()) return;
    std::cout
        << "\nby cause, the most cases first (a case with several causes counts under each):\n";
    for (const auto& [cause, g] : group_by_cause(r)) {
        std::cout << fmt::format("  {}\n    moves {}:", describe(cause), plural(g.cases, "case"));
        std::string sep = " ";
        for (const auto& [transition, n] : g.transitions) {
            std::cout << fmt::format("{}{} {}", sep, transition, count(n));
            sep = "; ";
        }
        std::vector<std::string> examples;
        for (const auto* c : g.examples)
            examples.push_back(example_text(*c));
        std::cout << fmt::format("\n    for example {}\n", fmt::join(examples, ", "));
    }
    std::cout << "\ncases whose decision changes:\n";
    for (std::size_t i = 0; i < r.changed.size() && i < cases_listed_in_text; ++i) {
        const ChangedCase& c = r.changed[i];
        std::cout << fmt::format("  {}: {}\n{}", example_text(c), describe_transition(c.change),
                                 describe_changes(c.change, "    "));
        for (const auto& cause : c.change.causes)
            std::cout << fmt::format("    because: {}\n", describe(cause));
    }
    if (r.changed.size() > cases_listed_in_text)
        std::cout << fmt::format("  … and {} more (`--format json` lists every case)\n",
                                 count(r.changed.size() - cases_listed_in_text));
}

void print_json(const DiffResult& r, const Program& before, const Program& after) {
    nlohmann::ordered_json out{{"cases", r.cases},
                               {"changed", r.changed.size()},
                               {"verdicts_changed", r.verdicts_changed},
                               {"old_ruleset", before.fingerprint},
                               {"new_ruleset", after.fingerprint}};
    auto groups = nlohmann::ordered_json::array();
    for (const auto& [cause, g] : group_by_cause(r)) {
        auto transitions = nlohmann::ordered_json::array();
        for (const auto& [transition, n] : g.transitions)
            transitions.push_back({{"transition", transition}, {"cases", n}});
        auto examples = nlohmann::ordered_json::array();
        for (const auto* c : g.examples)
            examples.push_back({{"line", c->line}, {"case", c->case_id}});
        groups.push_back({{"cause", to_json(cause)},
                          {"cases", g.cases},
                          {"transitions", transitions},
                          {"examples", examples}});
    }
    out["groups"] = groups;
    auto cases = nlohmann::ordered_json::array();
    for (const auto& c : r.changed)
        cases.push_back({{"line", c.line}, {"case", c.case_id}, {"change", to_json(c.change)}});
    out["changes"] = cases;
    std::cout << out.dump() << '\n';
}

std::shared_ptr<const Program> load_one(const Args& args, const std::string& path) {
    Args one = args;
    one.rules.paths = {path};
    return load_or_report(one);
}

} // namespace

int run_diff(const CommandSpec& spec, const Args& args) {
    auto old_path = args.value("--old"), new_path = args.value("--new");
    if (!old_path || !new_path) {
        usage_error(spec, "both --old and --new are needed");
        return exit_bad_input;
    }
    std::string format = args.value("--format").value_or("text");
    if (format != "text" && format != "json") {
        usage_error(spec, fmt::format("`--format {}`: choose text or json", format));
        return exit_bad_input;
    }
    if (!args.rules.paths.empty()) {
        usage_error(spec, "name the two rule sets with --old and --new, not -r");
        return exit_bad_input;
    }
    DecideOptions options;
    if (!as_of_option(spec, args, options.as_of)) return exit_bad_input;
    auto before = load_one(args, *old_path);
    auto after = load_one(args, *new_path);
    if (!before || !after) return exit_bad_input;
    const std::string& path = args.positional.front();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << fmt::format("{}: error: cannot read this file\n", path);
        return exit_bad_input;
    }
    RuleSetDiff diff(*before, *after);
    DiffResult result;
    std::string line;
    std::size_t number = 0;
    bool bad = false;
    while (std::getline(in, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        std::string origin = fmt::format("{}: line {}", path, number);
        Diagnostics diags;
        auto old_case = read_case_text(*before, line, origin, diags);
        auto new_case = old_case ? read_case_text(*after, line, origin, diags) : std::nullopt;
        auto a = new_case ? decide(before, *old_case, options, origin, diags) : std::nullopt;
        auto b = a ? decide(after, *new_case, options, origin, diags) : std::nullopt;
        if (!b) {
            std::cerr << render(diags, stderr_style());
            bad = true;
            continue;
        }
        ++result.cases;
        DecisionChange change = compare_decisions(*a, *b);
        if (!change.any()) continue;
        if (change.verdict_changed()) ++result.verdicts_changed;
        attribute(change, *a, *b, diff, line);
        result.changed.push_back({number, a->case_id, std::move(change)});
    }
    if (format == "json")
        print_json(result, *before, *after);
    else
        print_text(result, *before, *after);
    if (bad) return exit_bad_input;
    return result.changed.empty() ? exit_ok : exit_failed;
}

} // namespace kader::cli
