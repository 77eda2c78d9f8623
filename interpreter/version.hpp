#pragma once
// The one version number of Kader, set in the top CMakeLists.txt.

namespace kader {

// "0.1.0": the engine, as written into decision logs and shown by `kader --version`.
const char* engine_version();

} // namespace kader
