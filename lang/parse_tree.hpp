#pragma once
// Source text -> parse tree: which grammar rules become parse tree nodes.
// Internal to lang/: the parser makes these trees, the AST builder reads them.
#include "lang/grammar_errors.hpp"

#include <tao/pegtl/contrib/parse_tree.hpp>

namespace kader::grammar {

namespace pt = tao::pegtl::parse_tree;

template <typename Rule>
using selector = pt::selector<
    Rule,
    pt::store_content::on<
        string, date, number, true_lit, false_lit, set_literal, case_root, name_ref, call_args,
        qualified_call, call_name, known_call, field_name, compare_op, quantifier, quantifier_kind,
        bound_name, negation, goal_name, basis_text, from_date, until_date, qualified_name,
        review_text, when_expr, then_line, verdict, message, oblige_line, obligation_name,
        rule_decl, rule_name, hit_policy, column_expr, any_cell, cell, table_row, row_verdict,
        row_basis, table_decl, table_name, set_decl, set_name, set_element_type, load_path,
        def_decl, def_name, param, first_param, def_body, base_type_word, enum_type, enum_value,
        list_type, record_type, optional_mark, nonempty_mark, field_decl, field_name_decl,
        question_text, schema_decl, schema_name, module_decl, import_decl, module_name, type_expr,
        record_body>,
    pt::fold_one::on<or_expr, and_expr, comparison, postfix, name_or_call>>;

template <typename Rule> using control = tao::pegtl::must_if<errors>::control<Rule>;

} // namespace kader::grammar
