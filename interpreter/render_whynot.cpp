// WhyNotResult -> text for people and JSON for programs. Reads the result;
// searches nothing.
#include "interpreter/whynot.hpp"

#include <fmt/format.h>
#include <set>

namespace kader {

namespace {

using Json = nlohmann::ordered_json;

std::string upper(std::string s) {
    for (auto& c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

// A value as the case holds it: JSON, but a date without its quotes, as
// dates are shown everywhere else.
std::string shown(const Program& p, const FactChange& c, const Json& v) {
    if (v.is_null()) return "absent";
    bool date =
        c.schema >= 0 && p.schema[static_cast<std::size_t>(c.schema)].kind == ast::TypeKind::date;
    if (date && v.is_string()) return v.get<std::string>();
    return v.dump();
}

std::string verdict_now(const WhyNotResult& r) {
    return fmt::format("{}{} now", upper(ast::to_string(r.verdict)),
                       r.incomplete ? " (incomplete)" : "");
}

// "then decides: license_required dual_use.annex_i (Reg. ...)", one line per
// rule; a rule's basis is shown the first time it appears (`cited`).
std::string then_decides(const WhyNotResult& r, const WhyNotAlternative& a, std::set<int>& cited) {
    const char* lead = "     then decides: ";
    const std::string verdict = ast::to_string(a.verdict);
    std::string out;
    if (a.deciding.empty())
        out = fmt::format("{}{} (no rule concludes a verdict)\n", lead, verdict);
    for (std::size_t i = 0; i < a.deciding.size(); ++i) {
        const RuleInfo& rule = r.program->rules[static_cast<std::size_t>(a.deciding[i])];
        bool first = cited.insert(a.deciding[i]).second;
        out += fmt::format("{}{} {} ({})\n", i == 0 ? lead : "                   ", verdict,
                           rule.id, first ? rule.basis : "basis above");
    }
    if (a.incomplete)
        out += fmt::format("     incomplete: missing {}\n", fmt::join(a.missing, ", "));
    return out;
}

std::string alternative_text(const WhyNotResult& r, const WhyNotAlternative& a, std::size_t n,
                             std::set<int>& cited) {
    std::string out;
    for (std::size_t i = 0; i < a.changes.size(); ++i) {
        const FactChange& c = a.changes[i];
        out += fmt::format("{}{}: {} -> {}\n", i == 0 ? fmt::format("  {}. ", n) : "     ", c.path,
                           shown(*r.program, c, c.before), shown(*r.program, c, c.after));
    }
    return out + then_decides(r, a, cited);
}

std::string found_text(const WhyNotResult& r) {
    std::string out = fmt::format("{}; {} needs {} (searched {} of at most {}):\n", verdict_now(r),
                                  target_words(r.target),
                                  plural(static_cast<std::size_t>(r.size), "change", "changes"),
                                  plural(r.tried, "decision", "decisions"), r.budget);
    std::set<int> cited;
    for (std::size_t i = 0; i < r.alternatives.size(); ++i)
        out += alternative_text(r, r.alternatives[i], i + 1, cited);
    if (r.solutions > r.alternatives.size())
        out += fmt::format("  ({} alternatives of {} found; {} shown)\n", r.solutions,
                           plural(static_cast<std::size_t>(r.size), "change", "changes"),
                           r.alternatives.size());
    if (r.stopped_by_budget)
        out += "  (the budget ended the search at this size: there may be other alternatives)\n";
    return out;
}

std::string not_found_text(const WhyNotResult& r, const WhyNotSpelling& spelling) {
    std::string out = fmt::format(
        "{}; no change of at most {} found that makes it {}", verdict_now(r),
        plural(static_cast<std::size_t>(r.max_changes), "fact", "facts"), target_words(r.target));
    if (r.stopped_by_budget)
        return out +
               fmt::format(" (the budget of {} decisions ran out while trying changes of {})\n"
                           "help: a larger budget (`{}`) searches further\n",
                           r.budget,
                           plural(static_cast<std::size_t>(r.searched_size), "fact", "facts"),
                           spelling.budget);
    out += fmt::format(
        " (searched all {}: {} of {} the rules test)\n", plural(r.tried, "decision", "decisions"),
        plural(r.single_changes, "value", "values"), plural(r.facts, "fact", "facts"));
    if (r.max_changes < why_not_max_changes_limit)
        return out + fmt::format("help: more changes at once (`{}`, at most {}) may reach it\n",
                                 spelling.max_changes, why_not_max_changes_limit);
    return out + "help: the search changes the values of facts the case has; a new party or item "
                 "is not tried\n";
}

Json change_json(const FactChange& c) {
    Json j;
    j["path"] = c.path;
    j["from"] = c.before;
    j["to"] = c.after;
    return j;
}

Json alternative_json(const WhyNotResult& r, const WhyNotAlternative& a) {
    Json j;
    j["changes"] = Json::array();
    for (const auto& c : a.changes)
        j["changes"].push_back(change_json(c));
    j["verdict"] = ast::to_string(a.verdict);
    j["incomplete"] = a.incomplete;
    if (a.incomplete) j["missing"] = a.missing;
    j["rules"] = Json::array();
    for (int i : a.deciding) {
        const RuleInfo& rule = r.program->rules[static_cast<std::size_t>(i)];
        j["rules"].push_back(
            {{"rule", rule.id}, {"verdict", ast::to_string(a.verdict)}, {"basis", rule.basis}});
    }
    return j;
}

std::string target_json(const WhyNotTarget& t) {
    switch (t.kind) {
    case WhyNotTarget::Kind::lower:
        return "lower";
    case WhyNotTarget::Kind::higher:
        return "higher";
    default:
        return ast::to_string(t.verdict);
    }
}

} // namespace

std::string target_words(const WhyNotTarget& t) {
    switch (t.kind) {
    case WhyNotTarget::Kind::lower:
        return "a lower verdict";
    case WhyNotTarget::Kind::higher:
        return "a higher verdict";
    default:
        return upper(ast::to_string(t.verdict));
    }
}

std::string render_why_not_text(const WhyNotResult& r, const WhyNotSpelling& spelling) {
    return r.found ? found_text(r) : not_found_text(r, spelling);
}

Json to_json(const WhyNotResult& r) {
    Json j;
    j["case"] = r.case_id;
    j["as_of"] = ast::format_date(r.as_of);
    j["verdict"] = ast::to_string(r.verdict);
    j["incomplete"] = r.incomplete;
    j["target"] = target_json(r.target);
    j["found"] = r.found;
    j["changes_needed"] = r.found ? Json(r.size) : Json();
    j["alternatives"] = Json::array();
    for (const auto& a : r.alternatives)
        j["alternatives"].push_back(alternative_json(r, a));
    j["alternatives_found"] = r.solutions;
    j["search"] = {{"decisions", r.tried},
                   {"budget", r.budget},
                   {"max_changes", r.max_changes},
                   {"changes_tried", r.searched_size},
                   {"stopped_by_budget", r.stopped_by_budget},
                   {"facts", r.facts},
                   {"values", r.single_changes}};
    return j;
}

} // namespace kader
