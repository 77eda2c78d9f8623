// kader log: reading a decision log (`list` and `show ID`), as text for
// people or JSON for programs. The log itself is an ordinary SQLite file;
// this is the quick look that needs no SQL.
#include "interpreter/cli/commands.hpp"
#include "interpreter/decision_log.hpp"

#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>

namespace kader::cli {

namespace {

std::optional<std::int64_t> positive_number(const std::string& text) {
    try {
        std::size_t used = 0;
        long long n = std::stoll(text, &used);
        if (used == text.size() && n > 0) return n;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

std::string short_fingerprint(const std::string& f) {
    return f.size() > 19 ? f.substr(0, 19) + "…" : f;
}

nlohmann::ordered_json parsed_or_text(const std::string& text) {
    auto j = nlohmann::ordered_json::parse(text, nullptr, false);
    return j.is_discarded() ? nlohmann::ordered_json(text) : j;
}

nlohmann::ordered_json summary_json(const LoggedDecision& d) {
    return {{"id", d.id},
            {"logged_at", d.logged_at},
            {"command", d.command},
            {"origin", d.origin},
            {"case", d.case_id},
            {"as_of", d.as_of},
            {"verdict", d.verdict},
            {"incomplete", d.incomplete},
            {"goals", parsed_or_text(d.goals_json)},
            {"ruleset", d.ruleset},
            {"engine", d.engine}};
}

nlohmann::ordered_json full_json(const LoggedDecision& d) {
    auto j = summary_json(d);
    j["as_of_given"] = d.as_of_given;
    j["explain"] = d.full ? "full" : "brief";
    j["case_sha256"] = d.case_sha256;
    j["data_files"] = parsed_or_text(d.data_files_json);
    j["case_json"] = parsed_or_text(d.case_json);
    j["decision"] = parsed_or_text(d.decision_json);
    return j;
}

std::string list_line(const LoggedDecision& d) {
    std::string verdict = d.verdict + (d.incomplete ? " (incomplete)" : "");
    return fmt::format("{:>6}  {}  {:<12} {}  {:<29} {}\n", d.id, d.logged_at, d.case_id, d.as_of,
                       verdict, short_fingerprint(d.ruleset));
}

std::string show_text(const LoggedDecision& d) {
    std::string out = fmt::format("decision {}\n", d.id);
    out += fmt::format("  logged at   {} by `kader {}` (kader {})\n", d.logged_at, d.command,
                       d.engine);
    out += fmt::format("  case        {} from {} ({})\n", d.case_id, d.origin, d.case_sha256);
    out += fmt::format("  as of       {}{}\n", d.as_of,
                       d.as_of_given ? " (given with --as-of)" : " (the case's date)");
    out += fmt::format("  verdict     {}{}\n", d.verdict, d.incomplete ? " (incomplete)" : "");
    auto goals = nlohmann::ordered_json::parse(d.goals_json, nullptr, false);
    if (goals.is_object()) {
        std::string line;
        for (const auto& [goal, verdict] : goals.items())
            line += fmt::format("{}{} {}", line.empty() ? "" : "; ", goal,
                                verdict.is_string() ? verdict.get<std::string>() : "?");
        out += fmt::format("  goals       {}\n", line);
    }
    out += fmt::format("  rule set    {}\n", d.ruleset);
    auto files = nlohmann::ordered_json::parse(d.data_files_json, nullptr, false);
    if (files.is_array() && !files.empty()) {
        out += "  data files\n";
        for (const auto& f : files)
            out += fmt::format("    {} ({}) {}\n", f.value("file", "?"), f.value("set", "?"),
                               f.value("sha256", "?"));
    }
    out += "\nthe case as given:\n" + d.case_json + "\n\nthe decision as written:\n" +
           d.decision_json + "\n";
    return out;
}

} // namespace

int run_log(const CommandSpec& spec, const Args& args) {
    const std::string& action = args.positional[0];
    std::string format = args.value("--format").value_or("text");
    if (format != "text" && format != "json") {
        usage_error(spec, fmt::format("`--format {}`: choose text or json", format));
        return exit_bad_input;
    }
    LogFilter filter;
    if (action == "list") {
        if (args.positional.size() != 2) {
            usage_error(spec, "`log list` takes the log file and nothing else");
            return exit_bad_input;
        }
        filter.case_id = args.value("--case");
        if (auto limit = args.value("--limit")) {
            auto n = positive_number(*limit);
            if (!n) {
                usage_error(spec, fmt::format("`--limit {}`: give a number from 1 up", *limit));
                return exit_bad_input;
            }
            filter.limit = static_cast<std::size_t>(*n);
        }
    } else if (action == "show") {
        if (args.positional.size() != 3 || args.value("--case") || args.value("--limit")) {
            usage_error(spec, "`log show` takes the log file and a decision's id");
            return exit_bad_input;
        }
        filter.id = positive_number(args.positional[2]);
        if (!filter.id) {
            usage_error(spec, fmt::format("`{}` is not a decision's id (a number from 1 up)",
                                          args.positional[2]));
            return exit_bad_input;
        }
    } else {
        usage_error(spec, fmt::format("`{}`: choose list or show", action));
        return exit_bad_input;
    }
    Diagnostics diags;
    auto log = DecisionLog::open(args.positional[1], false, diags);
    std::size_t found = 0;
    bool read =
        log &&
        log->read(
            filter,
            [&](const LoggedDecision& d) {
                ++found;
                if (action == "show")
                    std::cout << (format == "json" ? full_json(d).dump(2) + "\n" : show_text(d));
                else
                    std::cout << (format == "json" ? summary_json(d).dump() + "\n" : list_line(d));
                return true;
            },
            diags);
    if (read && action == "show" && found == 0)
        diags.error(Code::log_no_entry, whole_input(args.positional[1]),
                    fmt::format("the log holds no decision {}", *filter.id),
                    "`kader log list FILE.db` lists the decisions it holds");
    if (!diags.empty()) {
        std::cerr << render(diags, stderr_style());
        return exit_bad_input;
    }
    return exit_ok;
}

} // namespace kader::cli
