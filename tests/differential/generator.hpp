#pragma once
// Seeded generator of well-typed Kader rule sets and of cases for them, for
// the differential test. Everything is kept as a small structure (not just
// text) so that the minimiser can drop declarations and simplify conditions
// and then render the smaller rule set again.
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kdiff {

// ---- the case schema --------------------------------------------------------

struct GField;

struct GType {
    enum class Kind { string, number, boolean, date, country, code, cn, enum_, list, record };
    Kind kind = Kind::string;
    bool nonempty = false;                // lists
    std::vector<std::string> enum_values; // enum_
    std::shared_ptr<GType> element;       // list
    std::vector<GField> fields;           // record
};

struct GField {
    std::string name;
    bool optional = false;
    GType type;
};

// ---- expressions ------------------------------------------------------------

struct GExpr {
    enum class Kind { atom, not_, and_, or_, compare, known, quant, call };
    Kind kind = Kind::atom;
    std::string text; // atom: the text; compare: the operator; quant: "any x in L"; call: name
    bool condition = false; // a boolean: the minimiser may replace it by `true` or `false`
    std::vector<GExpr> kids;
};

std::string render(const GExpr& e);

// ---- declarations -----------------------------------------------------------

struct GSet {
    std::string name;
    std::vector<std::string> entries; // quoted already
};

struct GDef {
    std::string name;
    std::string param; // empty: no parameter
    GExpr body;
};

struct GPeriod {
    std::optional<std::string> from, until;
};

struct GRule {
    std::string name;
    std::optional<std::string> goal;
    GPeriod period;
    std::optional<std::string> exception_to;
    bool review = false;
    GExpr when;
    std::optional<std::string> verdict;
    std::string message; // may contain `{case.destination}`
    std::vector<std::string> obligations;
};

struct GRow {
    std::vector<std::string> cells; // "-", "16", "< 16", "in {\"RU\"}", "under \"8542\""
    std::string verdict;
    std::string message;
};

struct GTable {
    std::string name;
    std::string goal;
    std::optional<std::string> hit; // "first", "collect", or none (the default: first)
    GPeriod period;
    std::vector<GExpr> columns;
    std::vector<GRow> rows;
};

struct GRuleSet {
    std::vector<GField> schema; // the fields of `schema case`
    std::vector<GSet> sets;
    std::vector<GDef> defs;
    std::vector<GRule> rules;
    std::vector<GTable> tables;
};

std::string render(const GRuleSet& rs);

// Which constructs the generator may produce; all on by default. A known
// interpreter discrepancy can be switched off here while it is being fixed.
struct GenOptions {
    bool exceptions = true;
    bool exception_chains = true; // exceptions to rules that are themselves exceptions
    bool tables = true;
    bool periods = true;
    bool definitions = true;
    bool null_facts = true; // optional facts given as JSON null rather than left out
    bool as_of = true;      // sometimes decide as of another date than the case's
};

struct GPair {
    GRuleSet rules;
    nlohmann::json case_json;
    std::optional<std::string> as_of; // YYYY-MM-DD
};

GPair generate(std::uint64_t seed, const GenOptions& options = {});

} // namespace kdiff
