#pragma once
// Command-line arguments shared by the subcommands: `-r PATH` (repeatable),
// `--no-stdlib`, and each command's own options. Wrong arguments are a
// usage error (exit code 2), never silently ignored.
#include "interpreter/decide.hpp"
#include "interpreter/decision_log.hpp"
#include "interpreter/rule_loader.hpp"
#include "lang/diagnostic.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kader::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_failed = 1; // tests failed, check found errors
inline constexpr int exit_bad_input = 2;
inline constexpr int exit_internal = 3; // a defect in Kader: a bug report, never the user's fault

struct CommandSpec {
    const char* name;
    const char* usage;                      // one line, after "usage: kader "
    const char* summary;                    // one line
    std::vector<std::string> value_options; // e.g. "--as-of"
    std::vector<std::string> flag_options;  // e.g. "--check"
    std::size_t min_positional = 0, max_positional = 0;
    bool takes_rules = true; // -r and --no-stdlib
};

struct Args {
    RuleSources rules;
    std::vector<std::string> positional;
    std::map<std::string, std::string> values;
    std::set<std::string> flags;

    bool has(const std::string& flag) const { return flags.count(flag) > 0; }
    std::optional<std::string> value(const std::string& option) const;
};

// Prints the usage error itself; nullopt means exit with exit_bad_input.
std::optional<Args> parse_args(const CommandSpec& spec, const std::vector<std::string>& argv);
void usage_error(const CommandSpec& spec, const std::string& message);

// Loads the rule set named by the arguments, printing diagnostics; null on failure.
std::shared_ptr<const Program> load_or_report(const Args& args, bool show_warnings = false);

// Reads a whole file, or standard input for "-". Prints an error on failure.
std::optional<std::string> read_input(const std::string& path);

// Diagnostics on standard error are coloured when it is a terminal, unless
// NO_COLOR is set (https://no-color.org) or TERM is "dumb".
RenderStyle stderr_style();

// Opens the decision log named by --log for appending, printing the error
// when it cannot be; null without --log. `ok` is false after an error.
std::unique_ptr<DecisionLog> open_log_option(const Args& args, bool& ok);

// Parses --as-of; prints a usage error when it is not a calendar date.
bool as_of_option(const CommandSpec& spec, const Args& args, std::optional<ast::Days>& out);

// Parses --explain rules|brief|full (default brief) into `options`; prints a
// usage error for another level, or for `rules` with --log: a decision on
// record keeps its reasons.
bool explain_option(const CommandSpec& spec, const Args& args, DecideOptions& options);

} // namespace kader::cli
