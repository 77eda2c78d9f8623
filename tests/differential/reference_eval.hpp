#pragma once
// A deliberately simple reference model of Kader's semantics: a direct
// reading of docs/language.md over the parsed AST of one module. It shares
// nothing with interpreter/evaluator.cpp and interpreter/decide.cpp: no
// resolved program, no slots, no indexes, no memoisation; names are looked
// up by string every time and the case is read straight from its JSON.
// Slow on purpose; correct by inspection is the point.
#include "lang/ast.hpp"
#include "outcome.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace kdiff {

// Decides the case against the module (which declares `schema case` and uses
// no imports). The module must have passed the checker. Returns nullopt with
// `error` set when the module or the case falls outside what the model reads.
std::optional<Outcome> reference_decide(const kader::ast::Module& module,
                                        const nlohmann::json& case_json,
                                        std::optional<kader::ast::Days> as_of, std::string& error);

// Whether code `x` equals `y` or lies below it, as docs/language.md words it.
bool reference_under(const std::string& x, const std::string& y);

} // namespace kdiff
