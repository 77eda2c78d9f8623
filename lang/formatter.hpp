#pragma once
// AST -> canonical source text. One layout for every rule file, so that
// diffs between rule versions stay small. Comments are kept.
#include "lang/ast.hpp"

#include <string>

namespace kader {

std::string format_module(const ast::Module& module);

} // namespace kader
