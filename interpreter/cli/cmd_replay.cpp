// kader replay: decide logged cases again and say, per case, whether the
// decision is the same and, when not, what changed and which change of the
// rules (or of the day) made the difference.
#include "interpreter/cli/commands.hpp"
#include "interpreter/render_change.hpp"
#include "interpreter/replay.hpp"

#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>

namespace kader::cli {

namespace {

struct Tally {
    std::size_t cases = 0, same = 0, differ = 0, not_reproduced = 0, undecided = 0;
};

std::string problems_text(const Diagnostics& problems) {
    std::string text = render(problems, {false, false});
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    return text;
}

void print_text(const ReplayResult& r, bool other) {
    const LoggedDecision& d = r.logged;
    std::string head = fmt::format("#{} {} (as of {}, {})", d.id, d.case_id, d.as_of, d.verdict);
    if (!r.problems.empty()) {
        std::cout << fmt::format("{}: cannot be decided again\n{}\n", head,
                                 problems_text(r.problems));
        return;
    }
    if (!r.reproduced)
        std::cout << fmt::format("{}: the logged rule set no longer gives the logged decision "
                                 "byte for byte (logged by kader {}): the log or the engine "
                                 "changed\n",
                                 head, d.engine);
    if (!other) {
        if (r.reproduced) std::cout << fmt::format("{}: the same, byte for byte\n", head);
        return;
    }
    if (!r.change || !r.change->any()) {
        std::cout << fmt::format("{}: the same\n", head);
        return;
    }
    std::cout << fmt::format("{}: {}\n{}", head, describe_transition(*r.change),
                             describe_changes(*r.change, "    "));
    for (const auto& c : r.change->causes)
        std::cout << fmt::format("    because: {}\n", describe(c));
}

nlohmann::ordered_json result_json(const ReplayResult& r) {
    const LoggedDecision& d = r.logged;
    nlohmann::ordered_json j{{"id", d.id},           {"case", d.case_id},
                             {"as_of", d.as_of},     {"verdict", d.verdict},
                             {"ruleset", d.ruleset}, {"reproduced", r.reproduced}};
    if (!r.problems.empty()) j["error"] = problems_text(r.problems);
    if (r.change) {
        j["same"] = !r.change->any();
        j["change"] = to_json(*r.change);
    } else {
        j["same"] = r.reproduced && r.problems.empty();
    }
    return j;
}

} // namespace

int run_replay(const CommandSpec& spec, const Args& args) {
    std::string format = args.value("--format").value_or("text");
    if (format != "text" && format != "json") {
        usage_error(spec, fmt::format("`--format {}`: choose text or json", format));
        return exit_bad_input;
    }
    ReplayOptions options;
    if (!as_of_option(spec, args, options.as_of)) return exit_bad_input;
    if (auto id = args.value("--id")) {
        try {
            std::size_t used = 0;
            long long n = std::stoll(*id, &used);
            if (used != id->size() || n < 1) throw std::invalid_argument(*id);
            options.filter.id = n;
        } catch (const std::exception&) {
            usage_error(spec,
                        fmt::format("`--id {}`: give a decision's id, a number from 1 up", *id));
            return exit_bad_input;
        }
    }
    // Naming rules (-r, --rules, --no-stdlib) asks for them as much as --current does.
    bool current = args.has("--current") || !args.rules.paths.empty() || !args.rules.stdlib;
    if (current) {
        options.rules = load_or_report(args);
        if (!options.rules) return exit_bad_input;
    }
    Diagnostics diags;
    auto log = DecisionLog::open(args.positional[0], false, diags);
    bool other = options.rules || options.as_of;
    Tally tally;
    bool ok = log && replay(
                         *log, options,
                         [&](const ReplayResult& r) {
                             ++tally.cases;
                             bool same = r.problems.empty() && r.reproduced &&
                                         (!r.change || !r.change->any());
                             if (!r.problems.empty())
                                 ++tally.undecided;
                             else if (!r.reproduced)
                                 ++tally.not_reproduced;
                             if (same)
                                 ++tally.same;
                             else if (r.problems.empty() && r.change && r.change->any())
                                 ++tally.differ;
                             if (format == "json")
                                 std::cout << result_json(r).dump() << '\n';
                             else
                                 print_text(r, other);
                         },
                         diags);
    if (ok && options.filter.id && tally.cases == 0)
        diags.error(Code::log_no_entry, whole_input(args.positional[0]),
                    fmt::format("the log holds no decision {}", *options.filter.id));
    if (!diags.empty()) {
        std::cerr << render(diags, stderr_style());
        return exit_bad_input;
    }
    std::string with = options.rules ? fmt::format("today's rules ({})", options.rules->fingerprint)
                                     : "the logged rule sets";
    std::string day =
        options.as_of ? "as of " + ast::format_date(*options.as_of) : "as of the logged days";
    std::cerr << fmt::format("replayed {} decision{} with {}, {}: {} the same, {} differ",
                             tally.cases, tally.cases == 1 ? "" : "s", with, day, tally.same,
                             tally.differ);
    if (tally.not_reproduced)
        std::cerr << fmt::format(", {} not reproduced by their logged rule set",
                                 tally.not_reproduced);
    if (tally.undecided)
        std::cerr << fmt::format(", {} could not be decided again", tally.undecided);
    std::cerr << "\n";
    return tally.same == tally.cases ? exit_ok : exit_failed;
}

} // namespace kader::cli
