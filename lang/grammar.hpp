#pragma once
// The PEGTL grammar of one Kader declaration (the parser splits a file into
// declarations first; see parser.cpp). Above each rule, its textual form.
// Every `must<>` target has a message for policy authors in
// grammar_errors.hpp; the build fails if one is missing.
#include <tao/pegtl.hpp>

namespace kader::grammar {

namespace pegtl = tao::pegtl;
using namespace pegtl;

// comment <- '//' (!eol .)*
struct comment : seq<two<'/'>, until<eolf>> {};
// _ <- (space / comment)*      (newlines included: continuation lines are indented)
struct _ : star<sor<space, comment>> {};

struct ident_first : ranges<'a', 'z', 'A', 'Z', '_'> {};
struct ident_other : ranges<'a', 'z', 'A', 'Z', '0', '9', '_'> {};

template <typename Str> struct key : seq<Str, not_at<ident_other>> {};

#define KADER_KEY(name, text)                                                                      \
    struct kw_##name : key<TAO_PEGTL_STRING(text)> {}
KADER_KEY(module, "module");
KADER_KEY(import, "import");
KADER_KEY(set, "set");
KADER_KEY(def, "def");
KADER_KEY(rule, "rule");
KADER_KEY(table, "table");
KADER_KEY(schema, "schema");
KADER_KEY(goal, "goal");
KADER_KEY(basis, "basis");
KADER_KEY(effective, "effective");
KADER_KEY(from, "from");
KADER_KEY(until, "until");
KADER_KEY(exception, "exception");
KADER_KEY(to, "to");
KADER_KEY(review, "review");
KADER_KEY(when, "when");
KADER_KEY(then, "then");
KADER_KEY(oblige, "oblige");
KADER_KEY(hit, "hit");
KADER_KEY(first, "first");
KADER_KEY(collect, "collect");
KADER_KEY(and, "and");
KADER_KEY(or, "or");
KADER_KEY(not, "not");
KADER_KEY(in, "in");
KADER_KEY(under, "under");
KADER_KEY(any, "any");
KADER_KEY(all, "all");
KADER_KEY(none, "none");
KADER_KEY(count, "count");
KADER_KEY(known, "known");
KADER_KEY(true, "true");
KADER_KEY(false, "false");
KADER_KEY(load, "load");
KADER_KEY(case, "case");
KADER_KEY(optional, "optional");
KADER_KEY(nonempty, "nonempty");
KADER_KEY(list, "list");
KADER_KEY(of, "of");
KADER_KEY(record, "record");
KADER_KEY(enum, "enum");
#undef KADER_KEY

struct keyword : sor<kw_module, kw_import, kw_set, kw_def, kw_rule, kw_table, kw_schema, kw_goal,
                     kw_basis, kw_effective, kw_from, kw_until, kw_exception, kw_to, kw_review,
                     kw_when, kw_then, kw_oblige, kw_hit, kw_and, kw_or, kw_not, kw_in, kw_under,
                     kw_any, kw_all, kw_none, kw_count, kw_known, kw_true, kw_false, kw_load,
                     kw_case, kw_optional, kw_nonempty, kw_list, kw_of, kw_record, kw_enum> {};

// name <- !keyword [A-Za-z_][A-Za-z0-9_]*
struct name : seq<not_at<keyword>, ident_first, star<ident_other>> {};
// word <- [A-Za-z_][A-Za-z0-9_]*      (keywords too: a module may be called `schema`)
struct word : seq<ident_first, star<ident_other>> {};
struct word_after_dot : word {};
// module_name <- word ('.' word)*
struct module_name : seq<word, star<one<'.'>, must<word_after_dot>>> {};
// qualified_name <- word ('.' word)*    (rule ids in `exception to`)
struct qualified_name : seq<word, star<one<'.'>, must<word_after_dot>>> {};

// ---- literals --------------------------------------------------------------

struct string_char : sor<seq<one<'\\'>, any>, not_one<'"', '\n', '\r'>> {};
struct string_end : one<'"'> {};
// string <- '"' ([^"\\\n] / '\\' .)* '"'
struct string : seq<one<'"'>, star<string_char>, must<string_end>> {};
// date <- [0-9]{4} '-' [0-9]{2} '-' [0-9]{2}
struct date
    : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>, not_at<ident_other>> {};
// number <- '-'? [0-9]+ ('.' [0-9]+)?
struct number : seq<opt<one<'-'>>, plus<digit>, opt<one<'.'>, plus<digit>>, not_at<ident_other>> {};
struct true_lit : kw_true {};
struct false_lit : kw_false {};

struct set_close : one<'}'> {};
// set_literal <- '{' (string (',' string)*)? '}'
struct set_entry : seq<string> {};
struct set_literal
    : seq<one<'{'>, _, opt<string, star<_, one<','>, _, must<set_entry>>>, _, must<set_close>> {};

// ---- expressions -----------------------------------------------------------

struct expression;
struct not_expr;

// Guards recursion so that 10,000 nested parentheses are an error, not a crash.
struct nesting {
    static constexpr std::size_t limit = 200;
    static inline thread_local std::size_t depth = 0;
};

// Nesting past the limit: a parse error of its own kind, so that it gets its own code.
struct nesting_error : pegtl::parse_error {
    template <typename Input>
    explicit nesting_error(const Input& in)
        : pegtl::parse_error("expression nested more than 200 levels deep", in) {}
};

template <typename Rule> struct nested {
    using rule_t = nested;
    using subs_t = pegtl::type_list<Rule>;

    template <apply_mode A, rewind_mode M, template <typename...> class Action,
              template <typename...> class Control, typename Input, typename... States>
    static bool match(Input& in, States&&... st) {
        struct guard {
            guard() { ++nesting::depth; }
            ~guard() { --nesting::depth; }
        } g;
        if (nesting::depth > nesting::limit) throw nesting_error(in);
        return pegtl::match<Rule, A, M, Action, Control>(in, st...);
    }
};

struct paren_close : one<')'> {};
struct paren_expr : seq<expression> {};
// paren <- '(' expression ')'
struct paren : seq<one<'('>, _, must<nested<paren_expr>>, _, must<paren_close>> {};
struct case_root : kw_case {};
struct known_arg : seq<expression> {};
// known <- 'known' '(' expression ')'
struct known_open : one<'('> {};
struct known_call
    : seq<kw_known, _, must<known_open>, _, must<nested<known_arg>>, _, must<paren_close>> {};
struct call_arg : seq<expression> {};
// call_args <- '(' (expression (',' expression)*)? ')'
struct call_args
    : seq<one<'('>, _, opt<nested<call_arg>, star<_, one<','>, _, must<nested<call_arg>>>>, _,
          must<paren_close>> {};
struct name_ref : name {};
// name_or_call <- name call_args?
struct name_or_call : seq<name_ref, opt<call_args>> {};
struct call_name : name {};
// qualified_call <- name '.' name call_args      (a definition of an imported module)
struct qualified_call : seq<name_ref, one<'.'>, call_name, call_args> {};
struct primary : sor<paren, set_literal, known_call, date, number, string, true_lit, false_lit,
                     case_root, qualified_call, name_or_call> {};
struct field_name : name {};
struct field_access : seq<one<'.'>, must<field_name>> {};

// Each field access is one more level of the AST, so a chain of them counts
// towards the nesting limit: a million `.y` must be an error, not a stack
// overflow when the AST is printed or destroyed.
struct field_chain {
    using rule_t = field_chain;
    using subs_t = pegtl::type_list<field_access>;

    template <apply_mode A, rewind_mode M, template <typename...> class Action,
              template <typename...> class Control, typename Input, typename... States>
    static bool match(Input& in, States&&... st) {
        for (std::size_t fields = 0;; ++fields) {
            if (nesting::depth + fields >= nesting::limit && !in.empty() && in.peek_char() == '.')
                throw nesting_error(in);
            if (!pegtl::match<field_access, A, rewind_mode::required, Action, Control>(in, st...))
                return true;
        }
    }
};
// postfix <- primary ('.' name)*
struct postfix : seq<primary, field_chain> {};

struct op_eq : two<'='> {};
struct op_ne : pegtl::string<'!', '='> {}; // NOLINT
struct op_le : pegtl::string<'<', '='> {};
struct op_ge : pegtl::string<'>', '='> {};
struct op_lt : one<'<'> {};
struct op_gt : one<'>'> {};
struct op_not_in : seq<kw_not, _, kw_in> {};
struct op_in : kw_in {};
struct op_under : kw_under {};
struct compare_op : sor<op_eq, op_ne, op_le, op_ge, op_lt, op_gt, op_not_in, op_in, op_under> {};
struct operand : seq<postfix> {};
// comparison <- postfix (compare_op postfix)?
struct comparison : seq<postfix, opt<_, compare_op, _, must<operand>>> {};

struct quantifier_kind : sor<kw_any, kw_all, kw_none, kw_count> {};
struct bound_name : name {};
struct quantified_list : seq<postfix> {};
struct quantifier_body : seq<expression> {};
struct quantifier_colon : one<':'> {};
struct quantifier_in : kw_in {};
// quantifier <- ('any' / 'all' / 'none' / 'count') name 'in' postfix ':' expression
struct quantifier
    : seq<quantifier_kind, _, must<bound_name>, _, must<quantifier_in>, _, must<quantified_list>, _,
          must<quantifier_colon>, _, must<nested<quantifier_body>>> {};

struct not_operand : sor<quantifier, not_expr> {};
// not_expr <- 'not' (quantifier / not_expr) / comparison
struct negation : seq<kw_not, _, must<nested<not_operand>>> {};
struct not_expr : sor<negation, comparison> {};
struct and_operand : sor<quantifier, not_expr> {};
// and_expr <- not_expr ('and' (quantifier / not_expr))*
struct and_expr : seq<sor<quantifier, not_expr>, star<_, kw_and, _, must<and_operand>>> {};
struct or_operand : sor<quantifier, and_expr> {};
// or_expr <- and_expr ('or' (quantifier / and_expr))*
struct or_expr : seq<sor<quantifier, and_expr>, star<_, kw_or, _, must<or_operand>>> {};
// expression <- quantifier / or_expr
struct expression : sor<quantifier, or_expr> {};

// ---- rule and table lines --------------------------------------------------

struct goal_name : name {};
struct basis_text : string {};
struct date_value : date {};
struct verdict_name
    : sor<TAO_PEGTL_STRING("allow"), TAO_PEGTL_STRING("license_required"),
          TAO_PEGTL_STRING("escalate"), TAO_PEGTL_STRING("deny"), TAO_PEGTL_STRING("prohibited")> {
};
struct verdict : seq<verdict_name, not_at<ident_other>> {};
struct message : string {};
struct obligation_name : name {};
struct review_text : string {};
struct when_expr : seq<expression> {};

// goal_line <- 'goal' name
struct goal_line : seq<kw_goal, _, must<goal_name>> {};
// basis_line <- 'basis' string
struct basis_line : seq<kw_basis, _, must<basis_text>> {};
struct from_date : date_value {};
struct until_date : date_value {};
struct period_part : sor<seq<kw_from, _, must<from_date>>, seq<kw_until, _, must<until_date>>> {};
// effective_line <- 'effective' ('from' date)? ('until' date)?
struct first_period : period_part {};
struct effective_line : seq<kw_effective, _, must<first_period>, star<_, period_part>> {};
struct exception_to_kw : kw_to {};
// exception_line <- 'exception' 'to' qualified_name
struct exception_line : seq<kw_exception, _, must<exception_to_kw>, _, must<qualified_name>> {};
// review_line <- 'review' string
struct review_line : seq<kw_review, _, must<review_text>> {};
// when_line <- 'when' expression
struct when_line : seq<kw_when, _, must<when_expr>> {};
// then_line <- 'then' verdict string?
struct then_line : seq<kw_then, _, must<verdict>, opt<_, message>> {};
// oblige_line <- 'oblige' name string?
struct oblige_line : seq<kw_oblige, _, must<obligation_name>, opt<_, message>> {};

struct rule_line : sor<goal_line, basis_line, effective_line, exception_line, review_line,
                       when_line, then_line, oblige_line> {};
struct rule_end : seq<_, eof> {};
struct rule_name : name {};
// rule <- 'rule' name rule_line*
struct rule_decl : seq<kw_rule, _, must<rule_name>, star<_, rule_line>, must<rule_end>> {};

struct hit_policy : sor<kw_first, kw_collect> {};
// hit_line <- 'hit' ('first' / 'collect')
struct hit_line : seq<kw_hit, _, must<hit_policy>> {};
struct table_line : sor<goal_line, basis_line, effective_line, review_line, hit_line> {};

struct bar : one<'|'> {};
struct bar_close : one<'|'> {};
struct arrow : pegtl::string<'=', '>'> {};
struct column_expr : seq<expression> {};
struct verdict_header : seq<arrow, _, must<TAO_PEGTL_STRING("verdict")>> {};
struct header_cells : seq<star<_, not_at<arrow>, must<column_expr>, _, must<bar_close>>> {};
// header <- '|' (expression '|')* '=>' 'verdict' '|'
struct table_header : seq<bar, header_cells, _, must<verdict_header>, _, must<bar_close>> {};

struct any_cell : seq<one<'-'>, not_at<digit>> {};
struct cell_value : seq<postfix> {};
struct cell_compare : seq<compare_op, _, must<cell_value>> {};
struct cell : sor<any_cell, cell_compare, cell_value> {};
struct row_verdict : verdict {};
struct row_basis : string {};
// A row may cite its own provision: `=> deny "..." basis "Art. 2a"`.
struct row_output
    : seq<arrow, _, must<row_verdict>, opt<_, message>, opt<_, kw_basis, _, must<row_basis>>> {};
struct row_cells : star<_, not_at<arrow>, must<cell>, _, must<bar_close>> {};
// row <- '|' (cell '|')* '=>' verdict string? ('basis' string)? '|'
struct table_row : seq<bar, row_cells, _, must<row_output>, _, must<bar_close>> {};
struct table_end : seq<_, eof> {};
struct table_name : name {};
// table <- 'table' name table_line* header row*
struct table_decl : seq<kw_table, _, must<table_name>, star<_, table_line>, _, must<table_header>,
                        star<_, table_row>, must<table_end>> {};

// ---- sets, definitions, schemas, modules -----------------------------------

struct set_name : name {};
struct load_path : string {};
struct set_value : sor<set_literal, seq<kw_load, _, must<load_path>>> {};
struct equals : one<'='> {};
struct set_element_type
    : seq<sor<TAO_PEGTL_STRING("string"), TAO_PEGTL_STRING("country"), TAO_PEGTL_STRING("code"),
              TAO_PEGTL_STRING("eccn"), TAO_PEGTL_STRING("cn")>,
          not_at<ident_other>> {};
struct set_type : seq<one<':'>, _, must<set_element_type>> {};
// set <- 'set' name (':' ('string' / 'country' / 'code' / 'eccn' / 'cn'))? '=' (set_literal /
// 'load' string)
struct set_end : seq<_, eof> {};
struct set_decl : seq<kw_set, _, must<set_name>, _, opt<set_type, _>, must<equals>, _,
                      must<set_value>, must<set_end>> {};

struct def_name : name {};
struct def_end : seq<_, eof> {};
struct param : name {};
struct first_param : name {};
struct params
    : seq<one<'('>, _, opt<first_param, star<_, one<','>, _, must<param>>>, _, must<paren_close>> {
};
struct def_body : seq<expression> {};
// def <- 'def' name ('(' name (',' name)* ')')? '=' expression
struct def_decl : seq<kw_def, _, must<def_name>, _, opt<params>, _, must<equals>, _, must<def_body>,
                      must<def_end>> {};

struct type_expr;
struct field_decl;
struct base_type
    : sor<TAO_PEGTL_STRING("string"), TAO_PEGTL_STRING("number"), TAO_PEGTL_STRING("boolean"),
          TAO_PEGTL_STRING("date"), TAO_PEGTL_STRING("country"), TAO_PEGTL_STRING("code"),
          TAO_PEGTL_STRING("eccn"), TAO_PEGTL_STRING("cn")> {};
struct base_type_word : seq<base_type, not_at<ident_other>> {};
struct enum_value : name {};
struct enum_open : one<'{'> {};
struct enum_type : seq<kw_enum, _, must<enum_open>, _, list_must<enum_value, seq<_, one<','>, _>>,
                       _, must<set_close>> {};
struct list_of : kw_of {};
struct list_type : seq<kw_list, _, must<list_of>, _, must<type_expr>> {};
struct record_close : one<'}'> {};
struct record_body : seq<one<'{'>, star<_, field_decl>, _, must<record_close>> {};
struct record_type : seq<kw_record, _, must<record_body>> {};
struct optional_mark : kw_optional {};
struct nonempty_mark : kw_nonempty {};
struct type_core : sor<list_type, record_type, enum_type, base_type_word> {};
// type <- 'optional'? 'nonempty'? (list_type / record_type / enum_type / base_type)
struct type_expr : seq<opt<optional_mark, _>, opt<nonempty_mark, _>, must<nested<type_core>>> {};
struct field_name_decl : name {};
struct field_colon : one<':'> {};
// `ask` is no keyword: it is read only after a field's type, so a field or
// a definition may still be called `ask` (`ask: string` is a field).
struct kw_ask : key<TAO_PEGTL_STRING("ask")> {};
struct question_text : string {};
// ask <- 'ask' string
struct field_ask : seq<kw_ask, not_at<_, one<':'>>, _, must<question_text>> {};
// field <- name ':' type ('ask' string)?      (a second `ask` is read, to be reported)
struct field_decl
    : seq<field_name_decl, _, must<field_colon>, _, must<type_expr>, star<_, field_ask>> {};
struct schema_name : word {};
struct schema_end : seq<_, eof> {};
struct schema_body : record_body {};
// schema <- 'schema' name '{' field* '}'
struct schema_decl : seq<kw_schema, _, must<schema_name>, _, must<schema_body>, must<schema_end>> {
};

struct line_end : seq<_, eof> {};
// module <- 'module' module_name
struct module_decl : seq<kw_module, _, must<module_name>, must<line_end>> {};
// import <- 'import' module_name
struct import_decl : seq<kw_import, _, must<module_name>, must<line_end>> {};

struct declaration
    : sor<module_decl, import_decl, set_decl, def_decl, rule_decl, table_decl, schema_decl> {};
// chunk <- declaration EOF      (or nothing but comments)
struct chunk : seq<_, sor<eof, must<declaration>>> {};

} // namespace kader::grammar
