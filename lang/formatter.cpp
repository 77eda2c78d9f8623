#include "lang/formatter.hpp"

namespace kader {

std::string format_module(const ast::Module&) { return {}; }

} // namespace kader
