#pragma once
// The checked program: what the checker makes of the modules and what the
// interpreter runs. Every name is resolved to an index; nothing is looked
// up by string at evaluation time. Immutable once built.
#include "lang/ast.hpp"
#include "lang/source.hpp"
#include "lang/text_set.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace kader {

// ---- the case schema, as a table of type nodes ------------------------------

struct SchemaField {
    std::string name;
    bool optional = false;
    int type = -1;   // index into Program::schema
    std::string ask; // the schema's question for this fact (`ask "..."`); empty: none
    // The name's first 16 bytes as two words, and which of their bytes it
    // fills (set by name_words()): the fast case reader compares a key as
    // written in the case against them with two loads, not by unescaping
    // the key and calling memcmp.
    std::array<std::uint64_t, 2> words{}, mask{};

    void name_words();
};

struct SchemaNode {
    ast::TypeKind kind = ast::TypeKind::string;
    bool nonempty = false;
    std::vector<std::string> enum_values;
    int element = -1;                // list
    std::vector<SchemaField> fields; // record
    // Bit i: fields[i] is not optional (the first 64 fields; the fast case
    // reader leaves a record of more to the strict reader).
    std::uint64_t required = 0;
    // A record's fields that can name it for people (the witness of an
    // `any`): the slots of code, name, id, cn, description and country, in
    // that order of preference, as far as the record has them.
    std::vector<int> naming_fields;
    Location location;

    int field_index(std::string_view name) const;
};

// ---- static types of expressions --------------------------------------------

struct StaticType {
    enum Kind : std::uint8_t { any, boolean, number, string, date, list, record, set } kind = any;
    int schema =
        -1; // string: its schema node (enum, country, code, cn); list: element node; record: node
};

// ---- sets -------------------------------------------------------------------

struct NamedSet {
    std::string name; // "module.set", or "{...}" for a set literal
    Location location;
    std::string doc; // the set's own `///` comment
    // A data file's "source" and "reliability" notes (empty for inline sets):
    // where the entries come from and how far they were checked.
    std::string source, reliability;
    std::string data_file; // as written after `load`; empty for inline sets
    std::string data_path; // the file it names (data_file_name), without a `#pointer`
    TextSet entries;
    std::size_t longest = 0;   // no prefix longer than the longest entry is looked up
    std::size_t shortest = 0;  // nor one shorter than the shortest
    std::uint64_t lengths = 0; // bit n: an entry is n bytes long (bit 63: 63 or more)
    // Bit h: some entry starts with bytes that hash to h: its first
    // `shortest` bytes, or eight when longer (head_hash). Every entry a code
    // lies under starts as the code does, so a code whose start has no bit
    // lies under none. Most codes screened lie under no entry: one bit tells
    // them so, where `under` looked up each of their prefixes.
    std::array<std::uint64_t, 64> heads{};

    // Whether some entry is `n` bytes long (`under` looks up no prefix that none is).
    bool has_length(std::size_t n) const { return (lengths >> std::min<std::size_t>(n, 63)) & 1; }
    // Sets `longest`, `shortest`, `lengths` and `heads` from the entries.
    void note_entries(const std::vector<std::string>& texts);

    // Whether a decision resting on the set names it for review: its data
    // file says how far it was checked, and not that it was verified.
    bool needs_review() const {
        return !reliability.empty() && !reliability.starts_with("verified");
    }

    bool contains(std::string_view s) const { return entries.contains(s); }
    // Whether an entry equals `code` or is an ancestor of it (see docs/language.md).
    bool covers(std::string_view code) const;

private:
    std::size_t head_hash(std::string_view text) const;
    bool may_cover(std::string_view code) const;
};

// Whether code `x` equals `y` or lies below it.
bool code_under(std::string_view x, std::string_view y);

// ---- resolved expressions ---------------------------------------------------

enum class Op : std::uint8_t {
    boolean,
    number,
    string,
    date,      // literals
    set,       // a named or literal set: set
    case_root, // the case record
    local,     // slot: a quantifier variable or definition parameter
    field,     // kids[0] . slot
    call,      // definition `def`, kids are the arguments
    known,     // known(kids[0])
    not_,
    and_,
    or_,
    eq,
    ne,
    lt,
    le,
    gt,
    ge,
    in_set,     // kids[0] in set
    in_list,    // kids[0] in kids[1]
    under_code, // kids[0] under kids[1] (a string)
    under_set,  // kids[0] under set
    any,
    all,
    none,
    count, // slot bound over kids[0]: kids[1]
};

// `any`, `all`, `none` and `count`: a variable bound to each element of a list.
inline bool is_quantifier(Op op) {
    return op == Op::any || op == Op::all || op == Op::none || op == Op::count;
}

struct Node {
    Node(Op o = Op::boolean, StaticType t = {}) : op(o), type(t) {}
    Op op;
    StaticType type;
    bool negate = false; // `not in` is in_set/in_list with negate
    bool boolean = false;
    double number = 0;
    ast::Days date = 0;
    std::string text; // string literal; field name; variable name; definition name
    int slot = -1;    // local slot, field index
    int set = -1;     // set index
    int def = -1;     // definition instance index
    Location location;
    std::string source;    // the expression as printed, for explanations
    std::vector<int> kids; // node indices
    int element_test = -1; // a quantifier: its body as Program::element_tests[i], or -1
    // A quantifier of a rule's condition whose value depends on the case
    // alone: its place among Program::case_quantifiers, or -1.
    int case_quantifier = -1;
};

// One test of a text field of a quantifier's element: `x.f in S`,
// `x.f not in S`, `x.f under S`, `x.f == "text"` or `x.f != "text"`.
struct FieldTest {
    int field = -1;      // the field's slot in the element
    Op op = Op::in_set;  // in_set, under_set, eq or ne
    bool negate = false; // `not in`
    int set = -1;        // in_set, under_set: Program::sets index
    int literal = -1;    // eq, ne: the node of the text compared with
};

// The body of a quantifier when it only tests text fields of the element,
// one test or several joined by `and`: `any p in case.parties: p.id in
// entity_list`, `p.role == "intermediary" and p.country in transit`, or the
// same through a definition of one parameter, `any i in case.items:
// covered(i)`. Evaluation runs such a quantifier as one loop over the
// elements, without evaluating its body node by node (lang/element_tests.cpp).
struct ElementTest {
    static constexpr std::size_t most = 4;
    std::array<FieldTest, most> tests{};
    std::size_t count = 0; // the body holds when all of its tests hold
};

// A node whose value is a truth, as the fast evaluation of a rule's
// condition runs it (Evaluator::holds): what it reads resolved when the
// program is built, so that evaluation goes from step to step without
// asking each node of the general evaluator what it is and where its
// operands are (lang/truth_plan.cpp). Each step's truth is the node's value
// as the general evaluator makes it (Value::tri).
struct TruthStep {
    enum class Kind : std::uint8_t {
        all_of,     // `and` of the steps Program::truth_kids[first, first + count)
        any_of,     // `or` of them
        negation,   // `not` of the step truth_kids[first]
        text_test,  // `test` of a text: a field of the case or of a variable, or a variable
        quantifier, // `any`, `all` or `none` whose body is an element test (Node::element_test),
                    // over a field
        memo,       // a definition without parameters, once per case; its body is the step `first`
        call,       // a definition with parameters; its body is the step `first`
        node,       // any other node, evaluated by the general evaluator
    };
    enum class Source : std::uint8_t { case_field, variable_field, variable };

    Kind kind = Kind::node;
    Source source = Source::case_field; // text_test, quantifier: what is read
    int slot = -1;                      // the variable's slot (Source::variable_field, variable)
    int first = -1, count = 0;
    int node = -1; // the node itself
    FieldTest
        test; // text_test: the test (its field is the field read); quantifier: .field is the list
};

struct Program;
// Marks the quantifiers of a checked program whose body is an element test.
void find_element_tests(Program& p);
// Plans each rule's condition as truth steps (RuleInfo::truth).
void plan_truths(Program& p);
// Marks the quantifiers whose value depends on the case alone (Node::case_quantifier).
void find_case_quantifiers(Program& p);

// A definition body resolved for one list of argument types.
struct DefInstance {
    std::string name; // "module.def"
    int root = -1;
    int params = 0;
    int frame_size = 0;   // parameters + quantifier variables
    bool memoize = false; // no parameters: computed once per case
    Location location;
};

struct MessagePart {
    std::string text; // literal text when node < 0
    int node = -1;
};

struct ObligationInfo {
    std::string name;
    std::vector<MessagePart> message;
    Location location;
};

struct RuleInfo {
    std::string id;     // "module.rule" or "module.table#N"
    std::string module; // "module"
    std::string doc;
    Location location;
    ast::Goal goal = ast::Goal::end_use;
    std::string basis;
    std::optional<ast::Days> from, until;
    std::optional<std::string> review;
    int when = -1;  // node
    int truth = -1; // the condition as a truth step (Program::truth_steps), or -1
    int frame_size = 0;
    // Where its frame starts on the evaluation stack. Each rule of a decision
    // has a frame of its own, so the elements its quantifiers bound stay
    // bound for its messages while the rules after it are evaluated.
    int frame_at = 0;
    // The sets its condition can read, through the definitions it calls,
    // whose data needs review (NamedSet::needs_review), in order: what a
    // decision without reason trees cites for it (`--explain rules`).
    std::vector<int> sets_to_review;
    std::optional<ast::Verdict> verdict;
    std::vector<MessagePart> message;
    std::vector<ObligationInfo> obligations;
    int exception_to = -1;       // rule index
    std::vector<int> exceptions; // rule indices
    int table = -1;              // index into Program::tables when this is a table row
    int row = 0;                 // 1-based row number in the table

    bool in_effect(ast::Days day) const {
        return (!from || day >= *from) && (!until || day <= *until);
    }
};

struct TableInfo {
    std::string id;
    ast::HitPolicy hit = ast::HitPolicy::first;
    std::string basis;     // the table's own; a row may cite its own instead
    std::vector<int> rows; // rule indices, in row order
};

// ---- modules and their symbols ---------------------------------------------

// What a name in a module's scope stands for.
struct Symbol {
    enum Kind : std::uint8_t { set, def, rule, table } kind = set;
    int module = -1;       // the module that declares it (another one in the REPL's scope)
    std::size_t index = 0; // in that module's AST: sets, defs, rules or tables
    Location location;
};

// One module as checked, with its symbol table. The table is kept after
// checking: the REPL resolves typed expressions against it, and tools (name
// completion, generated docs) list a module's members from it.
struct ModuleInfo {
    std::string name;
    std::string doc;
    const Source* source = nullptr;
    std::vector<int> rules; // Program::rules indices, sorted by id
    // The parsed module, kept because a definition is resolved once per list
    // of argument types: a new expression in the REPL may need a new instance.
    std::shared_ptr<const ast::Module> ast;
    std::map<std::string, Symbol> symbols; // sets, definitions, rules and tables
    std::map<std::string, int> imports;    // alias (last name segment) -> module index
    // Names that several visible modules declare, with those modules: only in
    // the REPL's open scope, where a name may go without its module.
    std::map<std::string, std::vector<int>> ambiguous;
    std::vector<int> set_index; // Program::sets index per AST set, -1 if not loaded
};

struct Program {
    std::vector<std::unique_ptr<Source>> sources;
    std::vector<ModuleInfo> modules; // sorted by name; the index is a module's number
    std::vector<SchemaNode> schema;  // schema[0] is the case record, when there is one
    bool has_schema = false;
    // The slots of the case's `id` and `date` in schema[0], -1 when it has none:
    // every case read takes them out (case_from_root).
    int id_slot = -1, date_slot = -1;
    std::vector<NamedSet> sets;
    std::vector<Node> nodes;
    std::vector<DefInstance> defs;
    std::vector<RuleInfo> rules; // sorted by id
    int rule_frames = 0;         // the stack the rules' frames take together (RuleInfo::frame_at)
    std::vector<TableInfo> tables;
    std::vector<ElementTest> element_tests; // see Node::element_test
    int case_quantifiers = 0;               // see Node::case_quantifier
    std::vector<TruthStep> truth_steps;     // see RuleInfo::truth
    std::vector<int> truth_kids;            // the steps of all_of, any_of, negation
    std::string fingerprint;                // "sha256:..." over the module sources and data files
    // Every data file read, by data_file_name, with its text: with the
    // sources, enough to compile the same program again (a logged rule set).
    std::map<std::string, std::string> data_files;

    const Node& node(int i) const { return nodes[static_cast<std::size_t>(i)]; }
    int rule_index(std::string_view id) const;
    std::vector<std::string> module_names() const;
};

} // namespace kader
