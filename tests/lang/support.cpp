#include "tests/lang/support.hpp"

#include "lang/parser.hpp"
#include "lang/printer.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace kader::test {

using namespace ast;

Parsed parse(std::string text, std::string name) {
    Parsed p;
    p.source = std::make_unique<Source>(std::move(name), std::move(text));
    p.module = parse_module(*p.source, p.diags);
    return p;
}

namespace {

void sexpr_to(const Expr& e, std::string& out);

void list_to(const char* head, const Expr& e, std::string& out) {
    out += '(';
    out += head;
    for (const auto& kid : e.kids) {
        out += ' ';
        sexpr_to(*kid, out);
    }
    out += ')';
}

void sexpr_to(const Expr& e, std::string& out) {
    switch (e.kind) {
    case ExprKind::string:
        out += quote(e.text);
        break;
    case ExprKind::number:
        out += e.text;
        break;
    case ExprKind::boolean:
        out += e.boolean ? "true" : "false";
        break;
    case ExprKind::date:
        out += "date:" + format_date(e.date);
        break;
    case ExprKind::set_literal: {
        out += "{";
        for (std::size_t i = 0; i < e.strings.size(); ++i)
            out += (i ? " " : "") + quote(e.strings[i]);
        out += "}";
        break;
    }
    case ExprKind::name:
        out += e.text;
        break;
    case ExprKind::case_root:
        out += "case";
        break;
    case ExprKind::field:
        out += "(. ";
        sexpr_to(*e.kids.at(0), out);
        out += ' ' + e.text + ')';
        break;
    case ExprKind::call:
        list_to(("call " + e.text).c_str(), e, out);
        break;
    case ExprKind::known:
        list_to("known", e, out);
        break;
    case ExprKind::not_:
        list_to("not", e, out);
        break;
    case ExprKind::and_:
        list_to("and", e, out);
        break;
    case ExprKind::or_:
        list_to("or", e, out);
        break;
    case ExprKind::compare:
        list_to(to_string(e.op), e, out);
        break;
    case ExprKind::quantifier:
        list_to((std::string(to_string(e.quantifier)) + ' ' + e.text).c_str(), e, out);
        break;
    }
}

std::string first_line(const std::string& text) {
    return text.substr(0, text.find('\n'));
}

} // namespace

std::string sexpr(const Expr& e) {
    std::string out;
    sexpr_to(e, out);
    return out;
}

std::vector<std::string> headlines(const Diagnostics& diags) {
    std::vector<std::string> out;
    for (const auto& d : diags.list())
        out.push_back(first_line(render(d)));
    return out;
}

std::vector<std::string> located_messages(const Diagnostics& diags) {
    std::vector<std::string> out;
    for (const auto& d : diags.list()) {
        std::string line = first_line(render(d));
        if (!d.location.input.empty()) line.erase(0, d.location.input.size() + 1);
        out.push_back(line);
    }
    return out;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::filesystem::path source_dir() {
    return KADER_SOURCE_DIR;
}

std::vector<std::filesystem::path> kader_files(const std::filesystem::path& folder) {
    std::vector<std::filesystem::path> files;
    if (!std::filesystem::exists(folder)) return files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder))
        if (entry.is_regular_file() && entry.path().extension() == ".kader")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace kader::test
