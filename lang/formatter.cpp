#include "lang/formatter.hpp"

#include "lang/printer.hpp"
#include "lang/source.hpp"
#include "lang/text_kinds.hpp"

#include <algorithm>
#include <cstdint>
#include <string_view>

namespace kader {

using namespace ast;

namespace {

constexpr std::size_t max_width = 100;
const std::string clause_indent = "  ";
const std::string continuation_indent = "    ";

// One output line of code, with the source lines its content came from:
// comments are put back next to the code they stood next to.
struct Line {
    std::string text;
    std::uint32_t first = 0; // 0: no source (blank lines, lines found nowhere in the source)
    std::uint32_t last = 0;
    std::size_t comment_indent = 0; // of the comments put above it
};

struct LineSpan {
    std::uint32_t first = 0;
    std::uint32_t last = 0;
};

// Columns as a reader counts them: UTF-8 continuation bytes take no room.
std::size_t display_width(std::string_view text) {
    return std::count_if(text.begin(), text.end(),
                         [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

std::string_view trimmed(std::string_view line) {
    std::size_t begin = line.find_first_not_of(" \t");
    return begin == std::string_view::npos ? std::string_view{} : line.substr(begin);
}

bool is_ident_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool starts_with_word(std::string_view text, std::string_view word) {
    return text.substr(0, word.size()) == word &&
           (text.size() == word.size() || !is_ident_char(text[word.size()]));
}

std::size_t doc_line_count(const std::string& doc) {
    return doc.empty() ? 0 : std::count(doc.begin(), doc.end(), '\n') + 1;
}

// The source lines an expression was written on.
void widen(LineSpan& span, const Expr& e) {
    if (e.location.known()) {
        if (!span.first || e.location.line < span.first) span.first = e.location.line;
        span.last = std::max(span.last, e.location.line);
    }
    for (const auto& kid : e.kids)
        widen(span, *kid);
}

LineSpan span_of(const Expr& e) {
    LineSpan span;
    widen(span, e);
    return span;
}

// The declarations' first lines, to know where each one's text ends in the
// source when a clause without a location has to be found by its keyword.
std::vector<std::uint32_t> declaration_lines(const Module& m) {
    std::vector<std::uint32_t> lines;
    if (m.location.known()) lines.push_back(m.location.line);
    for (const auto& i : m.imports)
        lines.push_back(i.location.line);
    for (const auto& s : m.sets)
        lines.push_back(s.location.line);
    for (const auto& d : m.defs)
        lines.push_back(d.location.line);
    for (const auto& r : m.rules)
        lines.push_back(r.location.line);
    for (const auto& t : m.tables)
        lines.push_back(t.location.line);
    for (const auto& s : m.schemas)
        lines.push_back(s.location.line);
    std::sort(lines.begin(), lines.end());
    return lines;
}

// The `///` lines that the parser turned into a declaration's doc: they are
// emitted from `doc`, so as comments they would appear twice.
std::vector<std::uint32_t> doc_lines(const Module& m) {
    std::vector<std::uint32_t> lines;
    auto add = [&](const Location& at, const std::string& doc) {
        std::size_t count = doc_line_count(doc);
        for (std::size_t k = 1; k <= count && k < at.line; ++k)
            lines.push_back(at.line - static_cast<std::uint32_t>(k));
    };
    add(m.location, m.doc);
    for (const auto& s : m.sets)
        add(s.location, s.doc);
    for (const auto& d : m.defs)
        add(d.location, d.doc);
    for (const auto& r : m.rules)
        add(r.location, r.doc);
    for (const auto& t : m.tables)
        add(t.location, t.doc);
    for (const auto& s : m.schemas)
        add(s.location, s.doc);
    std::sort(lines.begin(), lines.end());
    return lines;
}

// The comments the formatter must put back, by line: all but the doc lines.
std::vector<const Comment*> free_comments(const Module& m) {
    std::vector<std::uint32_t> docs = doc_lines(m);
    std::vector<const Comment*> out;
    for (const auto& c : m.comments) {
        bool is_doc = !c.trailing && c.location.column == 1 && c.text.rfind("///", 0) == 0 &&
                      std::binary_search(docs.begin(), docs.end(), c.location.line);
        if (!is_doc) out.push_back(&c);
    }
    std::stable_sort(out.begin(), out.end(), [](const Comment* a, const Comment* b) {
        return a->location.line < b->location.line;
    });
    return out;
}

// ---- expressions -----------------------------------------------------------

bool is_and_or(const Expr& e) {
    return e.kind == ExprKind::and_ || e.kind == ExprKind::or_;
}

// One operand of a top-level `and`/`or`, printed on its own line.
std::string operand_text(const Expr& parent, std::size_t index) {
    std::string text = print(*parent.kids[index]);
    return and_or_operand_parenthesised(parent, index) ? '(' + text + ')' : text;
}

std::string cell_text(const Cell& cell) {
    if (cell.kind == Cell::Kind::any || !cell.value) return "-";
    std::string value = print(*cell.value);
    if (cell.op == CompareOp::eq) return value;
    return std::string(to_string(cell.op)) + ' ' + value;
}

std::string row_output_text(const Row& row) {
    std::string text = std::string("=> ") + to_string(row.verdict);
    if (row.message) text += ' ' + print(*row.message);
    if (row.basis) text += " basis " + quote(*row.basis);
    return text;
}

std::string type_head(const Type& t) {
    std::string head = t.nonempty ? "nonempty " : "";
    switch (t.kind) {
    case TypeKind::enum_: {
        std::string values;
        for (const auto& v : t.enum_values)
            values += (values.empty() ? "" : ", ") + v;
        return head + "enum {" + values + '}';
    }
    case TypeKind::list:
        return head + "list of " + (t.element ? type_head(*t.element) : "string");
    case TypeKind::record:
        return head + (t.fields.empty() ? "record {}" : "record {");
    default:
        return head + kind_keyword(t.kind);
    }
}

// The record whose fields follow a field's line (`list of record {`), if any.
const Type* open_record(const Type& t) {
    if (t.kind == TypeKind::list && t.element) return open_record(*t.element);
    return t.kind == TypeKind::record && !t.fields.empty() ? &t : nullptr;
}

// ---- layout ----------------------------------------------------------------

class Layout {
public:
    Layout(const Module& m, const std::vector<const Comment*>& comments)
        : module_(m), comments_(comments), starts_(declaration_lines(m)) {}

    std::vector<Line> run() {
        module_lines();
        for (const auto& ref : module_.order) {
            blank();
            declaration(ref);
        }
        return std::move(lines_);
    }

private:
    void emit(std::string text, LineSpan span) {
        std::size_t indent = std::min(text.size(), text.find_first_not_of(' '));
        lines_.push_back({std::move(text), span.first, span.last, indent});
    }
    void emit(std::string text, std::uint32_t line) { emit(std::move(text), LineSpan{line, line}); }
    void blank() { lines_.push_back({}); }

    void doc(const std::string& doc, std::uint32_t line) {
        if (doc.empty()) return;
        std::size_t begin = 0;
        while (true) {
            std::size_t end = doc.find('\n', begin);
            std::string_view text = std::string_view(doc).substr(begin, end - begin);
            emit(text.empty() ? "///" : "/// " + std::string(text), line);
            if (end == std::string::npos) break;
            begin = end + 1;
        }
    }

    void module_lines() {
        doc(module_.doc, module_.location.line);
        if (!module_.name.empty()) emit("module " + module_.name, module_.location.line);
        if (!module_.imports.empty()) blank();
        for (const auto& i : module_.imports)
            emit("import " + i.module, i.location.line);
    }

    void declaration(const Module::DeclRef& ref) {
        switch (ref.kind) {
        case Module::DeclKind::set:
            set(module_.sets.at(ref.index));
            break;
        case Module::DeclKind::def:
            def(module_.defs.at(ref.index));
            break;
        case Module::DeclKind::rule:
            rule(module_.rules.at(ref.index));
            break;
        case Module::DeclKind::table:
            table(module_.tables.at(ref.index));
            break;
        case Module::DeclKind::schema:
            schema(module_.schemas.at(ref.index));
            break;
        }
    }

    // ---- where things are in the source ----

    // The source lines of the declaration starting at `line`, for finding
    // the clauses the AST keeps no location for.
    void enter(std::uint32_t line) {
        extent_ = {line, line};
        auto next = std::upper_bound(starts_.begin(), starts_.end(), line);
        std::uint32_t end = next != starts_.end() ? *next - 1 : source_line_count();
        extent_.last = std::max(line, end);
    }

    std::uint32_t source_line_count() const {
        return module_.source ? static_cast<std::uint32_t>(module_.source->line_starts.size()) : 0;
    }

    std::string_view source_line(std::uint32_t line) const {
        return module_.source ? module_.source->line(line) : std::string_view{};
    }

    template <typename Match> std::uint32_t find_line(std::uint32_t from, Match match) const {
        if (!from) return 0;
        for (std::uint32_t l = from; l <= extent_.last; ++l)
            if (match(trimmed(source_line(l)))) return l;
        return 0;
    }

    std::uint32_t keyword_line(std::string_view word) const {
        return find_line(extent_.first,
                         [&](std::string_view t) { return starts_with_word(t, word); });
    }

    // A comment between (or trailing on) source lines [from, to): the
    // formatter breaks the line there, so that the comment keeps its place.
    bool comment_within(std::uint32_t from, std::uint32_t to) const {
        if (!from || !to) return false;
        auto first = std::lower_bound(
            comments_.begin(), comments_.end(), from,
            [](const Comment* c, std::uint32_t line) { return c->location.line < line; });
        return first != comments_.end() && (*first)->location.line < to;
    }

    // ---- clauses ----

    void goal_basis_effective(const Common& c) {
        if (c.goal) emit(clause_indent + "goal " + to_string(*c.goal), c.goal_location.line);
        if (c.basis) emit(clause_indent + "basis " + quote(*c.basis), c.basis_location.line);
        if (c.from || c.until) {
            std::string text = clause_indent + "effective";
            LineSpan span;
            for (const auto* clause : {&c.from, &c.until}) {
                if (!*clause) continue;
                text += clause == &c.from ? " from " : " until ";
                text += format_date((*clause)->date);
                std::uint32_t line = (*clause)->location.line;
                if (!span.first || line < span.first) span.first = line;
                span.last = std::max(span.last, line);
            }
            emit(text, span);
        }
    }

    void review(const Common& c) {
        if (c.review) emit(clause_indent + "review " + quote(*c.review), keyword_line("review"));
    }

    // A comment between two operands of a top-level `and`/`or`: breaking
    // the line there keeps it in place. A comment inside one operand does
    // not count: breaking at the top would not keep it (it goes after the
    // declaration), and a second run, without it, would join the lines again.
    bool comment_between_operands(const Expr& e) const {
        for (std::size_t i = 1; i < e.kids.size(); ++i)
            if (comment_within(span_of(*e.kids[i - 1]).last, span_of(*e.kids[i]).first))
                return true;
        return false;
    }

    // `head` followed by the expression; when the line is too long, or a
    // comment sits between its operands, one line per operand of the
    // top-level `and`/`or`, each starting with its operator.
    void expression_lines(const std::string& head, const Expr& e) {
        LineSpan span = span_of(e);
        std::string one_line = head + print(e);
        bool breaks =
            display_width(one_line) > max_width || (is_and_or(e) && comment_between_operands(e));
        if (!breaks || !is_and_or(e)) {
            emit(one_line, span);
            return;
        }
        const char* op = e.kind == ExprKind::and_ ? "and " : "or ";
        for (std::size_t i = 0; i < e.kids.size(); ++i) {
            std::string text = i == 0 ? head : continuation_indent + op;
            emit(text + operand_text(e, i), span_of(*e.kids[i]));
        }
    }

    std::string message_suffix(const std::optional<Message>& m) const {
        return m ? ' ' + print(*m) : std::string{};
    }

    // ---- declarations ----

    void rule(const Rule& r) {
        enter(r.location.line);
        doc(r.doc, r.location.line);
        emit("rule " + r.name, r.location.line);
        goal_basis_effective(r.common);
        if (r.exception_to)
            emit(clause_indent + "exception to " + *r.exception_to, r.exception_location.line);
        review(r.common);
        if (r.when) expression_lines(clause_indent + "when ", *r.when);
        if (r.verdict) {
            LineSpan span{r.verdict_location.line, r.verdict_location.line};
            if (r.message) span.last = std::max(span.last, r.message->location.line);
            emit(clause_indent + "then " + to_string(*r.verdict) + message_suffix(r.message), span);
        }
        for (const auto& o : r.obligations) {
            LineSpan span{o.location.line, o.message ? o.message->location.line : o.location.line};
            emit(clause_indent + "oblige " + o.name + message_suffix(o.message), span);
        }
    }

    void table(const Table& t) {
        enter(t.location.line);
        doc(t.doc, t.location.line);
        emit("table " + t.name, t.location.line);
        goal_basis_effective(t.common);
        review(t.common);
        if (t.hit_given)
            emit(clause_indent + "hit " + (t.hit == HitPolicy::first ? "first" : "collect"),
                 keyword_line("hit"));
        table_grid(t);
    }

    // The header and the rows, each column padded to its widest cell.
    void table_grid(const Table& t) {
        std::vector<std::vector<std::string>> grid;
        std::vector<std::string> header;
        for (const auto& c : t.columns)
            header.push_back(print(*c));
        header.push_back("=> verdict");
        grid.push_back(std::move(header));
        for (const auto& row : t.rows) {
            std::vector<std::string> cells;
            for (const auto& c : row.cells)
                cells.push_back(cell_text(c));
            cells.push_back(row_output_text(row));
            grid.push_back(std::move(cells));
        }
        std::vector<std::size_t> widths;
        for (const auto& cells : grid)
            for (std::size_t i = 0; i < cells.size(); ++i) {
                if (widths.size() <= i) widths.resize(i + 1, 0);
                widths[i] = std::max(widths[i], display_width(cells[i]));
            }
        std::uint32_t header_line =
            find_line(extent_.first, [](std::string_view t) { return t.substr(0, 1) == "|"; });
        for (std::size_t r = 0; r < grid.size(); ++r) {
            std::string text = clause_indent + "|";
            for (std::size_t i = 0; i < grid[r].size(); ++i) {
                text += ' ' + grid[r][i];
                text += std::string(widths[i] - display_width(grid[r][i]), ' ') + " |";
            }
            emit(text, r == 0 ? header_line : t.rows[r - 1].location.line);
        }
    }

    // Entries filled up to the width, continuation lines aligned after `{`.
    void set(const SetDecl& s) {
        enter(s.location.line);
        doc(s.doc, s.location.line);
        std::string head = "set " + s.name;
        if (s.element) {
            Type element;
            element.kind = *s.element;
            head += ": " + type_head(element);
        }
        head += " = ";
        if (s.load_path) {
            emit(head + "load " + quote(*s.load_path), s.location.line);
            return;
        }
        head += '{';
        if (s.entries.empty()) {
            emit(head + '}', s.location.line);
            return;
        }
        const std::string indent(display_width(head), ' ');
        auto entry_line = [&](std::size_t i) {
            return i < s.entry_locations.size() ? s.entry_locations[i].line : 0;
        };
        std::string text = head;
        LineSpan span{s.location.line, s.location.line};
        for (std::size_t i = 0; i < s.entries.size(); ++i) {
            std::string piece = quote(s.entries[i]) + (i + 1 == s.entries.size() ? "}" : ",");
            if (i > 0) {
                bool full = display_width(text) + 1 + display_width(piece) > max_width;
                if (full || comment_within(entry_line(i - 1), entry_line(i))) {
                    emit(text, span);
                    text = indent;
                    span = {entry_line(i), entry_line(i)};
                } else {
                    text += ' ';
                }
            }
            text += piece;
            span.last = std::max(span.last, entry_line(i));
        }
        emit(text, span);
    }

    void def(const Def& d) {
        enter(d.location.line);
        doc(d.doc, d.location.line);
        std::string head = "def " + d.name;
        if (!d.params.empty()) {
            head += '(';
            for (std::size_t i = 0; i < d.params.size(); ++i)
                head += (i ? ", " : "") + d.params[i].name;
            head += ')';
        }
        emit(head + " =", d.location.line);
        if (d.body) expression_lines(clause_indent, *d.body);
    }

    void schema(const Schema& s) {
        enter(s.location.line);
        doc(s.doc, s.location.line);
        if (s.record.fields.empty()) {
            emit("schema " + s.name + " {}", s.location.line);
            return;
        }
        emit("schema " + s.name + " {", s.location.line);
        fields(s.record.fields, 1);
        std::uint32_t line = closer_line(s.record.fields, s.location.line);
        closer("}", {line, line});
    }

    // A record's `}`: the comments above it belong to the fields.
    void closer(const std::string& text, LineSpan span) {
        emit(text, span);
        lines_.back().comment_indent += clause_indent.size();
    }

    // A field's question goes after its type: on the field's line, or after
    // the `}` that closes its record. Its source line joins the line it is
    // written on, so that a comment trailing it stays with it.
    static std::string ask_text(const Field& f) {
        return f.ask ? " ask " + quote(*f.ask) : std::string{};
    }

    static LineSpan with_ask(LineSpan span, const Field& f) {
        if (!f.ask || !f.ask_location.known()) return span;
        if (!span.first) span.first = f.ask_location.line;
        span.last = std::max(span.last, f.ask_location.line);
        return span;
    }

    void fields(const std::vector<Field>& fields, std::size_t depth) {
        const std::string indent(2 * depth, ' ');
        for (const auto& f : fields) {
            std::string text =
                indent + f.name + ": " + (f.optional ? "optional " : "") + type_head(f.type);
            const Type* record = open_record(f.type);
            if (!record) {
                emit(text + ask_text(f), with_ask({f.location.line, f.location.line}, f));
                continue;
            }
            emit(text, f.location.line);
            this->fields(record->fields, depth + 1);
            std::uint32_t line = closer_line(record->fields, f.location.line);
            closer(indent + "}" + ask_text(f), with_ask({line, line}, f));
        }
    }

    // Where a record ends in the source: the line of its `}` when that
    // stands first on its line after the fields (and any comments), as the
    // formatter writes it, else 0; and the last line of its text.
    struct RecordEnd {
        std::uint32_t closer = 0;
        std::uint32_t last = 0;
    };

    RecordEnd record_end(const std::vector<Field>& fields, std::uint32_t open_line) const {
        std::uint32_t content = open_line;
        if (!fields.empty()) {
            const Field& last = fields.back();
            content = last.location.line;
            if (const Type* record = open_record(last.type))
                content = record_end(record->fields, last.location.line).last;
            if (last.ask && last.ask_location.known())
                content = std::max(content, last.ask_location.line);
        }
        std::uint32_t closer = content ? line_starting_with_brace(content + 1) : 0;
        return {closer, closer ? closer : content};
    }

    std::uint32_t closer_line(const std::vector<Field>& fields, std::uint32_t open_line) const {
        return record_end(fields, open_line).closer;
    }

    // The first line from `from` on that is not blank or a comment, if it
    // starts with `}`.
    std::uint32_t line_starting_with_brace(std::uint32_t from) const {
        for (std::uint32_t l = from; l <= extent_.last; ++l) {
            std::string_view t = trimmed(source_line(l));
            if (t.empty() || t.substr(0, 2) == "//") continue;
            return t.substr(0, 1) == "}" ? l : 0;
        }
        return 0;
    }

    const Module& module_;
    const std::vector<const Comment*>& comments_;
    std::vector<std::uint32_t> starts_;
    LineSpan extent_;
    std::vector<Line> lines_;
};

// ---- comments --------------------------------------------------------------

class Weaver {
public:
    Weaver(const Module& m, const std::vector<Line>& lines,
           const std::vector<const Comment*>& comments)
        : module_(m), lines_(lines), trailing_(lines.size()) {
        std::vector<std::size_t> holder = last_line_holding(lines);
        for (const Comment* c : comments) {
            std::uint32_t at = c->location.line;
            if (c->trailing && at < holder.size() && holder[at] < lines.size())
                trailing_[holder[at]].push_back(c);
            else
                pending_.push_back(c);
        }
    }

    std::string run() {
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            const Line& line = lines_[i];
            if (line.first) flush(line.first, std::string(line.comment_indent, ' '));
            out_ += line.text;
            for (const Comment* c : trailing_[i])
                out_ += ' ' + c->text;
            out_ += '\n';
        }
        flush_rest();
        return std::move(out_);
    }

private:
    // For each source line, the last output line holding code of it: a
    // trailing comment goes to the end of that line. lines.size() for none.
    static std::vector<std::size_t> last_line_holding(const std::vector<Line>& lines) {
        std::uint32_t max_line = 0;
        for (const auto& l : lines)
            max_line = std::max(max_line, l.last);
        std::vector<std::size_t> holder(max_line + 1, lines.size());
        for (std::size_t i = 0; i < lines.size(); ++i)
            if (lines[i].first)
                for (std::uint32_t l = lines[i].first; l <= lines[i].last; ++l)
                    holder[l] = i;
        return holder;
    }

    bool blank_in_source(std::uint32_t line) const {
        if (!module_.source || line == 0 || line > module_.source->line_starts.size()) return false;
        return trimmed(module_.source->line(line)).empty();
    }

    bool last_output_blank() const { return out_.size() >= 2 && out_.ends_with("\n\n"); }

    // Comments written before source line `before` go on their own lines,
    // indented like the code that follows them; blank lines between and
    // after them in the source are kept.
    void flush(std::uint32_t before, const std::string& indent) {
        if (!flush_comments(before, indent)) return;
        const Comment* last = pending_[next_ - 1];
        // A `///` line right above a declaration would become its doc.
        bool glues_to_doc = indent.empty() && last->text.rfind("///", 0) == 0;
        if (blank_in_source(last->location.line + 1) || glues_to_doc) out_ += '\n';
    }

    // What is left after the last line of code ends the file.
    void flush_rest() { flush_comments(UINT32_MAX, ""); }

    bool flush_comments(std::uint32_t before, const std::string& indent) {
        std::size_t count = 0;
        while (next_ < pending_.size() && pending_[next_]->location.line < before) {
            const Comment* c = pending_[next_++];
            if (count++ && blank_in_source(c->location.line - 1) && !last_output_blank())
                out_ += '\n';
            out_ += indent + c->text + '\n';
        }
        return count > 0;
    }

    const Module& module_;
    const std::vector<Line>& lines_;
    std::vector<std::vector<const Comment*>> trailing_;
    std::vector<const Comment*> pending_;
    std::size_t next_ = 0;
    std::string out_;
};

} // namespace

std::string format_module(const Module& module) {
    std::vector<const Comment*> comments = free_comments(module);
    std::vector<Line> lines = Layout(module, comments).run();
    return Weaver(module, lines, comments).run();
}

} // namespace kader
