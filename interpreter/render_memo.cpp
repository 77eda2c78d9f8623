// The memo written as Markdown and as one self-contained HTML page.
#include "interpreter/memo_document.hpp"

#include "interpreter/eurlex.hpp"
#include "lang/ast.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <map>
#include <tuple>

namespace kader {

using namespace memo;

namespace {

std::string lower(std::string s) {
    for (auto& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

} // namespace

// ---------------------------------------------------------------------------
// Markdown (CommonMark with GitHub tables). Text from the decision is escaped
// where it could start markup; a line break inside it becomes a space, so
// that it cannot end a list item or a table row.

namespace {

// Control characters (a newline in a message) would break the layout of
// either format; they become spaces.
std::string one_line(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    return out;
}

bool word_char(std::string_view s, std::size_t i) {
    return i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) ||
                            static_cast<unsigned char>(s[i]) >= 0x80);
}

// Backslashes before the characters that could begin markup. `_` inside a
// word (license_required) cannot, and stays as it is for the reader.
std::string md_escape(std::string_view raw, bool line_start) {
    std::string s = one_line(raw), out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        bool inner_underscore = c == '_' && i > 0 && word_char(s, i - 1) && word_char(s, i + 1);
        bool hash_after_space = c == '#' && (i == 0 || s[i - 1] == ' '); // could close a heading
        if (std::string_view("\\`*[]<>|~&").find(c) != std::string_view::npos ||
            (c == '_' && !inner_underscore) || hash_after_space)
            out += '\\';
        out += c;
    }
    // At the start of a line, "-", "+", "=", "1." and the like would begin a block.
    std::size_t digits = 0;
    while (digits < out.size() && std::isdigit(static_cast<unsigned char>(out[digits])))
        ++digits;
    if (line_start && !out.empty()) {
        if (digits == 0 && std::string_view("-+=").find(out[0]) != std::string_view::npos)
            out.insert(0, 1, '\\');
        else if (digits > 0 && digits < out.size() && (out[digits] == '.' || out[digits] == ')'))
            out.insert(digits, 1, '\\');
    }
    return out;
}

// A code span whose fence is longer than any run of backticks inside it.
std::string md_code(std::string_view raw, bool in_table) {
    std::string s = one_line(raw);
    std::size_t longest = 0, run = 0;
    for (char c : s) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    if (in_table) // GitHub tables split cells at `|` even inside code
        for (std::size_t i = s.find('|'); i != std::string::npos; i = s.find('|', i + 2))
            s.insert(i, 1, '\\');
    std::string fence(longest + 1, '`');
    bool pad = s.empty() || s.front() == '`' || s.back() == '`';
    return fence + (pad ? " " + s + " " : s) + fence;
}

class Markdown : public Document {
public:
    std::string out;

    void heading(int level, const Text& text) override {
        out += std::string(static_cast<std::size_t>(level), '#') + " " + inline_text(text) + "\n\n";
    }
    void paragraph(const Text& text) override { out += inline_text(text, true) + "\n\n"; }
    void list(const std::vector<Item>& items, bool numbered) override {
        for (std::size_t i = 0; i < items.size(); ++i) {
            std::string marker = numbered ? fmt::format("{}. ", i + 1) : "- ";
            out += marker + inline_text(items[i].text, true) + "\n";
            for (const auto& sub : items[i].sub)
                out += std::string(marker.size(), ' ') + "- " + inline_text(sub, true) + "\n";
        }
        out += "\n";
    }
    void table(const std::vector<std::string>& header,
               const std::vector<std::vector<Text>>& rows) override {
        std::string rule = "|";
        out += "|";
        for (const auto& h : header) {
            out += " " + md_escape(h, false) + " |";
            rule += "---|";
        }
        out += "\n" + rule + "\n";
        for (const auto& row : rows) {
            out += "|";
            for (const auto& cell : row)
                out += " " + inline_text(cell, false, true) + " |";
            out += "\n";
        }
        out += "\n";
    }
    void begin_group(const std::string&) override {}
    void end_group() override {}

private:
    static std::string inline_text(const Text& text, bool line_start = false,
                                   bool in_table = false) {
        std::string s;
        for (const auto& p : text) {
            bool first = line_start && s.empty();
            switch (p.kind) {
            case Piece::Kind::plain:
            case Piece::Kind::verdict:
                s += md_escape(p.text, first);
                break;
            case Piece::Kind::code:
                s += md_code(p.text, in_table);
                break;
            case Piece::Kind::strong:
                s += "**" + md_escape(p.text, false) + "**";
                break;
            case Piece::Kind::link:
                s += "[" + md_escape(p.text, false) + "](" + p.url + ")";
                break;
            }
        }
        return s;
    }
};

// ---------------------------------------------------------------------------
// HTML: one page with its style inline and nothing to fetch, which reads on
// a screen and prints on A4 (a provision is not split across pages; a link
// prints with the CELEX number it points to).

std::string html_escape(std::string_view raw) {
    std::string out;
    for (char c : one_line(raw)) {
        const char* entity = c == '&'    ? "&amp;"
                             : c == '<'  ? "&lt;"
                             : c == '>'  ? "&gt;"
                             : c == '"'  ? "&quot;"
                             : c == '\'' ? "&#39;"
                                         : nullptr;
        if (entity)
            out += entity;
        else
            out += c;
    }
    return out;
}

constexpr const char* html_style = R"(
body { margin: 0; color: #111; background: #fff; font: 11pt/1.45 Georgia, "DejaVu Serif", serif; }
main { max-width: 46em; margin: 0 auto; padding: 2em 1.5em 3em; }
h1, h2, h3 { font-family: "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; line-height: 1.25;
  break-after: avoid; page-break-after: avoid; }
h1 { font-size: 1.6em; margin: 0 0 .6em; }
h2 { font-size: 1.25em; margin: 1.8em 0 .6em; padding-bottom: .2em; border-bottom: 1px solid #888; }
h3 { font-size: 1.05em; margin: 0 0 .4em; }
ul, ol { padding-left: 1.5em; margin: .4em 0 .8em; }
li { margin: .15em 0; }
li, tr { break-inside: avoid; page-break-inside: avoid; }
p, li, td { overflow-wrap: break-word; }
code { font: .88em/1.3 "DejaVu Sans Mono", Consolas, monospace; overflow-wrap: anywhere; }
a { color: #0b4f9c; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; }
th, td { border: 1px solid #bbb; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #eee; }
section.provision { margin: 1.2em 0; padding-left: .9em; border-left: 3px solid #ccc;
  break-inside: avoid; page-break-inside: avoid; }
section.deciding { border-left-color: #222; }
section.provision > ul { list-style: none; padding-left: 0; }
.verdict { font-family: "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; font-weight: bold; }
.v-prohibited, .v-deny { color: #9b1c1c; }
.v-escalate { color: #8a5300; }
.v-license_required { color: #1f4e8c; }
.v-allow { color: #1d6b2f; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  a[data-celex]::after { content: " [CELEX " attr(data-celex) "]"; font-size: .85em; }
  h2 { break-before: auto; }
}
)";

class Html : public Document {
public:
    std::string out;

    void heading(int level, const Text& text) override {
        out += fmt::format("<h{0}>{1}</h{0}>\n", level, inline_text(text));
    }
    void paragraph(const Text& text) override { out += "<p>" + inline_text(text) + "</p>\n"; }
    void list(const std::vector<Item>& items, bool numbered) override {
        const char* tag = numbered ? "ol" : "ul";
        out += fmt::format("<{}>\n", tag);
        for (const auto& item : items) {
            out += "<li>" + inline_text(item.text);
            if (!item.sub.empty()) {
                out += "\n<ul>\n";
                for (const auto& sub : item.sub)
                    out += "<li>" + inline_text(sub) + "</li>\n";
                out += "</ul>\n";
            }
            out += "</li>\n";
        }
        out += fmt::format("</{}>\n", tag);
    }
    void table(const std::vector<std::string>& header,
               const std::vector<std::vector<Text>>& rows) override {
        out += "<table>\n<thead><tr>";
        for (const auto& h : header)
            out += "<th>" + html_escape(h) + "</th>";
        out += "</tr></thead>\n<tbody>\n";
        for (const auto& row : rows) {
            out += "<tr>";
            for (const auto& cell : row)
                out += "<td>" + inline_text(cell) + "</td>";
            out += "</tr>\n";
        }
        out += "</tbody>\n</table>\n";
    }
    void begin_group(const std::string& kind) override {
        out += "<section class=\"" + html_escape(kind) + "\">\n";
    }
    void end_group() override { out += "</section>\n"; }

private:
    static std::string link(const Piece& p) {
        auto celex = p.url.rfind("CELEX:");
        std::string data = celex == std::string::npos
                               ? ""
                               : " data-celex=\"" + html_escape(p.url.substr(celex + 6)) + "\"";
        return "<a href=\"" + html_escape(p.url) + "\"" + data + ">" + html_escape(p.text) + "</a>";
    }
    static std::string inline_text(const Text& text) {
        std::string s;
        for (const auto& p : text) {
            switch (p.kind) {
            case Piece::Kind::plain:
                s += html_escape(p.text);
                break;
            case Piece::Kind::code:
                s += "<code>" + html_escape(p.text) + "</code>";
                break;
            case Piece::Kind::strong:
                s += "<strong>" + html_escape(p.text) + "</strong>";
                break;
            case Piece::Kind::verdict: // the class names the verdict: "PROHIBITED (incomplete)"
                s += "<span class=\"verdict v-" +
                     html_escape(lower(p.text.substr(0, p.text.find(' ')))) + "\">" +
                     html_escape(p.text) + "</span>";
                break;
            case Piece::Kind::link:
                s += link(p);
                break;
            }
        }
        return s;
    }
};

} // namespace

std::string write_memo_markdown(const Memo& memo) {
    Markdown md;
    memo::write_memo(memo, md);
    md.out.pop_back(); // one newline at the end, not a blank line
    return md.out;
}

std::string write_memo_html(const Memo& memo) {
    Html html;
    memo::write_memo(memo, html);
    std::string title =
        fmt::format("{} ({})", memo::memo_title(memo), memo::upper_case(memo.verdict));
    return fmt::format("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n{}</main>\n"
                       "</body>\n</html>\n",
                       html_escape(title), html_style, html.out);
}

} // namespace kader
