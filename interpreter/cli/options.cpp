#include "interpreter/cli/options.hpp"
#include "lang/file_input.hpp"

#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string_view>
#include <unistd.h>

namespace kader::cli {

std::optional<std::string> Args::value(const std::string& option) const {
    auto it = values.find(option);
    if (it == values.end()) return std::nullopt;
    return it->second;
}

void usage_error(const CommandSpec& spec, const std::string& message) {
    std::cerr << fmt::format("kader {}: error: {}\nusage: kader {}\nhelp: see `kader help {}`\n",
                             spec.name, message, spec.usage, spec.name);
}

std::optional<Args> parse_args(const CommandSpec& spec, const std::vector<std::string>& argv) {
    Args args;
    auto contains = [](const std::vector<std::string>& v, const std::string& s) {
        return std::find(v.begin(), v.end(), s) != v.end();
    };
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        auto needs_value = [&]() -> std::optional<std::string> {
            if (i + 1 >= argv.size()) {
                usage_error(spec, fmt::format("`{}` needs a value", a));
                return std::nullopt;
            }
            return argv[++i];
        };
        if (spec.takes_rules && (a == "-r" || a == "--rules")) {
            auto v = needs_value();
            if (!v) return std::nullopt;
            args.rules.paths.push_back(*v);
        } else if (spec.takes_rules && a == "--no-stdlib") {
            args.rules.stdlib = false;
        } else if (contains(spec.value_options, a)) {
            auto v = needs_value();
            if (!v) return std::nullopt;
            args.values[a] = *v;
        } else if (contains(spec.flag_options, a)) {
            args.flags.insert(a);
        } else if (a.size() > 1 && a[0] == '-') {
            usage_error(spec, fmt::format("unknown option `{}`", a));
            return std::nullopt;
        } else {
            args.positional.push_back(a);
        }
    }
    if (args.positional.size() < spec.min_positional) {
        usage_error(spec, "missing argument");
        return std::nullopt;
    }
    if (args.positional.size() > spec.max_positional) {
        usage_error(spec,
                    fmt::format("unexpected argument `{}`", args.positional[spec.max_positional]));
        return std::nullopt;
    }
    return args;
}

std::shared_ptr<const Program> load_or_report(const Args& args, bool show_warnings) {
    Diagnostics diags;
    auto program = load_rules(args.rules, diags);
    for (const auto& d : diags.list())
        if (d.severity == Severity::error || show_warnings) std::cerr << render(d, stderr_style());
    for (const auto& s : diags.suppressed())
        std::cerr << render_suppressed(s);
    return program;
}

RenderStyle stderr_style() {
    static const bool colour = [] {
        const char* no_colour = std::getenv("NO_COLOR");
        const char* term = std::getenv("TERM");
        if (no_colour && *no_colour) return false;
        if (term && std::string_view(term) == "dumb") return false;
        return isatty(STDERR_FILENO) == 1;
    }();
    return {colour};
}

std::optional<std::string> read_input(const std::string& path) {
    std::string error;
    auto text = path == "-" ? read_stream(std::cin, max_case_file_bytes, error)
                            : read_regular_file(path, max_case_file_bytes, error);
    if (!text)
        std::cerr << fmt::format("{}: error: cannot read this {}: it {}\n",
                                 path == "-" ? "<stdin>" : path, path == "-" ? "input" : "file",
                                 error);
    return text;
}

bool as_of_option(const CommandSpec& spec, const Args& args, std::optional<ast::Days>& out) {
    auto text = args.value("--as-of");
    if (!text) return true;
    out = ast::parse_date(*text);
    if (!out)
        usage_error(spec,
                    fmt::format("`--as-of {}` is not a date in the calendar (YYYY-MM-DD)", *text));
    return out.has_value();
}

bool explain_option(const CommandSpec& spec, const Args& args, DecideOptions& options) {
    std::string level = args.value("--explain").value_or("brief");
    if (!set_explain(options, level)) {
        usage_error(spec, fmt::format("`--explain {}`: choose rules, brief or full", level));
        return false;
    }
    if (level == "rules" && args.value("--log")) {
        usage_error(spec, "`--explain rules` leaves out the reasons a decision on record keeps: "
                          "with `--log`, use brief or full");
        return false;
    }
    return true;
}

std::unique_ptr<DecisionLog> open_log_option(const Args& args, bool& ok) {
    ok = true;
    auto path = args.value("--log");
    if (!path) return nullptr;
    Diagnostics diags;
    auto log = DecisionLog::open(*path, true, diags);
    if (!log) {
        std::cerr << render(diags, stderr_style());
        ok = false;
    }
    return log;
}

} // namespace kader::cli
