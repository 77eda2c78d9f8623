// kader whynot: the smallest change of facts after which a case is decided
// otherwise (docs/why-not.md). Exit 0 when one is found, 1 when none is
// found within the bound, 2 for usage errors and bad input.
#include "interpreter/case_reader.hpp"
#include "interpreter/cli/commands.hpp"
#include "interpreter/whynot.hpp"
#include "lang/json_input.hpp"

#include <charconv>
#include <fmt/format.h>
#include <iostream>

namespace kader::cli {

namespace {

// A whole number from `low` to `high`, or nothing (with a usage error).
std::optional<std::size_t> count_option(const CommandSpec& spec, const Args& args,
                                        const std::string& option, std::size_t fallback,
                                        std::size_t low, std::size_t high) {
    auto text = args.value(option);
    if (!text) return fallback;
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec != std::errc() || end != text->data() + text->size() || n < low || n > high) {
        usage_error(spec, fmt::format("`{} {}`: give a whole number from {} to {}", option, *text,
                                      low, high));
        return std::nullopt;
    }
    return n;
}

// Exactly one of --target VERDICT, --lower and --higher.
std::optional<WhyNotTarget> target_option(const CommandSpec& spec, const Args& args) {
    auto verdict = args.value("--target");
    int given = (verdict ? 1 : 0) + (args.has("--lower") ? 1 : 0) + (args.has("--higher") ? 1 : 0);
    if (given != 1) {
        usage_error(spec, given == 0 ? "say which verdict to reach: `--target VERDICT`, `--lower` "
                                       "or `--higher`"
                                     : "give one of `--target`, `--lower` and `--higher`");
        return std::nullopt;
    }
    if (args.has("--lower")) return parse_why_not_target("lower");
    if (args.has("--higher")) return parse_why_not_target("higher");
    auto target = ast::verdict_from(*verdict) ? parse_why_not_target(*verdict) : std::nullopt;
    if (!target)
        usage_error(spec, fmt::format("`--target {}`: choose allow, license_required, escalate, "
                                      "deny or prohibited",
                                      *verdict));
    return target;
}

bool options_from(const CommandSpec& spec, const Args& args, WhyNotOptions& options, bool& json) {
    std::string format = args.value("--format").value_or("text");
    if (format != "text" && format != "json") {
        usage_error(spec, fmt::format("`--format {}`: choose text or json", format));
        return false;
    }
    json = format == "json";
    auto target = target_option(spec, args);
    if (!target) return false;
    options.target = *target;
    auto changes = count_option(spec, args, "--max-changes", 2, 1, why_not_max_changes_limit);
    auto budget =
        count_option(spec, args, "--budget", why_not_default_budget, 1, why_not_budget_limit);
    if (!changes || !budget) return false;
    options.max_changes = static_cast<int>(*changes);
    options.budget = *budget;
    return as_of_option(spec, args, options.as_of);
}

} // namespace

int run_whynot(const CommandSpec& spec, const Args& args) {
    WhyNotOptions options;
    bool json = false;
    if (!options_from(spec, args, options, json)) return exit_bad_input;
    auto program = load_or_report(args);
    if (!program) return exit_bad_input;
    const std::string& path = args.positional.front();
    const std::string origin = path == "-" ? "<stdin>" : path;
    auto text = read_input(path);
    if (!text) return exit_bad_input;
    Diagnostics diags;
    // Read once from the text, so that a case the schema refuses is reported
    // at its line and column; the search then edits the JSON.
    std::optional<nlohmann::ordered_json> case_json;
    if (read_case_text(*program, *text, origin, diags))
        case_json = parse_ordered_json_strict(*text, origin, diags);
    auto result = case_json ? why_not(program, *case_json, options, origin, diags) : std::nullopt;
    if (!result) {
        std::cerr << render(diags, stderr_style());
        return exit_bad_input;
    }
    if (json)
        std::cout << to_json(*result).dump() << '\n';
    else
        std::cout << render_why_not_text(*result);
    return result->found ? exit_ok : exit_failed;
}

} // namespace kader::cli
