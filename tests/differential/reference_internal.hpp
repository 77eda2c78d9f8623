#pragma once
// The reference model's values and expression evaluator, shared by
// reference_eval.cpp (expressions) and reference_decide.cpp (decisions).
#include "lang/ast.hpp"

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace kdiff::ref {

namespace ast = kader::ast;

// A value: three-valued for conditions, and carrying where in the case it
// comes from so that an unknown can name the absent facts it rests on.
struct Val {
    enum class K { unknown, boolean, number, text, date, list, record } k = K::unknown;
    bool b = false;
    double n = 0;
    ast::Days d = 0;
    std::string s;
    const nlohmann::json* j = nullptr; // list / record: the JSON it reads
    const ast::Type* type = nullptr;   // list / record: its schema type
    std::string path;                  // list / record / absent fact: its JSON path
    std::set<std::string> missing;     // unknown: the absent facts it rests on

    static Val truth(bool v) {
        Val x;
        x.k = K::boolean;
        x.b = v;
        return x;
    }
    bool unknown() const { return k == K::unknown; }
};

// The module's declarations, looked up by name.
struct Model {
    const ast::Module& module;
    const ast::Type* case_type = nullptr;

    const ast::Def* def(const std::string& name) const;
    const ast::SetDecl* set(const std::string& name) const;
    const ast::Rule* rule(const std::string& name) const;
};

using Env = std::vector<std::pair<std::string, Val>>; // innermost binding last

class Eval {
public:
    Eval(const Model& model, const nlohmann::json& case_json) : m_(model), case_(case_json) {}

    // A rule's condition or a table column, in an empty environment.
    Val top(const ast::Expr& e) {
        Env env;
        return eval(e, env);
    }
    // One table cell against the value of its column.
    Val cell(const Val& column, const ast::Cell& c);

private:
    Val eval(const ast::Expr& e, Env& env);
    Val name(const ast::Expr& e, Env& env);
    Val call(const std::string& name, std::vector<Val> args);
    Val field(const Val& base, const std::string& name);
    Val logic(const ast::Expr& e, Env& env);
    Val quantifier(const ast::Expr& e, Env& env);
    Val compare(ast::CompareOp op, const Val& l, const ast::Expr& right, Env& env);
    const std::vector<std::string>* set_of(const ast::Expr& e, const Env& env) const;

    const Model& m_;
    const nlohmann::json& case_;
};

// The value of a JSON fact of the given schema type found at `path`.
Val fact(const ast::Type& type, const nlohmann::json& j, const std::string& path);

// Kleene conjunction / disjunction of values already computed.
Val all_of(const std::vector<Val>& parts);
Val any_of(const std::vector<Val>& parts);

} // namespace kdiff::ref
