#pragma once
// Case JSON -> CaseData, checked against the program's schema. Every
// violation is reported with its JSON path; nothing is guessed.
#include "interpreter/case_data.hpp"
#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string_view>

namespace kader {

// `origin` names the input in diagnostics (a file name, "line 3", "<stdin>").
std::optional<CaseData> read_case(const Program& program, const nlohmann::json& json,
                                  const std::string& origin, Diagnostics& diags);
std::optional<CaseData> read_case(const Program& program, const nlohmann::ordered_json& json,
                                  const std::string& origin, Diagnostics& diags);
std::optional<CaseData> read_case_text(const Program& program, std::string_view text,
                                       const std::string& origin, Diagnostics& diags);
// The same into `into`, whose blocks keep their room (CaseBuilder): a reader
// of many cases reads each into the same CaseData. False, with the reasons
// in `diags`, when the text is no case of the program (`into` is then of no use).
bool read_case_text(const Program& program, std::string_view text, const std::string& origin,
                    Diagnostics& diags, CaseData& into);

// The bytes after a case's text that the fast reader reads past its end,
// never as part of the case (simdjson's padding). A text with that much
// room after it in its string (pad_case_text) is read where it is; any
// other text is first copied with the padding after it.
inline constexpr std::size_t case_text_padding = 64;
// Gives the room after `text`'s characters the padding, spaces, which stay
// out of the string: `kader batch` pads each line it reads.
void pad_case_text(std::string& text);
// read_case_text, in place when the string has the padding after its text.
bool read_case_string(const Program& program, const std::string& text, const std::string& origin,
                      Diagnostics& diags, CaseData& into);

// Whether a text value may stand in a field of `node`'s kind: valid UTF-8,
// and a country, code, ECCN, CN code or enum value where one is expected.
// Both readers (this one and case_reader_fast.hpp) decide by it.
bool text_value_accepted(const SchemaNode& node, std::string_view s);
// The same for a text known to be valid UTF-8 (simdjson refuses a document
// that is not before the fast reader sees any of its values).
bool text_value_fits(const SchemaNode& node, std::string_view s);

// The case's `id` and `date`, taken out of its root record.
void take_id_and_date(const Program& program, CaseData& c);

} // namespace kader
