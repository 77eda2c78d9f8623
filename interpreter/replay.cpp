#include "interpreter/replay.hpp"

#include "interpreter/case_reader.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/render.hpp"

#include <fmt/format.h>
#include <map>

namespace kader {

namespace {

class Replayer {
public:
    Replayer(DecisionLog& log, const ReplayOptions& options) : log_(log), options_(options) {}

    // The logged rule set of `fingerprint`, compiled once per replay.
    std::shared_ptr<const Program> logged_rules(const std::string& fingerprint,
                                                Diagnostics& diags) {
        auto it = logged_.find(fingerprint);
        if (it != logged_.end()) return it->second;
        auto snapshot = log_.ruleset(fingerprint, diags);
        if (!snapshot) return nullptr;
        auto program = compile_snapshot(*snapshot, log_.path(), diags);
        if (program) logged_.emplace(fingerprint, program);
        return program;
    }

    const RuleSetDiff& diff(const std::shared_ptr<const Program>& before) {
        auto it = diffs_.find(before->fingerprint);
        if (it == diffs_.end())
            it = diffs_.emplace(before->fingerprint, RuleSetDiff(*before, *options_.rules)).first;
        return it->second;
    }

    // Decides the logged case with `program`; nothing, with the reason in `problems`.
    std::optional<DecisionRecord> decide_again(const std::shared_ptr<const Program>& program,
                                               const LoggedDecision& d,
                                               std::optional<ast::Days> as_of,
                                               Diagnostics& problems) {
        DecideOptions options;
        options.as_of = as_of;
        options.full = d.full;
        auto c = read_case_text(*program, d.case_json, d.origin, problems);
        if (!c) return std::nullopt;
        return decide(program, *c, options, d.origin, problems);
    }

    bool one(const LoggedDecision& d, const std::function<void(const ReplayResult&)>& each,
             Diagnostics& diags) {
        auto then = logged_rules(d.ruleset, diags);
        if (!then) return false;
        ReplayResult r;
        r.logged = d;
        std::optional<ast::Days> logged_day;
        if (d.as_of_given) logged_day = ast::parse_date(d.as_of);
        auto before = decide_again(then, d, logged_day, r.problems);
        if (before) r.reproduced = render_json(*before) == d.decision_json;
        bool other = options_.rules || options_.as_of;
        if (before && other) {
            auto program = options_.rules ? options_.rules : then;
            auto day = options_.as_of ? options_.as_of : logged_day;
            auto after = decide_again(program, d, day, r.problems);
            if (after) {
                r.change = compare_decisions(*before, *after);
                attribute(*r.change, *before, *after,
                          options_.rules ? diff(then) : RuleSetDiff(*then, *then), d.case_json);
            }
        }
        each(r);
        return true;
    }

private:
    DecisionLog& log_;
    const ReplayOptions& options_;
    std::map<std::string, std::shared_ptr<const Program>> logged_;
    std::map<std::string, RuleSetDiff> diffs_;
};

} // namespace

bool replay(DecisionLog& log, const ReplayOptions& options,
            const std::function<void(const ReplayResult&)>& each, Diagnostics& diags) {
    Replayer replayer(log, options);
    bool ok = true;
    bool read = log.read(
        options.filter,
        [&](const LoggedDecision& d) {
            ok = replayer.one(d, each, diags);
            return ok;
        },
        diags);
    return read && ok;
}

} // namespace kader
