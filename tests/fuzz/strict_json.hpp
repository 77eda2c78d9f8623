#pragma once
// An independent reading of "strict JSON" for the fuzz targets' oracle: the
// case reader must refuse every text this refuses (it may refuse more, for
// the schema). Kept apart from lang/json_input so that one mistake is not
// made twice. Iterative (nlohmann's SAX parser), so any depth is safe.
#include <cstddef>
#include <string>
#include <string_view>

namespace kader::fuzz {

// Deeper than this is refused (lang/json_input.hpp's json_max_depth).
inline constexpr std::size_t strict_max_depth = 128;

// Empty when `text` is one JSON value (after an optional UTF-8 BOM) with
// finite numbers, no repeated key in an object, nesting at most
// strict_max_depth; else why not.
std::string strict_json_problem(std::string_view text);

} // namespace kader::fuzz
