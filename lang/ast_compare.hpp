#pragma once
// Whether two modules mean the same, ignoring locations and comments: the
// formatter's promise is that parse(format(x)) has the same meaning as x.
#include "lang/ast.hpp"

namespace kader {

bool same_meaning(const ast::Module& a, const ast::Module& b);

} // namespace kader
