#pragma once
// The kinds of text a case holds and a rule compares with: plain text,
// country codes, EU control-list codes, US ECCNs, CN codes and enum values.
// One table of what each kind accepts and what it is called, shared by the
// checker (literals, set entries), the case reader and the REPL, so that
// the words and the checks cannot drift apart.
#include "lang/ast.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace kader {

// The word that names the kind in a schema or set declaration (`cn`).
const char* kind_keyword(ast::TypeKind kind);
// The kind a schema or set declaration names; none for another word.
std::optional<ast::TypeKind> kind_named(std::string_view keyword);
// "a CN code", "CN codes": the kind in a message.
const char* kind_singular(ast::TypeKind kind);
const char* kind_plural(ast::TypeKind kind);
// "a CN code of 4 to 8 digits such as \"85423190\"": what a case may hold.
const char* kind_expected(ast::TypeKind kind);

// Kinds whose values form a hierarchy that `under` descends (codes).
bool kind_is_coded(ast::TypeKind kind);

// Whether a text written in a rule or a data file is of the kind. Enum
// values depend on the schema and are checked by the caller; other kinds
// accept any text.
bool text_fits(ast::TypeKind kind, std::string_view text);

// What was probably meant by a text that does not fit; empty when there is
// nothing better to say than the general rule.
std::string text_hint(ast::TypeKind kind, std::string_view text);

} // namespace kader
