#include "outcome.hpp"

namespace kdiff {

namespace {

const char* const goal_names[] = {"end_use", "strategic_dependency", "tech_leadership", "sanctions",
                                  "control_list"};

std::string list(const std::vector<std::string>& v) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i)
        out += (i ? ", " : "") + v[i];
    return out + "]";
}

std::string map_text(const std::map<std::string, std::vector<std::string>>& m) {
    std::string out = "{";
    bool first = true;
    for (const auto& [k, v] : m) {
        out += (first ? "" : ", ") + k + ": " + list(v);
        first = false;
    }
    return out + "}";
}

// Adds "what: interpreter X, reference Y" when the two texts differ.
void note(std::string& out, const std::string& what, const std::string& interpreter,
          const std::string& reference) {
    if (interpreter != reference)
        out += "  " + what + ": interpreter " + interpreter + ", reference " + reference + "\n";
}

} // namespace

std::string differences(const Outcome& a, const Outcome& b) {
    std::string out;
    note(out, "verdict", a.verdict, b.verdict);
    note(out, "incomplete", a.incomplete ? "true" : "false", b.incomplete ? "true" : "false");
    for (std::size_t g = 0; g < a.goals.size(); ++g)
        note(out, std::string("goal ") + goal_names[g], a.goals[g], b.goals[g]);
    note(out, "applied", list(a.applied), list(b.applied));
    note(out, "overridden", map_text(a.overridden), map_text(b.overridden));
    note(out, "conflicts", list(a.conflicts), list(b.conflicts));
    note(out, "undetermined", map_text(a.undetermined), map_text(b.undetermined));
    note(out, "obligations", list(a.obligations), list(b.obligations));
    note(out, "missing", list(a.missing), list(b.missing));
    return out;
}

std::string describe(const Outcome& o) {
    std::string out = "  verdict " + o.verdict + (o.incomplete ? " (incomplete)" : "") + "\n";
    out += "  goals";
    for (std::size_t g = 0; g < o.goals.size(); ++g)
        out += std::string(" ") + goal_names[g] + "=" + o.goals[g];
    out += "\n  applied " + list(o.applied) + "\n  overridden " + map_text(o.overridden) +
           "\n  conflicts " + list(o.conflicts) + "\n  undetermined " + map_text(o.undetermined) +
           "\n  obligations " + list(o.obligations) + "\n  missing " + list(o.missing) + "\n";
    return out;
}

} // namespace kdiff
