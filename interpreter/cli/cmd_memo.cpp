// kader memo: a decision written up for the case file, citation first
// (docs/memo.md). The memo is made from the decision JSON alone: of a case
// decided here, or of a decision kept earlier (`eval --format json`, `batch`)
// and read with --from. Either way the same decision gives the same bytes.
#include "interpreter/case_reader.hpp"
#include "interpreter/cli/commands.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/render.hpp"
#include "interpreter/render_memo.hpp"
#include "lang/json_input.hpp"

#include <fmt/format.h>
#include <iostream>

namespace kader::cli {

namespace {

std::string input_name(const std::string& path) {
    return path == "-" ? "<stdin>" : path;
}

// Exactly one of CASE and --from; --as-of and the rule options only decide
// a case, so they cannot go with --from.
bool check_options(const CommandSpec& spec, const Args& args, const std::string& format) {
    bool from = args.value("--from").has_value();
    std::string problem;
    if (format != "md" && format != "html")
        problem = fmt::format("`--format {}`: choose md or html", format);
    else if (from && !args.positional.empty())
        problem = "give a case or `--from DECISION.json`, not both";
    else if (!from && args.positional.empty())
        problem = "give a case (CASE.json) or a decision (`--from DECISION.json`)";
    else if (from && args.value("--as-of"))
        problem = "`--as-of` decides a case; a decision read with `--from` is decided already";
    else if (from && (!args.rules.paths.empty() || !args.rules.stdlib))
        problem = "`-r` and `--no-stdlib` choose the rules that decide a case; a decision read "
                  "with `--from` is decided already";
    if (problem.empty()) return true;
    usage_error(spec, problem);
    return false;
}

// The decision of the case at `path`, as JSON; nothing when the rules or the
// case were refused (the diagnostics are printed).
std::optional<nlohmann::ordered_json> decide_case(const CommandSpec& spec, const Args& args,
                                                  const std::string& path) {
    DecideOptions options;
    if (!as_of_option(spec, args, options.as_of)) return std::nullopt;
    auto program = load_or_report(args);
    if (!program) return std::nullopt;
    auto text = read_input(path);
    if (!text) return std::nullopt;
    Diagnostics diags;
    auto c = read_case_text(*program, *text, input_name(path), diags);
    auto decided = c ? decide(program, *c, options, input_name(path), diags) : std::nullopt;
    if (!decided) {
        std::cerr << render(diags, stderr_style());
        return std::nullopt;
    }
    return to_json(*decided);
}

// A decision JSON from a file; nothing when it cannot be read or is not JSON
// (the error, with its line and column, is printed).
std::optional<nlohmann::ordered_json> read_decision(const std::string& path) {
    auto text = read_input(path);
    if (!text) return std::nullopt;
    Diagnostics diags;
    auto decision = parse_ordered_json_strict(*text, input_name(path), diags);
    if (!decision) std::cerr << render(diags, stderr_style());
    return decision;
}

} // namespace

int run_memo(const CommandSpec& spec, const Args& args) {
    std::string format = args.value("--format").value_or("md");
    if (!check_options(spec, args, format)) return exit_bad_input;
    auto from = args.value("--from");
    auto decision = from ? read_decision(*from) : decide_case(spec, args, args.positional.front());
    if (!decision) return exit_bad_input;
    std::string error;
    auto memo = memo_from_json(*decision, error);
    if (!memo && !from) { // the decision Kader just made: a defect, never the user's fault
        std::cerr << fmt::format("kader memo: internal error: the decision cannot be read back: "
                                 "{}\n",
                                 error);
        return exit_internal;
    }
    if (!memo) {
        std::cerr << fmt::format("{}: error: not a Kader decision: {}\n", input_name(*from), error);
        return exit_bad_input;
    }
    std::cout << (format == "html" ? write_memo_html(*memo) : write_memo_markdown(*memo));
    return exit_ok;
}

} // namespace kader::cli
