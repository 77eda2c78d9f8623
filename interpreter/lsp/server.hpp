#pragma once
// kader lsp: the Language Server Protocol over stdin/stdout (docs/editors.md).
#include "interpreter/rule_loader.hpp"

#include <iosfwd>

namespace kader::lsp {

// Serves one editor session until `exit`, with the rule files of `rules` (the
// -r paths and the standard library) besides the editor's workspace folders.
// The process exit code: 0 after `shutdown` then `exit`, 1 otherwise.
int serve(const RuleSources& rules, std::istream& in, std::ostream& out, std::ostream& log);

} // namespace kader::lsp
