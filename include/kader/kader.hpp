#pragma once
// Kader embedding API. Load a rule set once, then evaluate cases against it
// from as many threads as you like: a RuleSet is immutable. Errors are
// values (diagnostics), never exceptions thrown across this boundary.
//
//   auto rules = kader::RuleSet::load({"my-rules/"});
//   if (!rules) for (auto& d : rules.diagnostics()) std::cerr << d << '\n';
//   // d.code (kader::Code::unknown_name, shown K0305), d.location.input/line/column,
//   // d.message, d.help, d.related: see kader/diagnostic.hpp
//   auto decision = rules->evaluate(case_json, {.as_of = kader::Date{2023, 3, 1}});
//   if (decision) std::cout << decision->to_text();
//
// Only what this header and kader/diagnostic.hpp declare is exported from
// libkader; ABI and thread-safety guarantees are in docs/embedding.md.
#include <kader/diagnostic.hpp>
#include <kader/export.h>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kader {

struct Program;
struct DecisionRecord;

// The version of Kader, "0.1.0": the one number, set in CMakeLists.txt, that
// `kader --version`, kader_version() and the Python module also report.
KADER_API const char* version();

enum class Verdict { allow, license_required, escalate, deny, prohibited };
KADER_API const char* to_string(Verdict v);

enum class Goal { end_use, strategic_dependency, tech_leadership, sanctions, control_list };
KADER_API const char* to_string(Goal g);
inline constexpr Goal all_goals[] = {Goal::end_use, Goal::strategic_dependency,
                                     Goal::tech_leadership, Goal::sanctions, Goal::control_list};

struct KADER_API Date {
    int year = 1970, month = 1, day = 1;

    // "YYYY-MM-DD", a day that exists in the calendar (years 0001 to 9999),
    // read exactly as the command line and case files read dates.
    static std::optional<Date> parse(std::string_view text);
};

struct EvalOptions {
    std::optional<Date> as_of; // default: the case's own `date`
    bool full = false;         // also explain the rules that did not apply
    // False: the rules that applied without their reason trees (the verdict,
    // the rules with their messages, what was overridden or is missing):
    // what `kader batch --explain rules` writes, and much cheaper to build.
    bool reasons = true;
};

// Sets the explanation level by the name the command line, the server and
// the Python module give it: "rules" (reasons false), "brief" (the default)
// or "full" (full true). False, leaving `options` as they were, for any
// other name.
KADER_API bool set_explain(EvalOptions& options, std::string_view level);

// A value or the diagnostics that explain why there is none. Each diagnostic
// is structured (code, place, message, help, related places) and prints as
// a compiler's would (`std::cerr << d`, or kader::render(d)).
template <typename T> class Result {
public:
    Result(T value, std::vector<Diagnostic> warnings = {})
        : value_(std::move(value)), diagnostics_(std::move(warnings)) {}
    Result(std::vector<Diagnostic> diagnostics) : diagnostics_(std::move(diagnostics)) {}

    bool ok() const { return value_.has_value(); }
    explicit operator bool() const { return ok(); }
    const T& value() const { return *value_; }
    const T& operator*() const { return *value_; }
    const T* operator->() const { return &*value_; }
    // Errors when !ok(); warnings may be here even when ok().
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::optional<T> value_;
    std::vector<Diagnostic> diagnostics_;
};

class KADER_API Decision {
public:
    // A rule that applied, as the decision JSON's `applied` lists it.
    struct AppliedRule {
        std::string id, goal, basis, message;
        std::optional<Verdict> verdict; // none: the rule only imposes obligations
        bool overridden = false;        // an exception replaced its conclusion
    };
    // A fact the case lacks that could change the verdict, most decisive first.
    struct MissingFact {
        std::string path, question;
        std::optional<Verdict> could_raise_to, could_lower_to;
    };

    Verdict verdict() const;
    Verdict verdict(Goal goal) const;
    bool incomplete() const;
    std::string case_id() const;
    Date as_of() const;
    std::vector<std::string> applied_rules() const; // full ids
    std::vector<AppliedRule> applied() const;
    std::vector<MissingFact> missing() const;
    // The decision as one line of JSON (docs/decisions.md), and as text for people.
    std::string to_json() const;
    std::string to_text() const;

    explicit Decision(std::shared_ptr<const DecisionRecord> record) : record_(std::move(record)) {}

private:
    std::shared_ptr<const DecisionRecord> record_;
};

class KADER_API RuleSet {
public:
    // The standard rule library built into the library.
    static RuleSet standard();
    // Rule files and folders of *.kader files, with or without the standard library.
    static Result<RuleSet> load(const std::vector<std::string>& paths, bool with_stdlib = true);
    // Rule sources given as (name, text) pairs.
    static Result<RuleSet>
    from_strings(const std::vector<std::pair<std::string, std::string>>& sources,
                 bool with_stdlib = true);

    // The case as JSON text (std::string, const char* and string_view all mean text).
    Result<Decision> evaluate(std::string_view case_json, const EvalOptions& options = {}) const;
    Result<Decision> evaluate(const std::string& case_json, const EvalOptions& options = {}) const {
        return evaluate(std::string_view(case_json), options);
    }
    Result<Decision> evaluate(const char* case_json, const EvalOptions& options = {}) const {
        return evaluate(std::string_view(case_json ? case_json : ""), options);
    }

    std::string fingerprint() const;
    std::vector<std::string> modules() const;

    explicit RuleSet(std::shared_ptr<const Program> program) : program_(std::move(program)) {}

private:
    friend std::shared_ptr<const Program> program_of(const RuleSet& rules);
    std::shared_ptr<const Program> program_;
};

} // namespace kader
