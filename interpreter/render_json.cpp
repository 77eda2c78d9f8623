#include "interpreter/render.hpp"

namespace kader {

using nlohmann::ordered_json;

ordered_json to_json(const Reason& r) {
    ordered_json j;
    j["expr"] = r.expr;
    if (r.value == "true" || r.value == "false") j["value"] = r.value == "true";
    else if (r.value == "unknown") j["value"] = nullptr;
    else j["value"] = r.value;
    if (!r.definition.empty()) j["definition"] = r.definition;
    if (!r.witness.empty()) j["witness"] = r.witness;
    if (!r.parts.empty()) {
        ordered_json parts = ordered_json::array();
        for (const auto& p : r.parts) parts.push_back(to_json(p));
        j["parts"] = std::move(parts);
    }
    return j;
}

ordered_json to_json(const DecisionRecord& d) {
    const Program& p = *d.program;
    ordered_json j;
    j["case"] = d.case_id;
    j["verdict"] = ast::to_string(d.verdict);
    j["incomplete"] = d.incomplete;
    j["as_of"] = ast::format_date(d.as_of);
    j["ruleset"] = {{"fingerprint", p.fingerprint}, {"modules", p.module_names()}};
    ordered_json goals = ordered_json::object();
    for (int g = 0; g < ast::goal_count; ++g)
        goals[ast::to_string(static_cast<ast::Goal>(g))] = ast::to_string(d.goals[static_cast<std::size_t>(g)]);
    j["goals"] = std::move(goals);
    ordered_json applied = ordered_json::array();
    for (const auto& a : d.applied) {
        const RuleInfo& r = d.rule(a.rule);
        ordered_json e;
        e["rule"] = r.id;
        e["verdict"] = a.verdict ? ordered_json(ast::to_string(*a.verdict)) : ordered_json(nullptr);
        e["goal"] = ast::to_string(r.goal);
        e["basis"] = r.basis;
        e["message"] = a.message;
        e["location"] = to_string(r.location);
        if (r.review) e["review"] = *r.review;
        e["reason"] = to_json(a.reason);
        applied.push_back(std::move(e));
    }
    j["applied"] = std::move(applied);
    ordered_json overridden = ordered_json::array();
    for (const auto& o : d.overridden) {
        ordered_json e;
        e["rule"] = d.rule(o.rule).id;
        e["by"] = d.rule(o.by.front()).id;
        if (o.by.size() > 1) {
            std::vector<std::string> all;
            for (int b : o.by) all.push_back(d.rule(b).id);
            e["all_by"] = all;
        }
        e["location"] = to_string(d.rule(o.rule).location);
        if (o.conflict) e["conflict"] = true;
        overridden.push_back(std::move(e));
    }
    j["overridden"] = std::move(overridden);
    ordered_json undetermined = ordered_json::array();
    for (const auto& u : d.undetermined) {
        const RuleInfo& r = d.rule(u.rule);
        undetermined.push_back({{"rule", r.id},
                                {"could_conclude", r.verdict ? ordered_json(ast::to_string(*r.verdict)) : ordered_json(nullptr)},
                                {"missing", u.missing}});
    }
    j["undetermined"] = std::move(undetermined);
    ordered_json obligations = ordered_json::array();
    for (const auto& o : d.obligations) {
        const RuleInfo& r = d.rule(o.rule);
        obligations.push_back({{"obligation", o.name}, {"rule", r.id}, {"basis", r.basis}, {"message", o.message}});
    }
    j["obligations"] = std::move(obligations);
    if (d.incomplete) j["missing"] = d.missing;
    if (d.full) {
        ordered_json not_applied = ordered_json::array();
        for (const auto& n : d.not_applied) not_applied.push_back({{"rule", d.rule(n.rule).id}, {"failed", n.failed}});
        j["not_applied"] = std::move(not_applied);
    }
    return j;
}

std::string render_json(const DecisionRecord& d) { return to_json(d).dump(); }

} // namespace kader
