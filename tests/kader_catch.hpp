// The one Catch2 header every test includes. Kader builds against the Catch2
// that Debian ships: version 2 (single header <catch2/catch.hpp>) on Debian 12
// bookworm, version 3 (split headers, matchers only in Catch::Matchers, a
// compiled library) on Debian 13 trixie. The tests are written against
// version 2; for version 3 this header gives them the version-2 names they use
// (Catch::Contains, Catch::StartsWith, Catch::EndsWith, Catch::Matches), so
// the same sources compile with either.
#pragma once

// tests/CMakeLists.txt says which major version it found; without that, the
// headers that are there decide.
#if !defined(KADER_CATCH2_MAJOR)
#if __has_include(<catch2/catch_test_macros.hpp>)
#define KADER_CATCH2_MAJOR 3
#else
#define KADER_CATCH2_MAJOR 2
#endif
#endif

#if KADER_CATCH2_MAJOR >= 3

// Catch2 3. The main comes from Catch2::Catch2WithMain (tests/CMakeLists.txt),
// so tests/catch_main.cpp's CATCH_CONFIG_MAIN has no effect here.
#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <string>

namespace Catch {
// Version 2 puts the matchers in Catch through `using namespace Matchers`.
// Version 3 renamed the substring matcher (its Matchers::Contains matches
// ranges), so only that one needs a wrapper.
inline Matchers::StringContainsMatcher Contains(const std::string& str,
                                                CaseSensitive sensitivity = CaseSensitive::Yes) {
    return Matchers::ContainsSubstring(str, sensitivity);
}
using Matchers::EndsWith;
using Matchers::Matches;
using Matchers::StartsWith;
} // namespace Catch

#else

// Catch2 2: everything is in the single header; a file that defines
// CATCH_CONFIG_MAIN first gets the main.
#include <catch2/catch.hpp>

#endif
