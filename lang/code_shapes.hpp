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

// An EU control-list code or one of its headings: an Annex I entry of Reg.
// (EU) 2021/821 and the national codes numbered the same way (`3B001`,
// `3B001.f.4`, the Dutch `3D007`), a Common Military List code (`ML11`,
// `ML11.a`) or an Annex VII code of Reg. (EU) 833/2014 (`X`, `X.A.I.001`).
// Numbers that exist only in the US Commerce Control List are not EU codes,
// although they are written the same way (see `us_only_eccn`).
bool valid_control_code(std::string_view s);

// A US Export Control Classification Number or one of its headings
// (`3A001`, `5A992.c`, `0Y521`), or `EAR99` (subject to the EAR, not listed).
bool valid_us_eccn(std::string_view s);

// A US ECCN whose number no EU control list uses: the 99x series of items
// controlled by the US alone (`3A991`, `4A994`, `5A992`, `3B993`), the 500
// and 600 series (items moved from the US Munitions List), the `Y` group,
// `EAR99`, and the US-only advanced-computing entries 3A090, 4A090 and 3B090.
// Such a code in an EU code field would read as an Annex I item (FACTS of
// the standard library: only EU Annex I entries are Annex I items).
bool us_only_eccn(std::string_view s);

// What was probably meant by a text that is not of the shape; empty when
// there is nothing better to say than the general rule.
std::string cn_code_hint(std::string_view s);
std::string control_code_hint(std::string_view s);
std::string us_eccn_hint(std::string_view s);
std::string country_code_hint(std::string_view s);

} // namespace kader
