#include "lang/ast_compare.hpp"

namespace kader {

bool same_meaning(const ast::Module&, const ast::Module&) { return false; }

} // namespace kader
