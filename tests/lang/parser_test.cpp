// Every construct of docs/language.md parses to the AST it means.
#include "lang/parser.hpp"
#include "lang/printer.hpp"
#include "tests/lang/support.hpp"

#include "kader_catch.hpp"

using namespace kader;
using namespace kader::ast;
using kader::test::parse;
using kader::test::sexpr;

namespace {

// The `when` of the only rule of `module m` + `rule r` + `when EXPR`.
std::string when_of(const std::string& expr) {
    auto p = parse("module m\nrule r\n  when " + expr + "\n");
    INFO(render(p.diags));
    REQUIRE(p.ok());
    REQUIRE(p.module.rules.size() == 1);
    REQUIRE(p.module.rules[0].when);
    return sexpr(*p.module.rules[0].when);
}

Days date(const char* text) {
    return *parse_date(text);
}

} // namespace

// ---- modules, imports, docs ------------------------------------------------

TEST_CASE("the module line names the module, dots included") {
    auto p = parse("module sanctions.russia\n");
    REQUIRE(p.ok());
    CHECK(p.module.name == "sanctions.russia");
    CHECK(p.module.location.line == 1);
    CHECK(p.module.location.column == 8);
    CHECK(p.module.order.empty());
}

TEST_CASE("imports are kept in source order with their locations") {
    auto p = parse("module m\nimport common\nimport sanctions.russia\n");
    REQUIRE(p.ok());
    REQUIRE(p.module.imports.size() == 2);
    CHECK(p.module.imports[0].module == "common");
    CHECK(p.module.imports[1].module == "sanctions.russia");
    CHECK(p.module.imports[1].location.line == 3);
    CHECK(p.module.imports[1].location.column == 8);
}

TEST_CASE("doc comments belong to the declaration right below them") {
    auto p = parse("/// The module.\n"
                   "/// Second line.\n"
                   "module m\n"
                   "\n"
                   "/// EU member states.\n"
                   "set eu = {\"AT\"}\n"
                   "\n"
                   "/// Not attached: a blank line follows.\n"
                   "\n"
                   "def d = true\n"
                   "\n"
                   "/// A rule.\n"
                   "///\n"
                   "///   indented\n"
                   "rule r\n"
                   "  when true\n"
                   "  then allow\n");
    INFO(render(p.diags));
    REQUIRE(p.ok());
    CHECK(p.module.doc == "The module.\nSecond line.");
    CHECK(p.module.sets[0].doc == "EU member states.");
    CHECK(p.module.defs[0].doc.empty());
    CHECK(p.module.rules[0].doc == "A rule.\n\n  indented");
}

TEST_CASE("a plain comment between a doc comment and its declaration cuts the doc off") {
    auto p = parse("module m\n/// lost\n// plain\ndef d = true\n");
    REQUIRE(p.ok());
    CHECK(p.module.defs[0].doc.empty());
}

TEST_CASE("every comment is kept with its line, text and whether it trails code") {
    auto p = parse("// head\nmodule m // the module\n  // indented\n/// doc\ndef d = \"a // not a "
                   "comment\"\n");
    REQUIRE(p.ok());
    REQUIRE(p.module.comments.size() == 4);
    CHECK(p.module.comments[0].text == "// head");
    CHECK_FALSE(p.module.comments[0].trailing);
    CHECK(p.module.comments[1].text == "// the module");
    CHECK(p.module.comments[1].trailing);
    CHECK(p.module.comments[1].location.line == 2);
    CHECK(p.module.comments[1].location.column == 10);
    CHECK(p.module.comments[2].text == "// indented");
    CHECK_FALSE(p.module.comments[2].trailing);
    CHECK(p.module.comments[3].text == "/// doc");
}

TEST_CASE("declarations are recorded in source order") {
    auto p = parse("module m\nschema s {}\nrule r\n  when true\n  then allow\nset a = {}\n"
                   "def d = true\ntable t\n  | => verdict |\nset b = {}\n");
    INFO(render(p.diags));
    REQUIRE(p.ok());
    using K = Module::DeclKind;
    std::vector<std::pair<K, std::size_t>> order;
    for (const auto& ref : p.module.order)
        order.emplace_back(ref.kind, ref.index);
    CHECK(order ==
          std::vector<std::pair<K, std::size_t>>{
              {K::schema, 0}, {K::rule, 0}, {K::set, 0}, {K::def, 0}, {K::table, 0}, {K::set, 1}});
}

// ---- sets and definitions --------------------------------------------------

TEST_CASE("an inline set keeps its entries and where each one is") {
    auto p = parse("module m\nset eu = {\"AT\", \"BE\",\n          \"BG\"}\n");
    REQUIRE(p.ok());
    const SetDecl& s = p.module.sets.at(0);
    CHECK(s.name == "eu");
    CHECK(s.name_location.column == 5);
    CHECK(s.entries == std::vector<std::string>{"AT", "BE", "BG"});
    CHECK_FALSE(s.load_path);
    REQUIRE(s.entry_locations.size() == 3);
    CHECK(s.entry_locations[2].line == 3);
    CHECK(s.entry_locations[2].column == 11);
}

TEST_CASE("an empty set is a set without entries") {
    auto p = parse("module m\nset empty = {}\n");
    REQUIRE(p.ok());
    CHECK(p.module.sets.at(0).entries.empty());
}

TEST_CASE("a loaded set keeps the path of its data file") {
    auto p = parse("module m\nset chpl = load \"data/chpl-tier-1.json\"\n");
    REQUIRE(p.ok());
    const SetDecl& s = p.module.sets.at(0);
    CHECK(s.load_path == "data/chpl-tier-1.json");
    CHECK(s.entries.empty());
    CHECK(s.load_location.line == 2);
    CHECK(s.load_location.column == 17);
}

TEST_CASE("a definition without parameters names its expression") {
    auto p = parse("module m\ndef russia_bound =\n  case.destination == \"RU\"\n");
    REQUIRE(p.ok());
    const Def& d = p.module.defs.at(0);
    CHECK(d.name == "russia_bound");
    CHECK(d.params.empty());
    CHECK(sexpr(*d.body) == "(== (. case destination) \"RU\")");
    CHECK(d.body->location.line == 3);
    CHECK(d.body->location.column == 3);
}

TEST_CASE("a definition with parameters lists them in order") {
    auto p = parse("module m\ndef within(item, limit) =\n  item.params.node_nm <= limit\n");
    REQUIRE(p.ok());
    const Def& d = p.module.defs.at(0);
    REQUIRE(d.params.size() == 2);
    CHECK(d.params[0].name == "item");
    CHECK(d.params[1].name == "limit");
    CHECK(d.params[1].location.column == 18);
    CHECK(sexpr(*d.body) == "(<= (. (. item params) node_nm) limit)");
}

// ---- rules -----------------------------------------------------------------

TEST_CASE("a rule keeps every one of its lines") {
    auto p = parse("module m\n"
                   "rule annex_vii\n"
                   "  goal sanctions\n"
                   "  basis \"Reg. (EU) 833/2014 Art. 2a\"\n"
                   "  effective from 2022-02-26\n"
                   "  review \"entries not verified\"\n"
                   "  when case.destination == \"RU\"\n"
                   "  then prohibited \"item {item.code} is in Annex VII\"\n"
                   "  oblige no_russia_clause \"the contract must forbid re-export\"\n"
                   "  oblige keep_records\n");
    INFO(render(p.diags));
    REQUIRE(p.ok());
    const Rule& r = p.module.rules.at(0);
    CHECK(r.name == "annex_vii");
    CHECK(r.location.line == 2);
    CHECK(r.name_location.column == 6);
    CHECK(r.common.goal == Goal::sanctions);
    CHECK(r.common.goal_location.line == 3);
    CHECK(r.common.goal_location.column == 8);
    CHECK(r.common.basis == "Reg. (EU) 833/2014 Art. 2a");
    CHECK(r.common.basis_location.line == 4);
    REQUIRE(r.common.from);
    CHECK(r.common.from->date == date("2022-02-26"));
    CHECK_FALSE(r.common.until);
    CHECK(r.common.review == "entries not verified");
    CHECK_FALSE(r.exception_to);
    CHECK(sexpr(*r.when) == "(== (. case destination) \"RU\")");
    CHECK(r.verdict == Verdict::prohibited);
    CHECK(r.verdict_location.line == 8);
    CHECK(r.verdict_location.column == 8);
    REQUIRE(r.message);
    CHECK(r.message->raw == "item {item.code} is in Annex VII");
    REQUIRE(r.obligations.size() == 2);
    CHECK(r.obligations[0].name == "no_russia_clause");
    REQUIRE(r.obligations[0].message);
    CHECK(r.obligations[0].message->raw == "the contract must forbid re-export");
    CHECK(r.obligations[0].location.line == 9);
    CHECK(r.obligations[1].name == "keep_records");
    CHECK_FALSE(r.obligations[1].message);
}

TEST_CASE("every goal name is read") {
    for (const char* goal :
         {"end_use", "strategic_dependency", "tech_leadership", "sanctions", "control_list"}) {
        auto p = parse(std::string("module m\nrule r\n  goal ") + goal + "\n");
        REQUIRE(p.ok());
        CHECK(to_string(*p.module.rules[0].common.goal) == std::string(goal));
    }
}

TEST_CASE("every verdict is read, with or without a message") {
    for (const char* verdict : {"allow", "license_required", "escalate", "deny", "prohibited"}) {
        auto p = parse(std::string("module m\nrule r\n  then ") + verdict + "\n");
        REQUIRE(p.ok());
        CHECK(to_string(*p.module.rules[0].verdict) == std::string(verdict));
        CHECK_FALSE(p.module.rules[0].message);
    }
}

TEST_CASE("a rule may conclude only obligations") {
    auto p = parse("module m\nrule r\n  when true\n  oblige register \"register first\"\n");
    REQUIRE(p.ok());
    CHECK_FALSE(p.module.rules[0].verdict);
    CHECK(p.module.rules[0].obligations.size() == 1);
}

TEST_CASE("the lines of a rule may come in any order") {
    auto p = parse("module m\nrule r\n  then allow\n  when true\n  goal end_use\n");
    REQUIRE(p.ok());
    CHECK(p.module.rules[0].verdict == Verdict::allow);
    CHECK(p.module.rules[0].common.goal == Goal::end_use);
}

TEST_CASE("exception to names the base rule, plain or with its module") {
    auto plain = parse("module m\nrule r\n  exception to annex_vii_electronics\n");
    REQUIRE(plain.ok());
    CHECK(plain.module.rules[0].exception_to == "annex_vii_electronics");
    CHECK(plain.module.rules[0].exception_location.line == 3);
    CHECK(plain.module.rules[0].exception_location.column == 16);
    CHECK_FALSE(plain.module.rules[0].common.goal);

    auto qualified = parse("module m\nrule r\n  exception to russia.dual_use_ban\n");
    REQUIRE(qualified.ok());
    CHECK(qualified.module.rules[0].exception_to == "russia.dual_use_ban");
}

TEST_CASE("effective takes a start, an end, or both") {
    auto from = parse("module m\nrule r\n  effective from 2022-02-26\n");
    REQUIRE(from.ok());
    CHECK(from.module.rules[0].common.from->date == date("2022-02-26"));
    CHECK_FALSE(from.module.rules[0].common.until);

    auto until = parse("module m\nrule r\n  effective until 2021-09-08\n");
    REQUIRE(until.ok());
    CHECK_FALSE(until.module.rules[0].common.from);
    CHECK(until.module.rules[0].common.until->date == date("2021-09-08"));
    CHECK(until.module.rules[0].common.until->location.column == 19);

    auto both = parse("module m\nrule r\n  effective from 2009-08-27 until 2021-09-08\n");
    REQUIRE(both.ok());
    CHECK(both.module.rules[0].common.from->date == date("2009-08-27"));
    CHECK(both.module.rules[0].common.until->date == date("2021-09-08"));
    CHECK(both.module.rules[0].common.until->location.column == 35);
}

TEST_CASE("message holes are parsed as expressions between the literal text") {
    auto p =
        parse("module m\nrule r\n  then deny \"item {item.code} goes to {case.destination}!\"\n");
    REQUIRE(p.ok());
    const Message& m = *p.module.rules[0].message;
    CHECK(m.raw == "item {item.code} goes to {case.destination}!");
    CHECK(m.location.line == 3);
    CHECK(m.location.column == 13);
    REQUIRE(m.parts.size() == 5);
    CHECK(m.parts[0].text == "item ");
    CHECK_FALSE(m.parts[0].expr);
    REQUIRE(m.parts[1].expr);
    CHECK(sexpr(*m.parts[1].expr) == "(. item code)");
    CHECK(m.parts[1].expr->location.line == 3);
    CHECK(m.parts[1].expr->location.column == 20);
    CHECK(m.parts[2].text == " goes to ");
    CHECK(sexpr(*m.parts[3].expr) == "(. case destination)");
    CHECK(m.parts[4].text == "!");
}

TEST_CASE("a hole may hold any expression") {
    auto p = parse("module m\nrule r\n  then deny \"{count p in case.parties: p.share >= 2.5 and "
                   "known(p.x)}\"\n");
    INFO(render(p.diags));
    REQUIRE(p.ok());
    const Message& m = *p.module.rules[0].message;
    REQUIRE(m.parts.size() == 1);
    CHECK(sexpr(*m.parts[0].expr) ==
          "(count p (. case parties) (and (>= (. p share) 2.5) (known (. p x))))");
}

TEST_CASE("doubled braces in a message are literal braces, not holes") {
    auto p = parse("module m\nrule r\n  then deny \"use {{x}} and \\\"{case.id}\\\"\"\n");
    REQUIRE(p.ok());
    const Message& m = *p.module.rules[0].message;
    CHECK(m.raw == "use {{x}} and \\\"{case.id}\\\"");
    REQUIRE(m.parts.size() == 3);
    CHECK(m.parts[0].text == "use {x} and \"");
    CHECK(sexpr(*m.parts[1].expr) == "(. case id)");
    CHECK(m.parts[2].text == "\"");
}

// ---- tables ----------------------------------------------------------------

TEST_CASE("a table keeps its lines, header columns and rows") {
    auto p = parse("module m\n"
                   "table diversion_risk\n"
                   "  goal end_use\n"
                   "  hit first\n"
                   "  basis \"Answers to parliamentary questions\"\n"
                   "  effective until 2030-01-01\n"
                   "  review \"check\"\n"
                   "  | intermediary_in_transit | case.end_use | => verdict |\n"
                   "  | true                    | -            | => deny \"substantial risk\" |\n"
                   "  | false                   | \"military\"   | => escalate |\n");
    INFO(render(p.diags));
    REQUIRE(p.ok());
    const Table& t = p.module.tables.at(0);
    CHECK(t.name == "diversion_risk");
    CHECK(t.common.goal == Goal::end_use);
    CHECK(t.common.basis == "Answers to parliamentary questions");
    CHECK(t.common.until->date == date("2030-01-01"));
    CHECK(t.common.review == "check");
    CHECK(t.hit == HitPolicy::first);
    CHECK(t.hit_given);
    REQUIRE(t.columns.size() == 2);
    CHECK(sexpr(*t.columns[0]) == "intermediary_in_transit");
    CHECK(sexpr(*t.columns[1]) == "(. case end_use)");
    CHECK(t.columns[1].get()->location.column == 31);
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].location.line == 9);
    CHECK(t.rows[0].location.column == 3);
    REQUIRE(t.rows[0].cells.size() == 2);
    CHECK(t.rows[0].cells[0].kind == Cell::Kind::compare);
    CHECK(t.rows[0].cells[0].op == CompareOp::eq);
    CHECK(sexpr(*t.rows[0].cells[0].value) == "true");
    CHECK(t.rows[0].cells[1].kind == Cell::Kind::any);
    CHECK_FALSE(t.rows[0].cells[1].value);
    CHECK(t.rows[0].verdict == Verdict::deny);
    CHECK(t.rows[0].verdict_location.column == 49);
    CHECK(t.rows[0].message->raw == "substantial risk");
    CHECK(t.rows[1].verdict == Verdict::escalate);
    CHECK_FALSE(t.rows[1].message);
    CHECK(sexpr(*t.rows[1].cells[1].value) == "\"military\"");
}

TEST_CASE("hit collect is read, and a table without hit defaults to first") {
    auto collect = parse("module m\ntable t\n  hit collect\n  | a | => verdict |\n");
    REQUIRE(collect.ok());
    CHECK(collect.module.tables[0].hit == HitPolicy::collect);
    CHECK(collect.module.tables[0].hit_given);

    auto none = parse("module m\ntable t\n  | a | => verdict |\n");
    REQUIRE(none.ok());
    CHECK(none.module.tables[0].hit == HitPolicy::first);
    CHECK_FALSE(none.module.tables[0].hit_given);
    CHECK(none.module.tables[0].rows.empty());
}

TEST_CASE("table cells are any, a value, a comparison, a membership or a hierarchy") {
    auto p =
        parse("module m\n"
              "table t\n"
              "  | a | b    | c             | d           | e     | f          | g | => verdict |\n"
              "  | - | < 16 | in common.eu27 | under \"3B\" | >= 2022-02-26 | != \"civil\" | -5 | "
              "=> allow |\n");
    INFO(render(p.diags));
    REQUIRE(p.ok());
    const auto& cells = p.module.tables[0].rows.at(0).cells;
    REQUIRE(cells.size() == 7);
    CHECK(cells[0].kind == Cell::Kind::any);
    CHECK(cells[1].op == CompareOp::lt);
    CHECK(sexpr(*cells[1].value) == "16");
    CHECK(cells[2].op == CompareOp::in);
    CHECK(sexpr(*cells[2].value) == "(. common eu27)");
    CHECK(cells[3].op == CompareOp::under);
    CHECK(sexpr(*cells[3].value) == "\"3B\"");
    CHECK(cells[4].op == CompareOp::ge);
    CHECK(sexpr(*cells[4].value) == "date:2022-02-26");
    CHECK(cells[5].op == CompareOp::ne);
    CHECK(cells[6].kind == Cell::Kind::compare);
    CHECK(sexpr(*cells[6].value) == "-5");
    CHECK(cells[1].location.column == 9);
}

// ---- schemas ---------------------------------------------------------------

TEST_CASE("a schema declares fields of every type") {
    auto p = parse("module m\n"
                   "schema kase {\n"
                   "  id: optional string\n"
                   "  n: number\n"
                   "  b: boolean\n"
                   "  date: date\n"
                   "  destination: country\n"
                   "  code: code\n"
                   "  cn: cn\n"
                   "  end_use: optional enum {civil, military, wmd}\n"
                   "  items: nonempty list of record {\n"
                   "    code: optional code\n"
                   "    params: optional record {\n"
                   "      node_nm: optional number\n"
                   "    }\n"
                   "  }\n"
                   "  flags: optional list of string\n"
                   "  matrix: list of list of number\n"
                   "}\n");
    INFO(render(p.diags));
    REQUIRE(p.ok());
    const Schema& s = p.module.schemas.at(0);
    CHECK(s.name == "kase");
    CHECK(s.record.kind == TypeKind::record);
    const auto& f = s.record.fields;
    REQUIRE(f.size() == 11);
    CHECK(f[0].name == "id");
    CHECK(f[0].optional);
    CHECK(f[0].type.kind == TypeKind::string);
    CHECK(f[0].location.line == 3);
    CHECK(f[0].location.column == 3);
    CHECK(f[1].type.kind == TypeKind::number);
    CHECK_FALSE(f[1].optional);
    CHECK(f[2].type.kind == TypeKind::boolean);
    CHECK(f[3].type.kind == TypeKind::date);
    CHECK(f[4].type.kind == TypeKind::country);
    CHECK(f[5].type.kind == TypeKind::code);
    CHECK(f[6].type.kind == TypeKind::cn);
    CHECK(f[7].type.kind == TypeKind::enum_);
    CHECK(f[7].type.enum_values == std::vector<std::string>{"civil", "military", "wmd"});
    const Type& items = f[8].type;
    CHECK(items.kind == TypeKind::list);
    CHECK(items.nonempty);
    REQUIRE(items.element);
    CHECK(items.element->kind == TypeKind::record);
    REQUIRE(items.element->fields.size() == 2);
    const Field& params = items.element->fields[1];
    CHECK(params.name == "params");
    CHECK(params.optional);
    CHECK(params.type.kind == TypeKind::record);
    REQUIRE(params.type.fields.size() == 1);
    CHECK(params.type.fields[0].name == "node_nm");
    CHECK(params.type.fields[0].location.line == 14);
    CHECK(f[9].name == "flags");
    CHECK(f[9].type.kind == TypeKind::list);
    CHECK_FALSE(f[9].type.nonempty);
    CHECK(f[9].type.element->kind == TypeKind::string);
    CHECK(f[10].type.element->kind == TypeKind::list);
    CHECK(f[10].type.element->element->kind == TypeKind::number);
}

TEST_CASE("a schema may be empty and may sit on one line") {
    auto p = parse("module m\nschema s { a: string b: record { c: number } }\n");
    REQUIRE(p.ok());
    REQUIRE(p.module.schemas[0].record.fields.size() == 2);
    CHECK(p.module.schemas[0].record.fields[1].type.fields.at(0).name == "c");
    auto empty = parse("module m\nschema s {}\n");
    REQUIRE(empty.ok());
    CHECK(empty.module.schemas[0].record.fields.empty());
}

TEST_CASE("a field may carry the question for the officer after its type") {
    auto p = parse("module m\n"
                   "schema case {\n"
                   "  contract_date: optional date ask \"When was the contract concluded?\"\n"
                   "  end_use: optional enum {civil, military} ask \"For what use?\"\n"
                   "  items: list of record {\n"
                   "    params: optional record {\n"
                   "      node_nm: optional number\n"
                   "    } ask \"Which \\\"parameters\\\"?\"\n"
                   "  } ask \"Which items?\"\n"
                   "  flags: optional list of string\n"
                   "    ask \"Which flags?\" // on a line of its own\n"
                   "  id: optional string\n"
                   "}\n");
    INFO(render(p.diags));
    REQUIRE(p.ok());
    const auto& f = p.module.schemas.at(0).record.fields;
    REQUIRE(f.size() == 5);
    CHECK(f[0].ask == "When was the contract concluded?");
    CHECK(f[0].ask_location.line == 3);
    CHECK(f[0].ask_location.column == 36);
    CHECK(f[1].ask == "For what use?");
    CHECK(f[2].ask == "Which items?");
    CHECK(f[2].ask_location.line == 9);
    const Field& params = f[2].type.element->fields.at(0);
    CHECK(params.ask == "Which \"parameters\"?");
    CHECK_FALSE(params.type.fields.at(0).ask);
    CHECK(f[3].ask == "Which flags?");
    CHECK(f[3].ask_location.line == 11);
    CHECK_FALSE(f[4].ask);
}

TEST_CASE("`ask` is no keyword: a field and a definition may be called `ask`") {
    auto p = parse("module m\nschema s {\n  a: string\n  ask: optional string ask \"Asked?\"\n"
                   "  b: number\n}\ndef ask = true\n");
    INFO(render(p.diags));
    REQUIRE(p.ok());
    const auto& f = p.module.schemas.at(0).record.fields;
    REQUIRE(f.size() == 3);
    CHECK_FALSE(f[0].ask);
    CHECK(f[1].name == "ask");
    CHECK(f[1].ask == "Asked?");
    CHECK(p.module.defs.at(0).name == "ask");
}

// ---- expressions -----------------------------------------------------------

TEST_CASE("literals: strings, numbers, booleans, dates, sets") {
    CHECK(when_of("\"RU\"") == "\"RU\"");
    CHECK(when_of("16") == "16");
    CHECK(when_of("2.5") == "2.5");
    CHECK(when_of("-3") == "-3");
    CHECK(when_of("true") == "true");
    CHECK(when_of("false") == "false");
    CHECK(when_of("2022-10-07") == "date:2022-10-07");
    CHECK(when_of("2024-02-29") == "date:2024-02-29");
    CHECK(when_of("{\"RU\", \"BY\"}") == "{\"RU\" \"BY\"}");
    CHECK(when_of("{}") == "{}");
}

TEST_CASE("number and date literals carry their values") {
    auto p = parse("module m\nrule r\n  when 2.5 < 2022-10-07\n");
    REQUIRE(p.ok());
    const Expr& e = *p.module.rules[0].when;
    CHECK(e.kids[0]->kind == ExprKind::number);
    CHECK(e.kids[0]->number == 2.5);
    CHECK(e.kids[1]->kind == ExprKind::date);
    CHECK(e.kids[1]->date == date("2022-10-07"));
    CHECK(format_date(e.kids[1]->date) == "2022-10-07");
}

TEST_CASE("string escapes are resolved") {
    auto p = parse("module m\nrule r\n  basis \"a\\\"b\\\\c\\nd\\te\"\n");
    REQUIRE(p.ok());
    CHECK(p.module.rules[0].common.basis == "a\"b\\c\nd\te");
}

TEST_CASE("field access chains from the case, a name or a module") {
    CHECK(when_of("case.items") == "(. case items)");
    CHECK(when_of("item.params.node_nm") == "(. (. item params) node_nm)");
    CHECK(when_of("common.eu27") == "(. common eu27)");
    CHECK(when_of("russia_bound") == "russia_bound");
}

TEST_CASE("a field access points at the whole chain and its name at the field") {
    auto p = parse("module m\nrule r\n  when item.params.node_nm\n");
    REQUIRE(p.ok());
    const Expr& e = *p.module.rules[0].when;
    CHECK(e.location.column == 8);
    CHECK(e.location.length == 19);
    CHECK(e.name_location.column == 20);
}

TEST_CASE("every comparison operator") {
    CHECK(when_of("a == b") == "(== a b)");
    CHECK(when_of("a != b") == "(!= a b)");
    CHECK(when_of("a < b") == "(< a b)");
    CHECK(when_of("a <= b") == "(<= a b)");
    CHECK(when_of("a > b") == "(> a b)");
    CHECK(when_of("a >= b") == "(>= a b)");
    CHECK(when_of("party.country in common.eu27") == "(in (. party country) (. common eu27))");
    CHECK(when_of("\"prior_diversion\" in party.flags") ==
          "(in \"prior_diversion\" (. party flags))");
    CHECK(when_of("case.destination not in eu27") == "(not in (. case destination) eu27)");
    CHECK(when_of("a not   in b") == "(not in a b)");
    CHECK(when_of("item.code under \"3B001\"") == "(under (. item code) \"3B001\")");
    CHECK(when_of("item.cn under chpl") == "(under (. item cn) chpl)");
}

TEST_CASE("a comparison records its operator's location") {
    auto p = parse("module m\nrule r\n  when a not in b\n");
    REQUIRE(p.ok());
    CHECK(p.module.rules[0].when->op == CompareOp::not_in);
    CHECK(p.module.rules[0].when->name_location.column == 10);
}

TEST_CASE("or binds looser than and, and than not, and than comparisons") {
    CHECK(when_of("a or b and c") == "(or a (and b c))");
    CHECK(when_of("a and b or c and d") == "(or (and a b) (and c d))");
    CHECK(when_of("not a and b") == "(and (not a) b)");
    CHECK(when_of("not a == b") == "(not (== a b))");
    CHECK(when_of("not not a") == "(not (not a))");
    CHECK(when_of("a == 1 or b != 2") == "(or (== a 1) (!= b 2))");
}

TEST_CASE("chains of the same operator are one node, parentheses group") {
    CHECK(when_of("a or b or c") == "(or a b c)");
    CHECK(when_of("a and b and c and d") == "(and a b c d)");
    CHECK(when_of("(a or b) and c") == "(and (or a b) c)");
    CHECK(when_of("a and (b and c)") == "(and a (and b c))");
    CHECK(when_of("not (a and b)") == "(not (and a b))");
    CHECK(when_of("((a))") == "a");
}

TEST_CASE("every quantifier binds a name over a list") {
    CHECK(when_of("any item in case.items: known(item.code)") ==
          "(any item (. case items) (known (. item code)))");
    CHECK(when_of("all p in case.parties: p.country in eu27") ==
          "(all p (. case parties) (in (. p country) eu27))");
    CHECK(when_of("none i in case.items: i.code under annex") ==
          "(none i (. case items) (under (. i code) annex))");
    CHECK(when_of("(count p in case.parties: p.role == \"intermediary\") >= 2") ==
          "(>= (count p (. case parties) (== (. p role) \"intermediary\")) 2)");
}

TEST_CASE("a quantifier's body runs to the end of the expression or the closing parenthesis") {
    CHECK(when_of("any x in l: a and b or c") == "(any x l (or (and a b) c))");
    CHECK(when_of("a and any x in l: b or c") == "(and a (any x l (or b c)))");
    CHECK(when_of("a or any x in l: b") == "(or a (any x l b))");
    CHECK(when_of("(any x in l: a) and b") == "(and (any x l a) b)");
    CHECK(when_of("not any x in l: a or b") == "(not (any x l (or a b)))");
    CHECK(when_of("any x in l: all y in x.kids: y == x") ==
          "(any x l (all y (. x kids) (== y x)))");
}

TEST_CASE("a quantifier records its bound name and where it is") {
    auto p = parse("module m\nrule r\n  when any item in case.items: true\n");
    REQUIRE(p.ok());
    const Expr& q = *p.module.rules[0].when;
    CHECK(q.kind == ExprKind::quantifier);
    CHECK(q.quantifier == Quantifier::any);
    CHECK(q.text == "item");
    CHECK(q.location.column == 8);
    CHECK(q.name_location.column == 12);
}

TEST_CASE("known() and calls with arguments") {
    CHECK(when_of("known(case.end_use)") == "(known (. case end_use))");
    CHECK(when_of("advanced_node(item)") == "(call advanced_node item)");
    CHECK(when_of("within(item, 16, \"x\")") == "(call within item 16 \"x\")");
    CHECK(when_of("f()") == "(call f)");
    CHECK(when_of("f(a or b, not c)") == "(call f (or a b) (not c))");
    CHECK(when_of("embargoed(party.country).x") == "(. (call embargoed (. party country)) x)");
}

TEST_CASE("a definition of an imported module is called through its module name") {
    CHECK(when_of("common.annex_i_item(item)") == "(call common.annex_i_item item)");
    CHECK(when_of("not common.f(x) and y") == "(and (not (call common.f x)) y)");
}

TEST_CASE("keywords may name a module and a schema: `import schema`, `schema case`") {
    auto p = parse("module schema\nimport case.record\nschema case {\n  id: string\n}\n"
                   "rule r\n  exception to schema.base\n");
    INFO(render(p.diags));
    REQUIRE(p.ok());
    CHECK(p.module.name == "schema");
    CHECK(p.module.imports.at(0).module == "case.record");
    CHECK(p.module.schemas.at(0).name == "case");
    CHECK(p.module.rules.at(0).exception_to == "schema.base");
}

TEST_CASE("keywords are not names, but may start one") {
    CHECK(when_of("anyone or notable or index") == "(or anyone notable index)");
    CHECK(when_of("case_id == in_force") == "(== case_id in_force)");
}

TEST_CASE("parse_expression reads one expression on its own") {
    Source src("<repl>", "case.destination in {\"RU\", \"BY\"} and known(case.end_use)");
    Diagnostics diags;
    auto e = parse_expression(src, diags);
    INFO(render(diags));
    REQUIRE(e);
    CHECK(sexpr(*e) == "(and (in (. case destination) {\"RU\" \"BY\"}) (known (. case end_use)))");

    Source bad("<repl>", "a and");
    Diagnostics bad_diags;
    CHECK_FALSE(parse_expression(bad, bad_diags));
    CHECK(test::headlines(bad_diags) ==
          std::vector<std::string>{"<repl>:1:6: error[K0201]: expected a condition after `and`"});
}
