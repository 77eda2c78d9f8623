#pragma once
// The checker's working state, shared by the files that each check one
// concept: symbols.cpp (modules, imports, names), schema.cpp, set_loading.cpp
// with set_types.cpp and literal_checks.cpp (sets, their data and the types
// of their entries), rules.cpp, tables.cpp, exceptions.cpp, resolver.cpp
// with witnesses.cpp and range_checks.cpp (expressions), and
// expression_scope.cpp (the REPL). checker.cpp runs the passes. Internal to
// lang/.
#include "lang/checker.hpp"

#include <fmt/format.h>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace kader::checking {

using namespace ast;

// "did you mean `x`?" for the candidate closest to `name`, or nothing (symbols.cpp).
Help did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

// The REPL's scope over checked modules: every module imported under the
// last segment of its name (unless two share it), and each set or
// definition by its bare name when only one module declares it (symbols.cpp).
ModuleInfo open_scope(const std::vector<ModuleInfo>& modules);

inline const char* type_words(const StaticType& t) {
    switch (t.kind) {
    case StaticType::boolean:
        return "a condition (true/false)";
    case StaticType::number:
        return "a number";
    case StaticType::string:
        return "a text";
    case StaticType::date:
        return "a date";
    case StaticType::list:
        return "a list";
    case StaticType::record:
        return "a record";
    case StaticType::set:
        return "a set";
    default:
        return "a value";
    }
}

// What a text is compared with: the kind of its schema node (string,
// country, code, cn or enum_), and for an enum the node with its values.
struct ValueType {
    TypeKind kind = TypeKind::string;
    int schema = -1;
};

// How a literal relates to the value it is compared with.
enum class Relation { be, hold, under }; // `==`, `in` a list, `under`

// What the checker knows of one set's entries, to check them against the
// type of what the set is compared with: declared, or given by its first use.
struct SetEntries {
    std::string name;                   // as declared; empty for a set literal in an expression
    std::vector<std::string> texts;     // in the order written
    std::vector<Location> locations;    // of each entry, in the rule file or in its data file
    std::shared_ptr<const Source> data; // the data file the entries come from, if any
    // Where the entries' array is in `data`, as JSON pointer tokens. The
    // places of a data file's entries are found only when one is reported
    // (entry_location): a second pass over a large file for nothing, else.
    std::vector<std::string> data_path;
    std::optional<TypeKind> declared;
    std::optional<ValueType> used; // the type of the first use
    Location first_use;
    std::string first_subject; // what the first use compared the set with
    std::set<int> checked;     // types the entries were checked against (see type_key)
};

struct Local {
    std::string name;
    int slot;
    StaticType type;
    bool element = false; // a quantifier's variable: an element of a list, always there
};

// Names a message cannot use, with the reason (witnesses.cpp).
using Unavailable = std::map<std::string, std::string>;

struct Scope {
    int module;
    std::vector<Local> locals;
    int* frame_size;
    int next_slot = 0;
    const std::set<const Expr*>* witnesses =
        nullptr; // `any` quantifiers whose variable messages may use
    std::vector<Local>* witness_locals = nullptr;
    const Unavailable* unavailable = nullptr; // in a message: names bound without a witness
};

void collect_witnesses(const Expr& e, std::set<const Expr*>& out);

class Checker {
public:
    Checker(Program& program, const DataReader& read_data, Diagnostics& diags)
        : p_(program), read_data_(read_data), diags_(diags) {}

    void run(std::vector<Module> modules);
    // The REPL: one typed expression, resolved in the scope of `module` of
    // the compiled program `p_` (see ExpressionScope).
    void index_checked_modules();
    int resolve_typed(const Expr& e, int module, int& frame_size);

private:
    // ---- modules, imports and symbols
    void index_modules(std::vector<Module> modules);
    ModuleInfo& module_info(int module) { return p_.modules[static_cast<std::size_t>(module)]; }
    const ModuleInfo& module_info(int module) const {
        return p_.modules[static_cast<std::size_t>(module)];
    }
    void declare(ModuleInfo& m, const std::string& name, Symbol s);
    void resolve_imports();
    // ---- schema and sets
    void build_schema();
    int schema_node(const ast::Type& t, bool always_present);
    void check_question(const ast::Field& f, bool always_present);
    void load_sets();
    void load_set_file(ModuleInfo& m, const SetDecl& s, NamedSet& set, SetEntries& entries);
    struct DataFile;
    const DataFile& data_file(const std::string& name, std::string text);
    Location entry_location(SetEntries& entries, std::size_t i);
    int add_set(NamedSet set, SetEntries entries = {});
    // ---- the types of sets and literals (set_types.cpp, literal_checks.cpp)
    void check_declared_sets();
    void check_operands(Op op, int left, int right);
    void check_set_use(int set_node, int subject, Relation relation);
    bool same_set_type(SetEntries& entries, ValueType type, const Node& set, const Node& subject);
    void check_entries(SetEntries& entries, ValueType type, const std::string& subject);
    std::optional<ValueType> value_type(const StaticType& t) const;
    bool fits(const std::string& text, ValueType type) const;
    Help hint(const std::string& text, ValueType type, const std::string& subject) const;
    void check_text(const std::string& text, Location at, ValueType type,
                    const std::string& subject, Relation relation);
    // ---- rules and tables
    void build_rules();
    void build_rule(int module, const Rule& r);
    void build_table(int module, const Table& t);
    bool check_common(const Common& c, const std::string& what, const std::string& name,
                      Location where, bool needs_goal);
    std::vector<MessagePart> message(const std::optional<Message>& m, Scope& scope);
    void link_exceptions();
    void check_exceptions();
    void sort_rules();
    void place_rule_frames();
    void find_sets_to_review();
    void warn_unused();
    std::set<std::string> files_with_unresolved_names() const;
    // ---- expressions
    int resolve(const Expr& e, Scope& scope);
    int resolve_name(const Expr& e, Scope& scope);
    int resolve_field(const Expr& e, Scope& scope);
    int resolve_call(const Expr& e, Scope& scope);
    int resolve_compare(const Expr& e, Scope& scope);
    int compare(CompareOp op, int l, int r, Location at, Location op_at, std::string source);
    int resolve_quantifier(const Expr& e, Scope& scope);
    int resolve_member(int module, const std::string& member, const Expr& e, Scope& scope);
    int def_instance(int module, const Def& d, const std::vector<int>& args, Location at);
    int add_node(Node n);
    StaticType type_of(int schema) const;
    bool check_condition(int node, const char* where);
    std::vector<std::string> names_in_scope(const Scope& scope) const;
    int error_node(const Expr& e);
    bool always_known(int node, const Scope& scope) const;
    void unavailable_witnesses(const Expr& e, const std::set<const Expr*>& witnesses, int module,
                               Unavailable& out) const;
    void check_bounds(int and_node);
    int error_node(Location at, std::string source);
    void report_ambiguous(const std::string& name, const std::vector<int>& owners, Location at);

    Program& p_;
    const DataReader& read_data_;
    Diagnostics& diags_;
    std::map<std::string, int> module_by_name_;
    std::map<std::string, int> instances_;       // "module.def(types)" -> instance
    std::vector<std::string> resolving_;         // definitions being resolved, for cycles
    std::set<std::pair<int, std::string>> used_; // (module, set or def name)
    std::map<std::pair<int, std::string>, int> rule_by_name_; // (module, rule) -> program rule
    std::vector<std::pair<int, const Rule*>> exception_links_;
    std::vector<SetEntries> set_entries_; // per program set; empty for the REPL's compiled sets
    // The data files read so far, by name, each parsed once for all the sets
    // that load a part of it (set_loading.cpp).
    std::map<std::string, std::shared_ptr<const DataFile>> data_files_;
};

} // namespace kader::checking
