#pragma once
// The words of the language, for completion (tests/lsp checks the list
// against the grammar, so that a new keyword cannot be forgotten here).
#include <string_view>
#include <vector>

namespace kader::lsp {

const std::vector<std::string_view>& keywords();

} // namespace kader::lsp
