#pragma once
// Parse tree -> AST, for one declaration. Internal to lang/.
#include "lang/ast.hpp"
#include "lang/diagnostic.hpp"

#include <tao/pegtl/contrib/parse_tree.hpp>

namespace kader {

struct Source;

class AstBuilder {
public:
    using Node = tao::pegtl::parse_tree::node;

    AstBuilder(const Source& source, ast::Module& module, Diagnostics& diags)
        : source_(source), module_(module), diags_(diags) {}

    // Adds the declaration under `root` (a chunk's parse tree) to the module.
    void add_declaration(const Node& root, std::string doc);
    ast::ExprPtr expression(const Node& n);

private:
    Location location(const Node& n) const;
    bool parenthesised(const Node& n) const;
    void warn_and_in_or(const Node& n, const ast::Expr& e);
    std::string unquote(const Node& n);
    void unknown_escape(Location at, std::size_t offset, char c);
    ast::Days date(const Node& n);
    ast::Message message(const Node& n);
    void add_rule(const Node& n, std::string doc);
    void add_table(const Node& n, std::string doc);
    void add_set(const Node& n, std::string doc);
    void add_def(const Node& n, std::string doc);
    void add_schema(const Node& n, std::string doc);
    bool common_line(const Node& n, ast::Common& common);
    ast::Row row(const Node& n);
    ast::Type type(const Node& n);
    std::vector<ast::Field> fields(const Node& n);
    void field_question(const Node& n, ast::Field& f);
    ast::ExprPtr quantifier(const Node& n);
    ast::ExprPtr postfix_chain(const Node& n);

    const Source& source_;
    ast::Module& module_;
    Diagnostics& diags_;
};

} // namespace kader
