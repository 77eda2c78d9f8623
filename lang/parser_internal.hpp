#pragma once
// Parsing a piece of a source at a known position. Internal to lang/.
#include "lang/ast.hpp"
#include "lang/diagnostic.hpp"

#include <cstddef>

namespace kader {

struct Source;

ast::ExprPtr parse_expression_span(const Source& source, const char* begin, const char* end,
                                   std::size_t byte, std::size_t line, std::size_t column,
                                   Diagnostics& diags);

} // namespace kader
