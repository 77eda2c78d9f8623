#pragma once
// What the interpreter's own tools and tests reach behind the embedding API:
// the checked program of a rule set. Not part of libkader's public API.
#include "lang/program.hpp"

#include <kader/kader.hpp>
#include <memory>

namespace kader {

std::shared_ptr<const Program> program_of(const RuleSet& rules);

} // namespace kader
