#pragma once
// "Why not VERDICT?": the smallest change of facts after which a case is
// decided otherwise, and the provisions that would then decide. A bounded,
// deterministic search over the values the rules themselves test (their
// literals, thresholds, sets and periods) and the values the schema allows.
// Free of I/O: the search returns data; render_whynot.cpp shows it.
#include "interpreter/decision.hpp"
#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kader {

// Which verdicts count as "moved": exactly one verdict, or any below or
// above the current one (allow < license_required < escalate < deny < prohibited).
struct WhyNotTarget {
    enum class Kind : std::uint8_t { exactly, lower, higher };
    Kind kind = Kind::exactly;
    ast::Verdict verdict = ast::Verdict::allow; // for `exactly`

    bool accepts(ast::Verdict now, ast::Verdict after) const;
};

// "allow" ... "prohibited", "lower", "higher"; nothing for another word.
std::optional<WhyNotTarget> parse_why_not_target(std::string_view word);

inline constexpr int why_not_max_changes_limit = 4;
inline constexpr std::size_t why_not_default_budget = 20000;
inline constexpr std::size_t why_not_budget_limit = 1000000;

struct WhyNotOptions {
    WhyNotTarget target;
    std::optional<ast::Days> as_of;              // as for `decide`: default the case's own date
    int max_changes = 2;                         // 1 .. why_not_max_changes_limit
    std::size_t budget = why_not_default_budget; // decisions tried at most
    std::size_t shown = 5;                       // alternatives reported at most
};

// One fact changed: where, what it was and what it becomes, as JSON values
// of the case (never display text).
struct FactChange {
    std::string path;              // "destination", "items[0].cn", "parties[1].flags"
    nlohmann::ordered_json before; // null when the fact is absent: the change adds it
    nlohmann::ordered_json after;
    int schema = -1; // the fact's node in Program::schema (how to show its values)

    bool adds() const { return before.is_null(); }
};

struct WhyNotAlternative {
    std::vector<FactChange> changes;
    ast::Verdict verdict = ast::Verdict::allow; // the verdict after the changes
    bool incomplete = false;
    std::vector<std::string> missing; // when incomplete: the facts it misses
    // The provisions that would then decide: applied, not overridden, and
    // concluding the new verdict (Program::rules indices, by id).
    std::vector<int> deciding;
};

struct WhyNotResult {
    std::shared_ptr<const Program> program;
    std::string case_id;
    ast::Days as_of = 0;
    ast::Verdict verdict = ast::Verdict::allow; // now
    bool incomplete = false;                    // now
    WhyNotTarget target;
    int max_changes = 0;
    std::size_t budget = 0;

    bool found = false;
    int size = 0;                                // changes per alternative, when found
    std::vector<WhyNotAlternative> alternatives; // at most `shown`
    std::size_t solutions = 0;                   // alternatives of that size found in all
    std::size_t tried = 0;                       // decisions made (the original not counted)
    int searched_size = 0;                       // the most changes at once that were tried
    std::size_t facts = 0;                       // facts the search could change
    std::size_t single_changes = 0;              // candidate changes of one fact
    bool stopped_by_budget = false;              // the budget ran out before the search ended
};

// The search. Nothing, with an error in `diags` (named by `origin`), when
// the case does not fit the schema, has no date to decide as of, or the
// target cannot be reached by moving (it is the current verdict, or lower
// than allow / higher than prohibited). A search that finds nothing is a
// result with `found == false`, not an error.
std::optional<WhyNotResult> why_not(const std::shared_ptr<const Program>& program,
                                    const nlohmann::ordered_json& case_json,
                                    const WhyNotOptions& options, const std::string& origin,
                                    Diagnostics& diags);

// ---- candidates (whynot_candidates.cpp) -------------------------------------

// The changes of one fact the search tries, in a fixed order.
struct FactCandidates {
    std::string path;
    nlohmann::ordered_json::json_pointer pointer;
    std::vector<FactChange> changes;
};

// Every fact of the case (or fact the case could add under a record it has)
// that a rule tests, with the values worth trying: the literals it is
// compared with, the thresholds and one step either side, a member of each
// set it is tested against and a value in none of them, the enum's values,
// the other boolean; for the case's `date` (unless `as_of_fixed`), the days
// rules start and stop being in force.
std::vector<FactCandidates> candidate_changes(const Program& program,
                                              const nlohmann::ordered_json& case_json,
                                              bool as_of_fixed);

// ---- rendering (render_whynot.cpp) -----------------------------------------

// How the command that ran the search spells its bounds, for the hint when
// nothing is found: `--max-changes` and `--budget` on the command line.
struct WhyNotSpelling {
    const char* max_changes = "--max-changes N";
    const char* budget = "--budget N";
};

std::string render_why_not_text(const WhyNotResult& r, const WhyNotSpelling& spelling = {});
nlohmann::ordered_json to_json(const WhyNotResult& r);
// "ALLOW", "a lower verdict", "a higher verdict".
std::string target_words(const WhyNotTarget& t);

} // namespace kader
