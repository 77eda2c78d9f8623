#pragma once
// Citations of EU acts in a legal basis, and their addresses on EUR-Lex.
// A basis is free text written for people ("Reg. (EU) 833/2014 Art. 2a(1),
// as extended by Reg. (EU) 2022/1904 of 6 Oct 2022"); the decision memo links
// each EU act it names to the act's text, by its CELEX number. Pure
// functions: no I/O, and nothing is looked up.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kader {

// One EU act cited in a text: the bytes [begin, end) that name it and its
// CELEX number (sector 3, year, type letter, number padded to four digits:
// 32014R0833), or a consolidated version's number as written
// (02006R0765-20250327).
struct EuActCitation {
    std::size_t begin = 0, end = 0;
    std::string celex;
};

// The EU acts cited in `text`, in order and not overlapping. Recognised:
//
//   Reg. | Regulation  [(EU) | (EC) | (EEC) | ...]  [No]  NUMBER/YEAR or YEAR/NUMBER
//   Regs. | Regulations  a list of them: "Regs. 2022/879, 2023/427 and 2023/1214"
//   Decision [(CFSP)] YEAR/NUMBER[/CFSP], Directive YEAR/NUMBER/EC,
//   Common Position and Joint Action YEAR/NUMBER/CFSP
//   a CELEX number itself: 32014R0833, 02006R0765-20250327
//
// Regulations were numbered NUMBER/YEAR until 2014 (and always with "No"
// or as (EC)/(EEC) acts) and YEAR/NUMBER from 2015 on; the other acts are
// YEAR/NUMBER. Anything else (15 CFR 742.6, 87 FR 62186, Stcrt. 2023, 18212)
// is not an EU act and is not returned.
std::vector<EuActCitation> find_eu_acts(std::string_view text);

// https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:<celex>
std::string eurlex_url(std::string_view celex);

// A piece of a text: plain (url empty) or the citation of an act with its URL.
struct TextPiece {
    std::string text;
    std::string url;
};

// `text` cut into plain pieces and linked citations; joined, the pieces
// give `text` back.
std::vector<TextPiece> link_eu_acts(std::string_view text);

} // namespace kader
