#pragma once
// AST -> canonical text of an expression. Used by the formatter and by
// explanations (the `expr` of a reason), so both show the same words.
#include "lang/ast.hpp"

#include <string>

namespace kader {

std::string print(const ast::Expr& e);
std::string print(const ast::Message& m); // with quotes, holes re-printed
std::string quote(std::string_view text); // "..." with escapes

} // namespace kader
