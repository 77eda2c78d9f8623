#pragma once
// AST -> canonical text of an expression. Used by the formatter and by
// explanations (the `expr` of a reason), so both show the same words.
#include "lang/ast.hpp"

#include <string>

namespace kader {

std::string print(const ast::Expr& e);

// Whether operand `index` of an `and`/`or` is printed in parentheses: the
// one rule the printer and the formatter (which breaks long conditions into
// one operand per line) share. An `and` inside an `or` is always grouped,
// because lawyers read `a or b and c` both ways.
bool and_or_operand_parenthesised(const ast::Expr& parent, std::size_t index);
std::string print(const ast::Message& m); // with quotes, holes re-printed
std::string quote(std::string_view text); // "..." with escapes

} // namespace kader
