#pragma once
// What a policy author reads when a `must<>` in the grammar fails. Written
// for people who know the regulation, not the grammar.
#include "lang/grammar.hpp"

namespace kader::grammar {

template <typename Rule> inline constexpr const char* error_message = nullptr;

#define KADER_ERROR(rule, text) template <> inline constexpr const char* error_message<rule> = text

KADER_ERROR(name, "expected a name (letters, digits and `_`, starting with a letter)");
KADER_ERROR(word_after_dot, "expected a name after `.`");
KADER_ERROR(module_name, "expected a module name such as `sanctions.russia`");
KADER_ERROR(qualified_name, "expected a rule name such as `dual_use_ban` or `russia.dual_use_ban`");
KADER_ERROR(string_end, "this text has no closing `\"` on its line");
KADER_ERROR(set_entry, "expected a text in double quotes");
KADER_ERROR(set_close, "expected `,` or `}` to continue or close the list");
KADER_ERROR(paren_close, "expected `)` to close the parenthesis");
KADER_ERROR(nested<paren_expr>, "expected an expression inside the parentheses");
KADER_ERROR(nested<known_arg>, "expected the fact to test inside `known(...)`");
KADER_ERROR(known_open, "expected `(` after `known`");
KADER_ERROR(enum_open, "expected `{` to open the list of names");
KADER_ERROR(nested<call_arg>, "expected an argument");
KADER_ERROR(field_name, "expected a field name after `.`");
KADER_ERROR(operand, "expected a value to compare with");
KADER_ERROR(bound_name, "expected a name for each element, as in `any item in case.items: ...`");
KADER_ERROR(quantifier_in,
            "expected `in` after the element name, as in `any item in case.items: ...`");
KADER_ERROR(quantified_list, "expected the list to go through, such as `case.items`");
KADER_ERROR(quantifier_colon,
            "expected `:` before the condition, as in `any item in case.items: ...`");
KADER_ERROR(nested<quantifier_body>, "expected a condition after `:`");
KADER_ERROR(nested<not_operand>, "expected a condition after `not`");
KADER_ERROR(and_operand, "expected a condition after `and`");
KADER_ERROR(or_operand, "expected a condition after `or`");
KADER_ERROR(goal_name, "expected a goal (end_use, strategic_dependency, tech_leadership, "
                       "sanctions, control_list) after `goal`");
KADER_ERROR(basis_text, "expected the legal basis in double quotes after `basis`");
KADER_ERROR(row_basis, "expected the row's legal basis in double quotes after `basis`");
KADER_ERROR(first_period, "expected `from DATE` or `until DATE` after `effective`");
KADER_ERROR(from_date, "expected a date (YYYY-MM-DD) after `from`");
KADER_ERROR(until_date, "expected a date (YYYY-MM-DD) after `until`");
KADER_ERROR(exception_to_kw, "expected `to` after `exception`, as in `exception to rule_name`");
KADER_ERROR(review_text, "expected the point to review in double quotes after `review`");
KADER_ERROR(when_expr, "expected a condition after `when`");
KADER_ERROR(
    verdict,
    "expected a verdict (allow, license_required, escalate, deny, prohibited) after `then`");
KADER_ERROR(obligation_name,
            "expected the name of the obligation after `oblige`, such as `no_russia_clause`");
KADER_ERROR(rule_name, "expected the rule's name after `rule`");
KADER_ERROR(
    rule_end,
    "expected a rule line (goal, basis, effective, exception to, review, when, then, oblige)");
KADER_ERROR(set_end, "unexpected text after the set");
KADER_ERROR(def_end, "expected `and`, `or` or the end of the definition");
KADER_ERROR(schema_end, "unexpected text after the schema");
KADER_ERROR(line_end, "unexpected text after the module name");
KADER_ERROR(hit_policy, "expected `first` or `collect` after `hit`");
KADER_ERROR(column_expr, "expected a column expression in the table header");
KADER_ERROR(bar_close, "expected `|` to close the cell");
KADER_ERROR(TAO_PEGTL_STRING("verdict"), "expected `verdict` after `=>` in the table header");
KADER_ERROR(verdict_header, "expected `=> verdict` as the last column of the table header");
KADER_ERROR(table_header, "expected the table header, such as `| column | => verdict |`");
KADER_ERROR(cell, "expected a cell: `-`, a value, or a comparison such as `< 16`");
KADER_ERROR(cell_value, "expected a value to compare with");
KADER_ERROR(row_verdict,
            "expected a verdict (allow, license_required, escalate, deny, prohibited) after `=>`");
KADER_ERROR(row_output, "expected `=> VERDICT` as the last cell of the row");
KADER_ERROR(table_name, "expected the table's name after `table`");
KADER_ERROR(table_end, "expected a table row starting with `|`");
KADER_ERROR(set_name, "expected the set's name after `set`");
KADER_ERROR(equals, "expected `=`");
KADER_ERROR(set_element_type,
            "expected the type of the set's entries: string, country, code, eccn or cn");
KADER_ERROR(set_value, "expected a list such as `{\"RU\", \"BY\"}` or `load \"file.json\"`");
KADER_ERROR(load_path, "expected the data file's path in double quotes after `load`");
KADER_ERROR(def_name, "expected the definition's name after `def`");
KADER_ERROR(param, "expected a parameter name");
KADER_ERROR(def_body, "expected the expression that the definition names");
KADER_ERROR(enum_value, "expected a name in the enum");
KADER_ERROR(list_of, "expected `of` after `list`, as in `list of string`");
KADER_ERROR(record_close, "expected a field (`name: type`) or `}`");
KADER_ERROR(record_body, "expected `{` to open the record's fields");
KADER_ERROR(nested<type_core>, "expected a type (string, number, boolean, date, country, code, cn, "
                               "enum {...}, list of T, record {...})");
KADER_ERROR(field_colon, "expected `:` after the field name");
KADER_ERROR(question_text, "expected the question in double quotes after `ask`, such as "
                           "`ask \"When was the contract concluded?\"`");
KADER_ERROR(type_expr, "expected a type");
KADER_ERROR(schema_name, "expected the schema's name after `schema`");
KADER_ERROR(schema_body, "expected `{` to open the schema's fields");
KADER_ERROR(declaration, "expected a declaration (module, import, set, def, rule, table, schema)");

#undef KADER_ERROR

struct errors {
    template <typename Rule> static constexpr const char* message = error_message<Rule>;
};

} // namespace kader::grammar
