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

} // namespace kader
