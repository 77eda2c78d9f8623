#pragma once
// Checked program -> the rule reference (`kader doc`, docs/stdlib.md): every
// module's definitions, sets, tables, rules and case schema in Markdown, so
// that a policy author or a lawyer can audit the rule set without reading
// Kader. Rendering only reads the program; it does no I/O.
#include "lang/program.hpp"

#include <string>

namespace kader {

std::string render_reference(const Program& program);

} // namespace kader
