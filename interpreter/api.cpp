// The C++ embedding API (include/kader/kader.hpp) over the interpreter.
#include "interpreter/api_internal.hpp"
#include "interpreter/case_reader.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/render.hpp"
#include "interpreter/render_reason.hpp"
#include "interpreter/rule_loader.hpp"
#include "interpreter/version.hpp"

#include <kader/kader.hpp>
#include <stdexcept>

namespace kader {

namespace {

Diagnostic api_error(Code code, std::string message) {
    Diagnostic d;
    d.code = code;
    d.message = std::move(message);
    return d;
}

// The API promises that nothing is thrown: an exception from inside the
// pipeline is a defect, reported as a diagnostic that says so.
template <typename T, typename F> Result<T> guarded(F f) {
    try {
        return f();
    } catch (const std::bad_alloc&) {
        return Result<T>({api_error(Code::internal, "out of memory")});
    } catch (const std::exception& e) {
        return Result<T>({api_error(Code::internal, std::string("internal error: ") + e.what() +
                                                        " (a defect in Kader: please report it)")});
    }
}

Result<RuleSet> loaded(const RuleSources& sources) {
    Diagnostics diags;
    auto program = load_rules(sources, diags);
    if (!program) return Result<RuleSet>(diags.all());
    return Result<RuleSet>(RuleSet(program), diags.all()); // the warnings
}

template <typename Read>
Result<Decision> decided(const std::shared_ptr<const Program>& program, const EvalOptions& options,
                         Read read) {
    // The caller's arguments first: a bad as-of date is the program's mistake, not the case's.
    DecideOptions o;
    o.full = options.full;
    o.reasons = options.reasons;
    if (options.as_of) {
        char text[32];
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", options.as_of->year,
                      options.as_of->month, options.as_of->day);
        auto day = ast::parse_date(text);
        if (!day)
            return Result<Decision>(
                {api_error(Code::bad_argument,
                           std::string("the as-of date is not a date in the calendar: ") + text)});
        o.as_of = day;
    }
    Diagnostics diags;
    std::optional<CaseData> c = read(diags);
    if (!c) return Result<Decision>(diags.all());
    auto decided = decide(program, *c, o, "case", diags);
    if (!decided) return Result<Decision>(diags.all());
    return Result<Decision>(Decision(std::make_shared<const DecisionRecord>(std::move(*decided))));
}

} // namespace

std::optional<Date> Date::parse(std::string_view text) {
    if (!ast::parse_date(text)) return std::nullopt;
    auto number = [&](std::size_t from, std::size_t n) {
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i)
            v = v * 10 + (text[i] - '0');
        return v;
    };
    return Date{number(0, 4), number(5, 2), number(8, 2)};
}

const char* to_string(Verdict v) {
    return ast::to_string(static_cast<ast::Verdict>(v));
}

const char* version() {
    return engine_version();
}

const char* to_string(Goal g) {
    return ast::to_string(static_cast<ast::Goal>(g));
}

Verdict Decision::verdict() const {
    return static_cast<Verdict>(record_->verdict);
}
Verdict Decision::verdict(Goal goal) const {
    return static_cast<Verdict>(record_->goals[static_cast<std::size_t>(goal)]);
}
bool Decision::incomplete() const {
    return record_->incomplete;
}
std::string Decision::case_id() const {
    return record_->case_id;
}
Date Decision::as_of() const {
    return *Date::parse(ast::format_date(record_->as_of));
}
std::string Decision::to_json() const {
    return render_json(*record_);
}

std::vector<Decision::AppliedRule> Decision::applied() const {
    std::vector<AppliedRule> out;
    for (const auto& a : record_->applied) {
        const RuleInfo& r = record_->rule(a.rule);
        AppliedRule rule{r.id, ast::to_string(r.goal), r.basis, a.message, std::nullopt, false};
        if (a.verdict) rule.verdict = static_cast<Verdict>(*a.verdict);
        for (const auto& o : record_->overridden)
            rule.overridden |= o.rule == a.rule;
        out.push_back(std::move(rule));
    }
    return out;
}

std::vector<Decision::MissingFact> Decision::missing() const {
    std::vector<MissingFact> out;
    for (const auto& m : record_->missing) {
        MissingFact fact{m.path, question_text(*record_->program, m.path), std::nullopt,
                         std::nullopt};
        if (m.could_raise_to) fact.could_raise_to = static_cast<Verdict>(*m.could_raise_to);
        if (m.could_lower_to) fact.could_lower_to = static_cast<Verdict>(*m.could_lower_to);
        out.push_back(std::move(fact));
    }
    return out;
}
std::string Decision::to_text() const {
    return render_text(*record_);
}

std::vector<std::string> Decision::applied_rules() const {
    std::vector<std::string> ids;
    for (const auto& a : record_->applied)
        ids.push_back(record_->rule(a.rule).id);
    return ids;
}

RuleSet RuleSet::standard() {
    auto r = loaded(RuleSources{});
    if (!r)
        throw std::logic_error(
            "the built-in standard library does not load"); // a build defect, caught by tests
    return *r;
}

Result<RuleSet> RuleSet::load(const std::vector<std::string>& paths, bool with_stdlib) {
    return guarded<RuleSet>([&] { return loaded(RuleSources{paths, {}, with_stdlib}); });
}

Result<RuleSet>
RuleSet::from_strings(const std::vector<std::pair<std::string, std::string>>& sources,
                      bool with_stdlib) {
    return guarded<RuleSet>([&] { return loaded(RuleSources{{}, sources, with_stdlib}); });
}

bool set_explain(EvalOptions& options, std::string_view level) {
    DecideOptions o;
    if (!set_explain(o, level)) return false;
    options.full = o.full;
    options.reasons = o.reasons;
    return true;
}

Result<Decision> RuleSet::evaluate(std::string_view case_json, const EvalOptions& options) const {
    return guarded<Decision>([&] {
        return decided(program_, options, [&](Diagnostics& d) {
            return read_case_text(*program_, case_json, "case", d);
        });
    });
}

std::shared_ptr<const Program> program_of(const RuleSet& rules) {
    return rules.program_;
}

std::string RuleSet::fingerprint() const {
    return program_->fingerprint;
}
std::vector<std::string> RuleSet::modules() const {
    return program_->module_names();
}

} // namespace kader
