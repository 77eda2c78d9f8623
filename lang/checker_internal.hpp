#pragma once
// The checker's working state, shared by its two halves: checker.cpp
// (modules, schema, sets, rules, tables, exceptions) and resolver.cpp
// (expressions, definitions, the REPL's open scope). Internal to lang/.
#include "lang/checker.hpp"

#include <fmt/format.h>
#include <map>
#include <set>

namespace kader::checking {

using namespace ast;

inline std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates) {
    auto best = closest_name(name, candidates);
    return best ? fmt::format("did you mean `{}`?", *best) : std::string{};
}

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

struct Local {
    std::string name;
    int slot;
    StaticType type;
};

// What a name in one module's scope stands for.
struct Symbol {
    enum Kind { set, def, rule, table } kind;
    std::size_t index; // in the module's AST vector
    Location location;
};

struct ModuleScope {
    Module ast;
    std::map<std::string, Symbol> symbols;
    std::map<std::string, int> aliases; // import alias -> module index
    std::vector<int> set_index;         // program set index per ast set (-1 when not loaded)
    std::vector<int> rule_index;        // program rule index per ast rule
};

struct Scope {
    int module;
    std::vector<Local> locals;
    int* frame_size;
    int next_slot = 0;
    const std::set<const Expr*>* witnesses =
        nullptr; // `any` quantifiers whose variable messages may use
    std::vector<Local>* witness_locals = nullptr;
};

class Checker {
public:
    Checker(Program& program, const DataReader& read_data, Diagnostics& diags)
        : p_(program), read_data_(read_data), diags_(diags) {}

    void run(std::vector<Module> modules);
    // The REPL: an open scope over the compiled `p_` (see ExpressionScope).
    void open_scope(std::vector<Module> modules);
    int resolve_typed(const Expr& e, int& frame_size);

private:
    // ---- modules, imports and symbols
    void index_modules(std::vector<Module> modules);
    void declare(ModuleScope& m, const std::string& name, Symbol s);
    void resolve_imports();
    // ---- schema and sets
    void build_schema();
    int schema_node(const ast::Type& t);
    void load_sets();
    void load_set_file(ModuleScope& m, const SetDecl& s, NamedSet& set);
    int add_set(NamedSet set);
    // ---- rules and tables
    void build_rules();
    void build_rule(int module, const Rule& r);
    void build_table(int module, const Table& t);
    bool check_common(const Common& c, const std::string& what, const std::string& name,
                      Location where, bool needs_goal);
    std::vector<MessagePart> message(const std::optional<Message>& m, Scope& scope);
    void link_exceptions();
    void sort_rules();
    void warn_unused();
    // ---- expressions
    int resolve(const Expr& e, Scope& scope);
    int resolve_name(const Expr& e, Scope& scope);
    int resolve_field(const Expr& e, Scope& scope);
    int resolve_call(const Expr& e, Scope& scope);
    int resolve_compare(const Expr& e, Scope& scope);
    int resolve_quantifier(const Expr& e, Scope& scope);
    int resolve_member(int module, const std::string& member, const Expr& e, Scope& scope);
    int def_instance(int module, const Def& d, const std::vector<int>& args, Location at);
    int add_node(Node n);
    StaticType type_of(int schema) const;
    bool check_condition(int node, const char* where);
    void check_literal_against(int literal, int other);
    std::vector<std::string> names_in_scope(const Scope& scope) const;
    int error_node(const Expr& e);
    int owner_of(const std::string& name, bool def_only, Location at);

    Program& p_;
    const DataReader& read_data_;
    Diagnostics& diags_;
    std::vector<ModuleScope> modules_;
    std::map<std::string, int> module_by_name_;
    std::map<std::string, int> instances_;       // "module.def(types)" -> instance
    std::vector<std::string> resolving_;         // definitions being resolved, for cycles
    std::set<std::pair<int, std::string>> used_; // (module, set or def name)
    std::map<std::pair<int, std::string>, int> rule_by_name_; // (module, rule) -> program rule
    std::vector<std::pair<int, const Rule*>> exception_links_;
    int open_module_ = -1; // the REPL's scope, which sees every module
};

} // namespace kader::checking
