#pragma once
// The shapes of the coded values a rule compares with: CN codes and
// control-list codes. A text of the wrong shape can never equal (or lie
// under) a value of a case, so a rule that names one never applies; the
// checker refuses it, and the hints below say what was probably meant.
#include <string>
#include <string_view>

namespace kader {

// A CN (or HS) code or heading as rules write it: 2 to 8 digits, no dots or
// spaces (`84`, `8542`, `854231`, `85423190`).
bool valid_cn_code(std::string_view s);

// A control-list code or one of its headings: an Annex I entry of Reg. (EU)
// 2021/821 and the national codes numbered the same way (`3B001`,
// `3B001.f.4`, the Dutch `3D007`), a Common Military List code (`ML11`,
// `ML11.a`) or an Annex VII code of Reg. (EU) 833/2014 (`X`, `X.A.I.001`).
bool valid_control_code(std::string_view s);

// What was probably meant by a text that is not of the shape; empty when
// there is nothing better to say than the general rule.
std::string cn_code_hint(std::string_view s);
std::string control_code_hint(std::string_view s);
std::string country_code_hint(std::string_view s);

} // namespace kader
