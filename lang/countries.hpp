#pragma once
// ISO 3166-1 alpha-2 country codes: the only country codes a case or a rule
// may use, so that a typo never passes silently.
#include <span>
#include <string_view>

namespace kader {

bool is_country_code(std::string_view code);
// All of them, sorted: for completion and forms.
std::span<const std::string_view> country_codes();

} // namespace kader
