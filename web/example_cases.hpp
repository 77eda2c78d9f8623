#pragma once
// The example cases of examples/cases, compiled into the WebAssembly module
// (see interpreter/embed_files.cmake).
#include "interpreter/stdlib_files.hpp"

#include <vector>

namespace kader {

const std::vector<EmbeddedFile>& example_cases(); // path "examples/cases/x.json"

} // namespace kader
