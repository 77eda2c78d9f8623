// kader diff: the cases whose verdict changes between two rule sets — the
// impact of a new sanction package before it is adopted.
#include "interpreter/case_reader.hpp"
#include "interpreter/cli/commands.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/render.hpp"

#include <fmt/format.h>
#include <fstream>
#include <iostream>

namespace kader::cli {

int run_diff(const CommandSpec& spec, const Args& args) {
    auto old_path = args.value("--old"), new_path = args.value("--new");
    if (!old_path || !new_path) {
        usage_error(spec, "both --old and --new are needed");
        return exit_bad_input;
    }
    DecideOptions options;
    if (!as_of_option(spec, args, options.as_of)) return exit_bad_input;
    Args old_args = args, new_args = args;
    old_args.rules.paths = {*old_path};
    new_args.rules.paths = {*new_path};
    auto old_program = load_or_report(old_args);
    auto new_program = load_or_report(new_args);
    if (!old_program || !new_program) return exit_bad_input;
    std::ifstream in(args.positional.front(), std::ios::binary);
    if (!in) {
        std::cerr << fmt::format("{}: error: cannot read this file\n", args.positional.front());
        return exit_bad_input;
    }
    std::string line;
    std::size_t number = 0, changed = 0, total = 0;
    bool bad = false;
    while (std::getline(in, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        std::string origin = fmt::format("{}: line {}", args.positional.front(), number);
        Diagnostics diags;
        auto old_case = read_case_text(*old_program, line, origin, diags);
        auto new_case = read_case_text(*new_program, line, origin, diags);
        if (!old_case || !new_case) {
            std::cerr << render(diags, stderr_style());
            bad = true;
            continue;
        }
        auto old_decision = decide(old_program, *old_case, options, origin, diags);
        auto new_decision =
            old_decision ? decide(new_program, *new_case, options, origin, diags) : std::nullopt;
        if (!new_decision) {
            std::cerr << render(diags, stderr_style());
            bad = true;
            continue;
        }
        ++total;
        const DecisionRecord& a = *old_decision;
        const DecisionRecord& b = *new_decision;
        if (a.verdict == b.verdict) continue;
        ++changed;
        nlohmann::ordered_json out{{"line", number},
                                   {"case", a.case_id},
                                   {"old", ast::to_string(a.verdict)},
                                   {"new", ast::to_string(b.verdict)},
                                   {"old_decision", to_json(a)},
                                   {"new_decision", to_json(b)}};
        std::cout << out.dump() << '\n';
    }
    std::cerr << fmt::format("{} of {} cases change verdict\n", changed, total);
    return bad ? exit_bad_input : exit_ok;
}

} // namespace kader::cli
