// The search of `why_not`: changes of one fact, then of two, ... each tried
// by editing the case's JSON, reading it again against the schema and
// deciding it, until a size has alternatives that reach the target or the
// bound (changes at once, decisions tried) is reached.
#include "interpreter/whynot.hpp"

#include "interpreter/case_reader.hpp"
#include "interpreter/decide.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <tuple>

namespace kader {

using Json = nlohmann::ordered_json;

bool WhyNotTarget::accepts(ast::Verdict now, ast::Verdict after) const {
    switch (kind) {
    case Kind::lower:
        return after < now;
    case Kind::higher:
        return after > now;
    default:
        return after == verdict;
    }
}

std::optional<WhyNotTarget> parse_why_not_target(std::string_view word) {
    if (word == "lower") return WhyNotTarget{WhyNotTarget::Kind::lower, ast::Verdict::allow};
    if (word == "higher") return WhyNotTarget{WhyNotTarget::Kind::higher, ast::Verdict::allow};
    if (auto v = ast::verdict_from(word)) return WhyNotTarget{WhyNotTarget::Kind::exactly, *v};
    return std::nullopt;
}

namespace {

// A target the current verdict cannot move to: a sentence, or empty.
std::string unreachable(const WhyNotTarget& t, ast::Verdict now) {
    std::string v = ast::to_string(now);
    switch (t.kind) {
    case WhyNotTarget::Kind::lower:
        if (now == ast::Verdict::allow) return "the case is decided allow: no verdict is lower";
        return {};
    case WhyNotTarget::Kind::higher:
        if (now == ast::Verdict::prohibited)
            return "the case is decided prohibited: no verdict is higher";
        return {};
    default:
        if (t.verdict == now) return fmt::format("the case is already decided {}", v);
        return {};
    }
}

// The rules that set a decision's verdict: applied, not overridden, and
// concluding that verdict. In rule order (by id).
std::vector<int> deciding_rules(const DecisionRecord& d) {
    std::vector<int> out;
    for (const auto& a : d.applied) {
        if (!a.verdict || *a.verdict != d.verdict) continue;
        bool overridden = std::any_of(d.overridden.begin(), d.overridden.end(),
                                      [&](const OverriddenRule& o) { return o.rule == a.rule; });
        if (!overridden) out.push_back(a.rule);
    }
    std::sort(out.begin(), out.end());
    return out;
}

// One alternative found, by the indices of its facts and changes: the order
// it was found in is the order of the facts in the case, then of the values.
struct Found {
    std::vector<std::pair<std::size_t, std::size_t>> picks; // (fact, change)
    WhyNotAlternative alternative;
    std::size_t adds = 0;
};

class Search {
public:
    Search(const std::shared_ptr<const Program>& program, const Json& case_json,
           const WhyNotOptions& options, const std::string& origin, WhyNotResult& result)
        : program_(program), case_(case_json), options_(options), origin_(origin), r_(result),
          facts_(candidate_changes(*program, case_json, options.as_of.has_value())) {
        r_.facts = facts_.size();
        for (const auto& f : facts_)
            r_.single_changes += f.changes.size();
    }

    void run() {
        for (int size = 1; size <= options_.max_changes && !r_.stopped_by_budget; ++size) {
            std::vector<std::pair<std::size_t, std::size_t>> picks;
            r_.searched_size = size;
            combinations(0, static_cast<std::size_t>(size), picks);
            if (!found_.empty()) {
                r_.found = true;
                r_.size = size;
                break;
            }
        }
        r_.solutions = found_.size();
        r_.alternatives = chosen();
    }

private:
    // Whether fact `b` lies inside fact `a` or the other way round
    // (`transit` and `transit[0]`): the two cannot change independently.
    bool overlap(std::size_t a, std::size_t b) const {
        const std::string& x = facts_[a].path;
        const std::string& y = facts_[b].path;
        auto inside = [](const std::string& outer, const std::string& inner) {
            return inner.size() > outer.size() && inner.compare(0, outer.size(), outer) == 0 &&
                   (inner[outer.size()] == '.' || inner[outer.size()] == '[');
        };
        return inside(x, y) || inside(y, x);
    }

    // Every choice of `size` facts (in case order) and of one change each.
    void combinations(std::size_t from, std::size_t size,
                      std::vector<std::pair<std::size_t, std::size_t>>& picks) {
        if (picks.size() == size) return attempt(picks);
        for (std::size_t f = from; f < facts_.size() && !r_.stopped_by_budget; ++f) {
            if (std::any_of(picks.begin(), picks.end(),
                            [&](const auto& p) { return overlap(p.first, f); }))
                continue;
            for (std::size_t c = 0; c < facts_[f].changes.size() && !r_.stopped_by_budget; ++c) {
                picks.emplace_back(f, c);
                combinations(f + 1, size, picks);
                picks.pop_back();
            }
        }
    }

    void attempt(const std::vector<std::pair<std::size_t, std::size_t>>& picks) {
        Json next = case_;
        for (auto [f, c] : picks)
            next[facts_[f].pointer] = facts_[f].changes[c].after;
        Diagnostics diags;
        auto data = read_case(*program_, next, origin_, diags);
        if (!data) return; // a value the schema refuses here: not a case at all
        if (r_.tried >= options_.budget) {
            r_.stopped_by_budget = true;
            return;
        }
        ++r_.tried;
        DecideOptions decide_options;
        decide_options.as_of = options_.as_of;
        auto decided = decide(program_, *data, decide_options, origin_, diags);
        if (!decided || !options_.target.accepts(r_.verdict, decided->verdict)) return;
        Found found;
        found.picks = picks;
        for (auto [f, c] : picks) {
            found.alternative.changes.push_back(facts_[f].changes[c]);
            found.adds += facts_[f].changes[c].adds() ? 1 : 0;
        }
        found.alternative.verdict = decided->verdict;
        found.alternative.incomplete = decided->incomplete;
        if (decided->incomplete)
            for (const auto& m : decided->missing)
                found.alternative.missing.push_back(m.path);
        found.alternative.deciding = deciding_rules(*decided);
        found_.push_back(std::move(found));
    }

    // At most `shown` alternatives, as varied as the search found them: the
    // first of each set of facts changed before a second of any. Changing a
    // fact the case has is preferred to adding one it does not: a case
    // usually errs in a value, and an added fact is a new claim about it.
    std::vector<WhyNotAlternative> chosen() {
        std::map<std::vector<std::size_t>, std::size_t> seen;
        std::vector<std::size_t> rank(found_.size());
        for (std::size_t i = 0; i < found_.size(); ++i) {
            std::vector<std::size_t> facts;
            for (auto [f, _] : found_[i].picks)
                facts.push_back(f);
            rank[i] = seen[facts]++;
        }
        std::vector<std::size_t> order(found_.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return std::tie(rank[a], found_[a].adds) < std::tie(rank[b], found_[b].adds);
        });
        if (order.size() > options_.shown) order.resize(options_.shown);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return std::tie(found_[a].adds, a) < std::tie(found_[b].adds, b);
        });
        std::vector<WhyNotAlternative> out;
        for (std::size_t i : order)
            out.push_back(std::move(found_[i].alternative));
        return out;
    }

    const std::shared_ptr<const Program>& program_;
    const Json& case_;
    const WhyNotOptions& options_;
    const std::string& origin_;
    WhyNotResult& r_;
    std::vector<FactCandidates> facts_;
    std::vector<Found> found_;
};

bool check_bounds(const WhyNotOptions& o, const std::string& origin, Diagnostics& diags) {
    if (o.max_changes < 1 || o.max_changes > why_not_max_changes_limit) {
        diags.error(
            Code::bad_argument, whole_input(origin),
            fmt::format("at most {} changes can be searched, not {}", why_not_max_changes_limit,
                        o.max_changes),
            fmt::format("give a number of changes from 1 to {}", why_not_max_changes_limit));
        return false;
    }
    if (o.budget < 1 || o.budget > why_not_budget_limit) {
        diags.error(Code::bad_argument, whole_input(origin),
                    fmt::format("the budget must be 1 to {} decisions, not {}",
                                why_not_budget_limit, o.budget));
        return false;
    }
    return true;
}

} // namespace

std::optional<WhyNotResult> why_not(const std::shared_ptr<const Program>& program,
                                    const Json& case_json, const WhyNotOptions& options,
                                    const std::string& origin, Diagnostics& diags) {
    if (!check_bounds(options, origin, diags)) return std::nullopt;
    auto data = read_case(*program, case_json, origin, diags);
    if (!data) return std::nullopt;
    DecideOptions decide_options;
    decide_options.as_of = options.as_of;
    auto now = decide(program, *data, decide_options, origin, diags);
    if (!now) return std::nullopt;
    if (std::string why = unreachable(options.target, now->verdict); !why.empty()) {
        diags.error(Code::bad_argument, whole_input(origin), why,
                    "ask for another verdict, or for `lower` or `higher`");
        return std::nullopt;
    }
    WhyNotResult r;
    r.program = program;
    r.case_id = now->case_id;
    r.as_of = now->as_of;
    r.verdict = now->verdict;
    r.incomplete = now->incomplete;
    r.target = options.target;
    r.max_changes = options.max_changes;
    r.budget = options.budget;
    Search(program, case_json, options, origin, r).run();
    return r;
}

} // namespace kader
