// The memo's outline: its sections, in order, written to a Document.
#include "interpreter/memo_document.hpp"

#include "interpreter/eurlex.hpp"
#include "lang/ast.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <map>
#include <tuple>

namespace kader {

namespace memo {

// ---------------------------------------------------------------------------
// The memo's outline, written once against a small document interface that
// the Markdown and the HTML writer implement: headings, paragraphs, lists
// (with one level of sub-items) and tables of inline text.

namespace {

Piece plain(std::string s) {
    return {Piece::Kind::plain, std::move(s), {}};
}
Piece code(std::string s) {
    return {Piece::Kind::code, std::move(s), {}};
}
Piece strong(std::string s) {
    return {Piece::Kind::strong, std::move(s), {}};
}
Piece verdict(std::string s) {
    return {Piece::Kind::verdict, std::move(s), {}};
}

Text operator+(Text a, const Text& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// A legal basis with each EU act it cites linked to EUR-Lex.
Text cited(const std::string& basis) {
    Text out;
    for (auto& piece : link_eu_acts(basis))
        out.push_back(piece.url.empty()
                          ? plain(std::move(piece.text))
                          : Piece{Piece::Kind::link, std::move(piece.text), std::move(piece.url)});
    return out;
}

Text field(const char* label, Text value) {
    return value.empty() ? Text{strong(label)} : Text{strong(label), plain(" ")} + value;
}

Text codes(const std::vector<std::string>& names) {
    Text out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out.push_back(plain(i + 1 == names.size() ? " and " : ", "));
        out.push_back(code(names[i]));
    }
    return out;
}

Text shown(const MemoFact& f) {
    return f.missing ? Text{code(f.path), plain(": missing")}
                     : Text{code(f.path), plain(" = " + f.value)};
}

// What set the verdict, for the summary: the deciding provisions, or why none did.
Text decided_by(const Memo& m) {
    Text out;
    for (const auto& p : m.provisions) {
        if (!p.deciding) continue;
        if (!out.empty()) out.push_back(plain("; "));
        out = out + cited(provision_of(p.basis)) + Text{plain(" ("), code(p.rule), plain(")")};
    }
    if (!out.empty()) return out;
    if (m.provisions.empty()) return {plain("no rule applies")};
    return {plain(m.verdict == "allow" ? "no rule that applied concludes more than allow"
                                       : "no rule that applied concludes " + m.verdict)};
}

void write_summary(const Memo& m, Document& doc) {
    doc.heading(1, {plain(memo_title(m))});
    std::string verdict_line = upper_case(m.verdict) + (m.incomplete ? " (incomplete)" : "");
    doc.list({{field("Verdict:", {verdict(verdict_line)})},
              {field("Decided by:", decided_by(m))},
              {field("As of:", {plain(m.as_of)})},
              {field("Rule set:", {code(m.fingerprint)})},
              {field("Modules:", codes(m.modules))}},
             false);
    if (m.incomplete)
        doc.paragraph({strong("Incomplete."),
                       plain(" The verdict is the verdict on the facts that are known. The facts "
                             "listed under Missing facts could still change it.")});
    doc.heading(2, {plain("Verdict per goal")});
    std::vector<std::vector<Text>> rows;
    for (const auto& [goal, v] : m.goals)
        rows.push_back({{code(goal)}, {verdict(v)}});
    doc.table({"Goal", "Verdict"}, rows);
}

Text status_of(const MemoProvision& p) {
    if (!p.verdict) return {plain("none: the rule imposes obligations only")};
    Text out{verdict(*p.verdict)};
    if (p.deciding) out.push_back(plain(" (deciding)"));
    if (!p.overridden_by.empty())
        out = out + Text{plain(" (overridden by ")} + codes(p.overridden_by) + Text{plain(")")};
    return out;
}

void write_provision(std::size_t n, const MemoProvision& p, Document& doc) {
    doc.begin_group(p.deciding ? "provision deciding" : "provision");
    doc.heading(3, Text{plain(fmt::format("{}. ", n))} + cited(provision_of(p.basis)));
    std::vector<Item> items{{field("Basis:", cited(p.basis))},
                            {field("Rule:", {code(p.rule)})},
                            {field("Goal:", {code(p.goal)})},
                            {field("Verdict:", status_of(p))}};
    if (!p.message.empty()) items.push_back({field("Message:", {plain(p.message)})});
    items.push_back({field("Source:", {code(p.location)})});
    Item facts{field("Facts that made it apply:",
                     p.facts.empty() ? Text{plain("none read by the rule itself")} : Text{})};
    for (const auto& f : p.facts)
        facts.sub.push_back(shown(f));
    items.push_back(std::move(facts));
    doc.list(items, false);
    doc.end_group();
}

void write_provisions(const Memo& m, Document& doc) {
    doc.heading(2, {plain("Provisions that applied")});
    if (m.provisions.empty()) doc.paragraph({plain("No rule applied.")});
    for (std::size_t i = 0; i < m.provisions.size(); ++i)
        write_provision(i + 1, m.provisions[i], doc);
}

// `rule` and its provision, so that a reader sees what each rule stands for.
Text rule_cited(const Memo& m, const std::string& rule) {
    const MemoProvision* p = m.provision(rule);
    if (!p) return {code(rule)};
    return Text{code(rule), plain(": ")} + cited(provision_of(p->basis));
}

void write_exceptions(const Memo& m, Document& doc) {
    doc.heading(2, {plain("Exceptions considered")});
    if (m.overrides.empty()) return doc.paragraph({plain("No exception replaced a rule.")});
    std::vector<Item> items;
    for (const auto& o : m.overrides) {
        Item item{field("Overridden:", rule_cited(m, o.rule))};
        for (const auto& by : o.by)
            item.sub.push_back(field("by", rule_cited(m, by)));
        if (o.conflict)
            item.sub.push_back({plain("conflict: the exceptions disagree; the most severe wins")});
        items.push_back(std::move(item));
    }
    doc.list(items, false);
}

void write_obligations(const Memo& m, Document& doc) {
    doc.heading(2, {plain("Obligations")});
    if (m.obligations.empty()) return doc.paragraph({plain("None.")});
    std::vector<Item> items;
    for (const auto& o : m.obligations)
        items.push_back({Text{code(o.name), plain(": " + o.message)},
                         {field("Imposed by:", {code(o.rule)}), field("Basis:", cited(o.basis))}});
    doc.list(items, false);
}

Text movement(const MemoQuestion& q) {
    Text out{plain("could ")};
    if (q.could_raise_to)
        out = out + Text{plain("raise the verdict to "), verdict(*q.could_raise_to)};
    if (q.could_raise_to && q.could_lower_to) out.push_back(plain(" or "));
    if (q.could_lower_to)
        out = out + Text{plain("lower the verdict to "), verdict(*q.could_lower_to)};
    if (!q.could_raise_to && !q.could_lower_to) out.push_back(plain("change the verdict"));
    return out;
}

void write_questions(const Memo& m, Document& doc) {
    doc.heading(2, {plain("Missing facts")});
    if (m.questions.empty())
        return doc.paragraph(
            {plain("None: no fact missing from the case could change the verdict.")});
    doc.paragraph({plain("Questions for the exporter, the most decisive first:")});
    std::vector<Item> items;
    for (const auto& q : m.questions)
        items.push_back({{plain(q.question)},
                         {field("Fact:", {code(q.path)}), field("Effect:", movement(q)),
                          field("Rules that need it:", codes(q.rules))}});
    doc.list(items, true);
}

void write_reviews(const Memo& m, Document& doc) {
    doc.heading(2, {plain("Review notes")});
    std::vector<Item> items;
    std::map<std::string, std::pair<const MemoSetReview*, std::vector<std::string>>> sets;
    for (const auto& p : m.provisions) {
        if (p.review) items.push_back({Text{code(p.rule), plain(": " + *p.review)}});
        for (const auto& s : p.set_reviews) {
            auto& entry = sets[s.set];
            if (!entry.first) entry.first = &s;
            entry.second.push_back(p.rule);
        }
    }
    for (const auto& [name, entry] : sets)
        items.push_back(
            {Text{plain("data set "), code(name), plain(" ("), code(entry.first->data_file),
                  plain("): " + entry.first->reliability)},
             {field("Relied on by:", codes(entry.second))}});
    if (items.empty())
        return doc.paragraph({plain("None: no rule that applied carries a review note.")});
    doc.paragraph({plain("Points the rule authors could not confirm; check them before relying on "
                         "the verdict:")});
    doc.list(items, false);
}

void write_facts(const Memo& m, Document& doc) {
    doc.heading(2, {plain("Facts relied on")});
    if (m.facts.empty()) return doc.paragraph({plain("No fact of the case was read.")});
    std::vector<std::vector<Text>> rows;
    for (const auto& f : m.facts)
        rows.push_back({{code(f.path)}, {plain(f.missing ? "missing" : f.value)}});
    doc.table({"Fact", "Value"}, rows);
}

} // namespace

std::string upper_case(std::string s) {
    for (auto& c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// "Decision memo: case EX-02", the memo's heading and the page's title.
std::string memo_title(const Memo& m) {
    return "Decision memo: case " + (m.case_id.empty() ? "without an id" : m.case_id);
}

void write_memo(const Memo& m, Document& doc) {
    write_summary(m, doc);
    write_provisions(m, doc);
    write_exceptions(m, doc);
    write_obligations(m, doc);
    write_questions(m, doc);
    write_reviews(m, doc);
    write_facts(m, doc);
}

} // namespace memo

} // namespace kader
