// The rule reference: the checked rule set in Markdown, for the people who
// answer for it. It shows the rules as written (definitions and table cells
// are printed back as Kader source), the data behind every set with its
// provenance, and every point still marked for review, so that an audit of
// the law does not need the rule files open beside it.
//
// Anchors are explicit `<a id>` elements: GitHub ignores `{#id}` after a
// heading and makes its own slugs, which drop the dots of qualified names.
#include "interpreter/render_reference.hpp"

#include "lang/printer.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <optional>
#include <string_view>
#include <vector>

namespace kader {

namespace {

// Sets with more entries than this are folded away: a reader scanning the
// module wants the set's meaning first and its hundred codes on request.
constexpr std::size_t entries_shown_open = 12;
// As the formatter: a definition longer than this is broken at its top-level
// `and`/`or`, so that it reads as it does in the rule file.
constexpr std::size_t max_width = 100;
const std::string clause_indent = "  ";
const std::string continuation_indent = "    ";

// ---- Markdown pieces --------------------------------------------------------

// The longest run of backticks in `text`: a code fence must be longer, or
// a backtick in the text would end the code early.
std::size_t longest_backtick_run(std::string_view text) {
    std::size_t longest = 0, run = 0;
    for (char c : text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

// `text` as inline code.
std::string code(std::string_view text) {
    std::size_t longest = longest_backtick_run(text);
    std::string fence(longest + 1, '`');
    std::string pad = longest > 0 ? " " : ""; // a backtick next to the fence would join it
    return fence + pad + std::string(text) + pad + fence;
}

// A fenced block of Kader source.
std::string kader_block(std::string_view text) {
    std::string fence(std::max<std::size_t>(3, longest_backtick_run(text) + 1), '`');
    return fence + "kader\n" + std::string(text) + '\n' + fence + "\n\n";
}

// Table cells must not break the Markdown table: GitHub reads `\|` as a
// pipe even inside inline code, and a new line would end the row.
std::string cell(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n')
            out += ' ';
        else
            out += c;
    }
    return out;
}

std::string anchor(const std::string& id) {
    return fmt::format("<a id=\"{}\"></a>\n", id);
}

std::string link(const std::string& text, const std::string& id) {
    return fmt::format("[{}](#{})", text, id);
}

// A doc comment as a paragraph; nothing when there is none.
std::string paragraph(const std::string& doc) {
    return doc.empty() ? std::string{} : doc + "\n\n";
}

// ---- anchors ----------------------------------------------------------------

std::string qualified(const std::string& module, const std::string& name) {
    return module + '.' + name;
}

std::string module_anchor(const std::string& module) {
    return "module-" + module;
}

const std::string review_anchor = "needs-review";

// A table row has no section of its own: it links to its table.
std::string rule_anchor(const Program& p, const RuleInfo& r) {
    if (r.table >= 0) return "table-" + p.tables[static_cast<std::size_t>(r.table)].id;
    return "rule-" + r.id;
}

// ---- words for values -------------------------------------------------------

std::string period(std::optional<ast::Days> from, std::optional<ast::Days> until) {
    if (!from && !until) return "always";
    std::string out;
    if (from) out += "from " + ast::format_date(*from);
    if (until) out += (out.empty() ? "" : " ") + std::string("until ") + ast::format_date(*until);
    return out;
}

std::string period(const ast::Common& c) {
    return period(c.from ? std::optional(c.from->date) : std::nullopt,
                  c.until ? std::optional(c.until->date) : std::nullopt);
}

const char* type_keyword(ast::TypeKind k) {
    switch (k) {
    case ast::TypeKind::string:
        return "string";
    case ast::TypeKind::number:
        return "number";
    case ast::TypeKind::boolean:
        return "boolean";
    case ast::TypeKind::date:
        return "date";
    case ast::TypeKind::country:
        return "country";
    case ast::TypeKind::code:
        return "code";
    case ast::TypeKind::eccn:
        return "eccn";
    case ast::TypeKind::cn:
        return "cn";
    case ast::TypeKind::enum_:
        return "enum";
    case ast::TypeKind::list:
        return "list";
    case ast::TypeKind::record:
        return "record";
    }
    return "string";
}

// A schema type in words: `nonempty list of record`, `enum: `a`, `b``. The
// fields of a record are listed under it, not here.
std::string type_words(const ast::Type& t) {
    std::string head = t.nonempty ? "nonempty " : "";
    switch (t.kind) {
    case ast::TypeKind::enum_: {
        std::string values;
        for (const auto& v : t.enum_values)
            values += (values.empty() ? "" : ", ") + code(v);
        return head + "one of " + values;
    }
    case ast::TypeKind::list:
        return head + "list of " + (t.element ? type_words(*t.element) : "string");
    default:
        return head + type_keyword(t.kind);
    }
}

// The record whose fields a field's type lists (`list of record {...}`).
const ast::Type* record_of(const ast::Type& t) {
    if (t.kind == ast::TypeKind::list && t.element) return record_of(*t.element);
    return t.kind == ast::TypeKind::record ? &t : nullptr;
}

std::string cell_text(const ast::Cell& c) {
    if (c.kind == ast::Cell::Kind::any || !c.value) return "-";
    std::string value = print(*c.value);
    if (c.op != ast::CompareOp::eq) value = std::string(to_string(c.op)) + ' ' + value;
    return code(value);
}

std::string message_text(const std::optional<ast::Message>& m) {
    return m ? m->raw : std::string{};
}

// ---- the case schema --------------------------------------------------------

// A field's line, and under it (a hard line break, `\` at the end of the
// line, keeps it in the same list item) the question an officer sends the
// exporter when the fact is missing.
void field_list(const std::vector<ast::Field>& fields, std::size_t depth, std::string& out) {
    std::string indent(2 * depth, ' ');
    for (const auto& f : fields) {
        out += fmt::format("{}- {}{}: {}", indent, code(f.name), f.optional ? " *(optional)*" : "",
                           type_words(f.type));
        if (f.ask) out += fmt::format("\\\n{}  Question: {}", indent, cell(*f.ask));
        out += '\n';
        if (const ast::Type* record = record_of(f.type)) field_list(record->fields, depth + 1, out);
    }
}

void schema_section(const std::string& module, const ast::Schema& s, std::string& out) {
    out += anchor("schema-" + qualified(module, s.name));
    out += fmt::format("### {} schema\n\n", s.name == "case" ? "Case" : code(s.name));
    out += paragraph(s.doc);
    out += "A field marked optional may be absent from a case; a rule then treats it as "
           "unknown.\n\n";
    field_list(s.record.fields, 0, out);
    out += '\n';
}

// ---- definitions ------------------------------------------------------------

std::string signature(const ast::Def& d) {
    std::string text = d.name;
    if (d.params.empty()) return text;
    text += '(';
    for (std::size_t i = 0; i < d.params.size(); ++i)
        text += (i ? ", " : "") + d.params[i].name;
    return text + ')';
}

std::size_t display_width(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

// The definition as the formatter lays it out: one line, or one operand of
// its top-level `and`/`or` per line when that line would be too long.
std::string definition_source(const ast::Def& d) {
    std::string text = "def " + signature(d) + " =";
    if (!d.body) return text;
    const ast::Expr& body = *d.body;
    std::string one_line = clause_indent + print(body);
    bool and_or = body.kind == ast::ExprKind::and_ || body.kind == ast::ExprKind::or_;
    if (display_width(one_line) <= max_width || !and_or) return text + '\n' + one_line;
    const char* op = body.kind == ast::ExprKind::and_ ? "and " : "or ";
    for (std::size_t i = 0; i < body.kids.size(); ++i) {
        std::string operand = print(*body.kids[i]);
        if (and_or_operand_parenthesised(body, i)) operand = '(' + operand + ')';
        text += '\n' + (i == 0 ? clause_indent : continuation_indent + op) + operand;
    }
    return text;
}

void definition_section(const std::string& module, const ast::Def& d, std::string& out) {
    out += anchor("def-" + qualified(module, d.name));
    out += fmt::format("#### {}\n\n", code(qualified(module, signature(d))));
    out += paragraph(d.doc);
    out += kader_block(definition_source(d));
    out += fmt::format("Defined at {}\n\n", to_string(d.location));
}

// ---- sets -------------------------------------------------------------------

std::vector<std::string> sorted_entries(const NamedSet& s) {
    std::vector<std::string> entries = s.entries.texts();
    std::sort(entries.begin(), entries.end());
    return entries;
}

// The entries themselves, folded when there are many: the count says how
// big the set is, the list lets an auditor check it against the annex.
void entry_list(const NamedSet& s, std::string& out) {
    std::vector<std::string> entries = sorted_entries(s);
    if (entries.empty()) return;
    std::string list;
    for (const auto& e : entries)
        list += (list.empty() ? "" : ", ") + code(e);
    if (entries.size() <= entries_shown_open) {
        out += "Entries: " + list + "\n\n";
        return;
    }
    out += fmt::format("<details><summary>{} entries</summary>\n\n{}\n\n</details>\n\n",
                       entries.size(), list);
}

void set_facts(const ast::SetDecl& decl, const NamedSet& s, std::string& out) {
    out += "| | |\n|---|---|\n";
    if (decl.element) out += fmt::format("| element type | {} |\n", type_keyword(*decl.element));
    if (!s.data_file.empty()) out += fmt::format("| data file | {} |\n", cell(code(s.data_file)));
    if (!s.source.empty()) out += fmt::format("| source of the data | {} |\n", cell(s.source));
    if (!s.reliability.empty()) out += fmt::format("| reliability | {} |\n", cell(s.reliability));
    out += fmt::format("| entries | {} |\n", s.entries.size());
    out += fmt::format("| defined at | {} |\n\n", to_string(decl.location));
}

void set_section(const std::string& module, const ast::SetDecl& decl, const NamedSet* s,
                 std::string& out) {
    out += anchor("set-" + qualified(module, decl.name));
    out += fmt::format("#### {}\n\n", code(qualified(module, decl.name)));
    out += paragraph(decl.doc);
    if (!s) return; // a set that did not load has nothing more to show
    set_facts(decl, *s, out);
    entry_list(*s, out);
}

// ---- tables -----------------------------------------------------------------

void table_facts(const ast::Table& t, std::string& out) {
    const ast::Common& c = t.common;
    out += "| | |\n|---|---|\n";
    if (c.goal) out += fmt::format("| goal | {} |\n", ast::to_string(*c.goal));
    if (c.basis) out += fmt::format("| basis | {} |\n", cell(*c.basis));
    out += fmt::format("| effective | {} |\n", period(c));
    if (c.review) out += fmt::format("| needs review | {} |\n", cell(*c.review));
    out += fmt::format("| hit policy | {} |\n", t.hit == ast::HitPolicy::first
                                                    ? "first: only the first matching row applies"
                                                    : "collect: every matching row applies");
    out += fmt::format("| defined at | {} |\n\n", to_string(t.location));
}

// One column per input column, headed by its expression, then the outcome.
// The row number is the `#N` by which explanations name the row.
void table_grid(const ast::Table& t, std::string& out) {
    std::string header = "| row |", rule = "|---|";
    for (const auto& column : t.columns) {
        header += fmt::format(" {} |", cell(code(print(*column))));
        rule += "---|";
    }
    out += header + " verdict | message |\n" + rule + "---|---|\n";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const ast::Row& row = t.rows[r];
        std::string line = fmt::format("| {} |", r + 1);
        for (const auto& c : row.cells)
            line += fmt::format(" {} |", cell(cell_text(c)));
        out += fmt::format("{} {} | {} |\n", line, ast::to_string(row.verdict),
                           cell(message_text(row.message)));
    }
    out += '\n';
}

void table_section(const std::string& module, const ast::Table& t, std::string& out) {
    out += anchor("table-" + qualified(module, t.name));
    out += fmt::format("#### {}\n\n", code(qualified(module, t.name)));
    out += paragraph(t.doc);
    table_facts(t, out);
    table_grid(t, out);
}

// ---- rules ------------------------------------------------------------------

// The rule as written, for its messages: the checked rule keeps them split
// into parts for evaluation.
const ast::Rule* written_rule(const ModuleInfo& m, const RuleInfo& r) {
    if (!m.ast) return nullptr;
    std::string name = r.id.substr(m.name.size() + 1);
    for (const auto& rule : m.ast->rules)
        if (rule.name == name) return &rule;
    return nullptr;
}

void rule_outcome(const RuleInfo& r, const ast::Rule* written, std::string& out) {
    out += fmt::format("| verdict | {} |\n",
                       r.verdict ? ast::to_string(*r.verdict) : "(obligations only)");
    if (written && written->message)
        out += fmt::format("| message | {} |\n", cell(written->message->raw));
    for (std::size_t i = 0; i < r.obligations.size(); ++i) {
        std::string message;
        if (written && i < written->obligations.size())
            message = message_text(written->obligations[i].message);
        out += fmt::format("| obligation | {}{}{} |\n", code(r.obligations[i].name),
                           message.empty() ? "" : ": ", cell(message));
    }
}

void rule_section(const Program& p, const ModuleInfo& m, const RuleInfo& r, std::string& out) {
    out += anchor(rule_anchor(p, r));
    out += fmt::format("#### {}\n\n", code(r.id));
    out += paragraph(r.doc);
    out += "| | |\n|---|---|\n";
    out += fmt::format("| goal | {} |\n", ast::to_string(r.goal));
    rule_outcome(r, written_rule(m, r), out);
    out += fmt::format("| basis | {} |\n", cell(r.basis));
    out += fmt::format("| effective | {} |\n", period(r.from, r.until));
    if (r.exception_to >= 0) {
        const RuleInfo& base = p.rules[static_cast<std::size_t>(r.exception_to)];
        out += fmt::format("| exception to | {} |\n", link(code(base.id), rule_anchor(p, base)));
    }
    if (r.review) out += fmt::format("| needs review | {} |\n", cell(*r.review));
    out += fmt::format("| condition | {} |\n", cell(code(p.node(r.when).source)));
    out += fmt::format("| defined at | {} |\n\n", to_string(r.location));
}

// ---- modules ----------------------------------------------------------------

// A kind of declaration under its own heading, left out when the module has none.
template <typename Items, typename Render>
void subsection(const char* title, const Items& items, Render render, std::string& out) {
    if (items.empty()) return;
    out += fmt::format("### {}\n\n", title);
    for (std::size_t i = 0; i < items.size(); ++i)
        render(i, items[i]);
}

void declarations(const Program& p, const ModuleInfo& m, std::string& out) {
    const ast::Module& a = *m.ast;
    for (const auto& s : a.schemas)
        schema_section(m.name, s, out);
    subsection(
        "Definitions", a.defs,
        [&](std::size_t, const ast::Def& d) { definition_section(m.name, d, out); }, out);
    subsection(
        "Sets", a.sets,
        [&](std::size_t i, const ast::SetDecl& s) {
            int index = i < m.set_index.size() ? m.set_index[i] : -1;
            set_section(m.name, s, index >= 0 ? &p.sets[static_cast<std::size_t>(index)] : nullptr,
                        out);
        },
        out);
    subsection(
        "Tables", a.tables,
        [&](std::size_t, const ast::Table& t) { table_section(m.name, t, out); }, out);
}

// Rules in id order, as explanations list them; table rows are shown in
// their table, not again here.
void rules_subsection(const Program& p, const ModuleInfo& m, std::string& out) {
    std::vector<const RuleInfo*> rules;
    for (int r : m.rules)
        if (p.rules[static_cast<std::size_t>(r)].table < 0)
            rules.push_back(&p.rules[static_cast<std::size_t>(r)]);
    subsection(
        "Rules", rules, [&](std::size_t, const RuleInfo* r) { rule_section(p, m, *r, out); }, out);
}

void module_section(const Program& p, const ModuleInfo& m, std::string& out) {
    out += '\n' + anchor(module_anchor(m.name));
    out += fmt::format("## Module {}\n\n", code(m.name));
    out += paragraph(m.doc);
    if (m.ast) declarations(p, m, out);
    rules_subsection(p, m, out);
}

// ---- the review list --------------------------------------------------------

// Every rule or table that rests on an unverified point, once each: the rows
// of a table share its note.
std::vector<const RuleInfo*> reviewed_rules(const Program& p) {
    std::vector<const RuleInfo*> out;
    for (const auto& r : p.rules)
        if (r.review && (r.table < 0 || r.row == 1)) out.push_back(&r);
    return out;
}

std::string reviewed_name(const Program& p, const RuleInfo& r) {
    if (r.table < 0) return code(r.id);
    return code(p.tables[static_cast<std::size_t>(r.table)].id) + " (table)";
}

void review_section(const Program& p, const std::vector<const RuleInfo*>& reviewed,
                    std::string& out) {
    out += '\n' + anchor(review_anchor) + "## Needs review\n\n";
    if (reviewed.empty()) {
        out += "No rule carries a `review` note.\n";
        return;
    }
    out += "Every `review` note of the rule set in one place: the points the rules rest on "
           "that are not verified yet.\n\n";
    for (const RuleInfo* r : reviewed)
        out +=
            fmt::format("- {}: {}\n", link(reviewed_name(p, *r), rule_anchor(p, *r)), *r->review);
}

void contents(const Program& p, std::size_t reviews, std::string& out) {
    out += "## Contents\n\n";
    for (const auto& m : p.modules)
        out += fmt::format("- {}\n", link(code(m.name), module_anchor(m.name)));
    out += fmt::format("- {} ({} {})\n", link("Needs review", review_anchor), reviews,
                       reviews == 1 ? "note" : "notes");
}

} // namespace

std::string render_reference(const Program& p) {
    std::string out = "# Rule reference\n\nGenerated by `kader doc` from the rule files; do not "
                      "edit by hand.\n\n";
    out += fmt::format("Rule set fingerprint: `{}`\n\n", p.fingerprint);
    std::vector<const RuleInfo*> reviewed = reviewed_rules(p);
    contents(p, reviewed.size(), out);
    for (const auto& m : p.modules)
        module_section(p, m, out);
    review_section(p, reviewed, out);
    return out;
}

} // namespace kader
