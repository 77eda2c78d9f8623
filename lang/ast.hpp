#pragma once
// The abstract syntax of a Kader module, as written: names are not yet
// resolved (that is the checker's job). Free of I/O.
#include "lang/location.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kader::ast {

// Days since 1970-01-01; the one date representation of the project.
using Days = std::int32_t;

enum class Verdict : std::uint8_t { allow, license_required, escalate, deny, prohibited };
inline constexpr int verdict_count = 5;

enum class Goal : std::uint8_t {
    end_use,
    strategic_dependency,
    tech_leadership,
    sanctions,
    control_list
};
inline constexpr int goal_count = 5;

enum class ExprKind : std::uint8_t {
    string,      // "RU"
    number,      // 16
    boolean,     // true
    date,        // 2022-02-26
    set_literal, // {"RU", "BY"}
    name,        // russia_bound, item, common   (text)
    case_root,   // case
    field,       // kids[0] . text
    call,        // text ( kids... )
    known,       // known(kids[0])
    not_,        // not kids[0]
    and_,        // kids[0] and kids[1] and ...
    or_,         // kids[0] or kids[1] or ...
    compare,     // kids[0] op kids[1]
    quantifier,  // quant text in kids[0]: kids[1]
};

enum class CompareOp : std::uint8_t { eq, ne, lt, le, gt, ge, in, not_in, under };
enum class Quantifier : std::uint8_t { any, all, none, count };

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
    ExprKind kind;
    Location location;
    std::string text; // string value, name, field name, called name, bound variable
    double number = 0;
    Days date = 0;
    bool boolean = false;
    CompareOp op = CompareOp::eq;
    Quantifier quantifier = Quantifier::any;
    Location name_location;                 // of the bound variable / field name
    std::vector<std::string> strings;       // set literal entries
    std::vector<Location> string_locations; // of set literal entries
    std::vector<ExprPtr> kids;

    Expr(ExprKind k, Location loc) : kind(k), location(loc) {}
};

// A message with `{expression}` holes, split into literal text and holes.
struct Message {
    Location location;
    std::string raw; // as written, without the quotes
    struct Part {
        std::string text; // literal text, when expr is null
        ExprPtr expr;
    };
    std::vector<Part> parts;
};

struct Obligation {
    Location location;
    std::string name;
    std::optional<Message> message;
};

struct DateClause {
    Location location;
    Days date;
};

struct Common { // lines shared by rules and tables
    std::optional<Goal> goal;
    Location goal_location;
    std::optional<std::string> basis;
    Location basis_location;
    std::optional<DateClause> from, until;
    std::optional<std::string> review;
};

struct Rule {
    Location location;
    std::string name;
    Location name_location;
    std::string doc;
    Common common;
    std::optional<std::string> exception_to; // as written: "rule" or "module.rule"
    Location exception_location;
    ExprPtr when;
    std::optional<Verdict> verdict;
    Location verdict_location;
    std::optional<Message> message;
    std::vector<Obligation> obligations;
};

enum class HitPolicy : std::uint8_t { first, collect };

struct Cell {
    enum class Kind : std::uint8_t { any, compare } kind = Kind::any;
    Location location;
    CompareOp op = CompareOp::eq;
    ExprPtr value;
};

struct Row {
    Location location;
    std::vector<Cell> cells;
    Verdict verdict = Verdict::allow;
    Location verdict_location;
    std::optional<Message> message;
    std::optional<std::string> basis; // the row's own provision, when it cites one
    Location basis_location;
};

struct Table {
    Location location;
    std::string name;
    Location name_location;
    std::string doc;
    Common common;
    HitPolicy hit = HitPolicy::first;
    bool hit_given = false;
    std::vector<ExprPtr> columns;
    std::vector<Row> rows;
};

enum class TypeKind : std::uint8_t {
    string,
    number,
    boolean,
    date,
    country,
    code,
    eccn,
    cn,
    enum_,
    list,
    record
};

struct SetDecl {
    Location location;
    std::string name;
    Location name_location;
    std::string doc;
    // `set x: cn = ...`: what the entries are (string, country, code, eccn or cn);
    // without it the checker infers it from the set's uses.
    std::optional<TypeKind> element;
    Location element_location;
    std::vector<std::string> entries;      // inline entries
    std::vector<Location> entry_locations; // of inline entries
    std::optional<std::string> load_path;  // set x = load "file.json"
    Location load_location;
};

struct Param {
    std::string name;
    Location location;
};

struct Def {
    Location location;
    std::string name;
    Location name_location;
    std::string doc;
    std::vector<Param> params;
    ExprPtr body;
};

struct Field;

struct Type {
    TypeKind kind = TypeKind::string;
    Location location;
    bool nonempty = false;                // lists only
    std::vector<std::string> enum_values; // enum
    std::unique_ptr<Type> element;        // list
    std::vector<Field> fields;            // record
};

struct Field {
    Location location;
    std::string name;
    bool optional = false;
    Type type;
    // `ask "..."` after the type: the question an officer sends the exporter
    // when this fact is missing. Words for people, not law.
    std::optional<std::string> ask;
    Location ask_location;
};

struct Schema {
    Location location;
    std::string name;
    Location name_location;
    std::string doc;
    Type record; // kind == record
};

struct Import {
    Location location;
    std::string module;
};

// A comment line kept so that the formatter can put it back.
struct Comment {
    Location location;
    std::string text; // with its leading slashes
    bool trailing;    // stands after code on its line
};

struct Module {
    const struct Source* source = nullptr;
    std::string name;
    Location location;
    std::string doc;
    std::vector<Import> imports;
    std::vector<SetDecl> sets;
    std::vector<Def> defs;
    std::vector<Rule> rules;
    std::vector<Table> tables;
    std::vector<Schema> schemas;
    std::vector<Comment> comments;

    // Declarations in source order, for the formatter and generated docs.
    enum class DeclKind : std::uint8_t { set, def, rule, table, schema };
    struct DeclRef {
        DeclKind kind;
        std::size_t index;
    };
    std::vector<DeclRef> order;
};

const char* to_string(Verdict v);
const char* to_string(Goal g);
const char* to_string(CompareOp op);
const char* to_string(Quantifier q);
std::optional<Verdict> verdict_from(std::string_view s);
std::optional<Goal> goal_from(std::string_view s);

// Dates: YYYY-MM-DD, checked for the calendar (no 2023-02-30).
std::optional<Days> parse_date(std::string_view s);
std::string format_date(Days d);
// The same into `text`, for a year from 0 to 9999 (false for any other).
bool format_date(Days d, std::array<char, 10>& text);

} // namespace kader::ast
