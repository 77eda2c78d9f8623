#pragma once
// Source text -> AST. A file is split into declarations (each starts at a
// line beginning with a letter in column 1), and each declaration is parsed
// on its own, so that one mistake does not hide the next.
#include "lang/ast.hpp"
#include "lang/diagnostic.hpp"
#include "lang/source.hpp"

namespace kader {

// Largest rule file accepted; beyond it the file is rejected at 1:1.
inline constexpr std::size_t max_source_bytes = 64u << 20;

ast::Module parse_module(const Source& source, Diagnostics& diags);

// One expression on its own (the REPL, message holes). Location lines and
// columns start at `line`/`column` in `source`.
ast::ExprPtr parse_expression(const Source& source, Diagnostics& diags);

} // namespace kader
