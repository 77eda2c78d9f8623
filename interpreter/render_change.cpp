#include "interpreter/render_change.hpp"

#include <fmt/format.h>

namespace kader {

namespace {

std::string period(std::optional<ast::Days> from, std::optional<ast::Days> until) {
    if (!from && !until) return "always";
    if (!until) return "from " + ast::format_date(*from);
    if (!from) return "until " + ast::format_date(*until);
    return fmt::format("from {} until {}", ast::format_date(*from), ast::format_date(*until));
}

const char* kind_name(Cause::Kind k) {
    switch (k) {
    case Cause::Kind::rule_added:
        return "rule_added";
    case Cause::Kind::rule_removed:
        return "rule_removed";
    case Cause::Kind::rule_changed:
        return "rule_changed";
    case Cause::Kind::period_changed:
        return "period_changed";
    case Cause::Kind::definition_changed:
        return "definition_changed";
    case Cause::Kind::set_entry_added:
        return "set_entry_added";
    case Cause::Kind::set_entry_removed:
        return "set_entry_removed";
    case Cause::Kind::set_changed:
        return "set_changed";
    case Cause::Kind::date_moved:
        return "date_moved";
    case Cause::Kind::unattributed:
        return "unattributed";
    }
    return "unattributed";
}

nlohmann::ordered_json date_or_null(std::optional<ast::Days> d) {
    return d ? nlohmann::ordered_json(ast::format_date(*d)) : nlohmann::ordered_json(nullptr);
}

std::string in_file(const Cause& c) {
    return c.file.empty() ? "" : fmt::format(" ({})", c.file);
}

} // namespace

std::string describe(const Cause& c) {
    switch (c.kind) {
    case Cause::Kind::rule_added:
        return fmt::format("rule {} added", c.name);
    case Cause::Kind::rule_removed:
        return fmt::format("rule {} removed", c.name);
    case Cause::Kind::rule_changed:
        return fmt::format("rule {} rewritten", c.name);
    case Cause::Kind::period_changed:
        return fmt::format("rule {}: in effect {}, was {}", c.name, period(c.new_from, c.new_until),
                           period(c.from, c.until));
    case Cause::Kind::definition_changed:
        return fmt::format("definition {} rewritten", c.name);
    case Cause::Kind::set_entry_added:
        return fmt::format("entry {} added to set {}{}", c.entry, c.name, in_file(c));
    case Cause::Kind::set_entry_removed:
        return fmt::format("entry {} removed from set {}{}", c.entry, c.name, in_file(c));
    case Cause::Kind::set_changed:
        return fmt::format("set {}{} changed (by entries the case does not name)", c.name,
                           in_file(c));
    case Cause::Kind::date_moved:
        return fmt::format("rule {} is in effect {}: the as-of date moved {} that period", c.name,
                           period(c.from, c.until), c.into ? "into" : "out of");
    case Cause::Kind::unattributed:
        return "no change of rules, sets or dates explains it (the case schema or how cases are "
               "read changed)";
    }
    return "";
}

nlohmann::ordered_json to_json(const Cause& c) {
    nlohmann::ordered_json j{{"kind", kind_name(c.kind)}};
    bool is_set = c.kind == Cause::Kind::set_entry_added ||
                  c.kind == Cause::Kind::set_entry_removed || c.kind == Cause::Kind::set_changed;
    if (c.kind == Cause::Kind::definition_changed)
        j["definition"] = c.name;
    else if (is_set)
        j["set"] = c.name;
    else if (c.kind != Cause::Kind::unattributed)
        j["rule"] = c.name;
    if (!c.entry.empty()) j["entry"] = c.entry;
    if (!c.file.empty()) j["data_file"] = c.file;
    if (c.kind == Cause::Kind::period_changed) {
        j["was"] = {{"from", date_or_null(c.from)}, {"until", date_or_null(c.until)}};
        j["now"] = {{"from", date_or_null(c.new_from)}, {"until", date_or_null(c.new_until)}};
    }
    if (c.kind == Cause::Kind::date_moved)
        j["in_effect"] = {{"from", date_or_null(c.from)}, {"until", date_or_null(c.until)}};
    if (c.kind == Cause::Kind::date_moved) j["now_in_effect"] = c.into;
    j["text"] = describe(c);
    return j;
}

std::string describe_transition(const DecisionChange& c) {
    if (c.verdict_changed())
        return fmt::format("{} -> {}", ast::to_string(c.verdict_before),
                           ast::to_string(c.verdict_after));
    return fmt::format("{} (verdict unchanged)", ast::to_string(c.verdict_after));
}

std::string describe_changes(const DecisionChange& c, const std::string& indent) {
    std::string out;
    for (const auto& g : c.goals)
        out += fmt::format("{}goal {}: {} -> {}\n", indent, ast::to_string(g.goal),
                           ast::to_string(g.before), ast::to_string(g.after));
    for (const auto& r : c.rules_applied)
        out += fmt::format("{}now applies {}\n", indent, r);
    for (const auto& r : c.rules_no_longer_applied)
        out += fmt::format("{}no longer applies {}\n", indent, r);
    for (const auto& o : c.obligations_added)
        out += fmt::format("{}new obligation {}\n", indent, o);
    for (const auto& o : c.obligations_removed)
        out += fmt::format("{}obligation {} gone\n", indent, o);
    if (c.incomplete_before != c.incomplete_after)
        out +=
            fmt::format("{}{}\n", indent,
                        c.incomplete_after ? "now incomplete (facts are missing)" : "now complete");
    return out;
}

nlohmann::ordered_json to_json(const DecisionChange& c) {
    nlohmann::ordered_json j{
        {"verdict",
         {{"from", ast::to_string(c.verdict_before)}, {"to", ast::to_string(c.verdict_after)}}}};
    auto goals = nlohmann::ordered_json::array();
    for (const auto& g : c.goals)
        goals.push_back({{"goal", ast::to_string(g.goal)},
                         {"from", ast::to_string(g.before)},
                         {"to", ast::to_string(g.after)}});
    j["goals"] = goals;
    j["rules_applied"] = c.rules_applied;
    j["rules_no_longer_applied"] = c.rules_no_longer_applied;
    j["obligations_added"] = c.obligations_added;
    j["obligations_removed"] = c.obligations_removed;
    j["incomplete"] = {{"from", c.incomplete_before}, {"to", c.incomplete_after}};
    auto causes = nlohmann::ordered_json::array();
    for (const auto& cause : c.causes)
        causes.push_back(to_json(cause));
    j["causes"] = causes;
    return j;
}

} // namespace kader
