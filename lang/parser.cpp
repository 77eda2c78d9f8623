#include "lang/parser.hpp"
#include "lang/file_input.hpp"

#include "lang/ast_builder.hpp"
#include "lang/checker.hpp"
#include "lang/parse_tree.hpp"
#include "lang/parser_internal.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace kader {

namespace pegtl = tao::pegtl;
namespace g = grammar;

namespace {

bool starts_declaration(std::string_view line) {
    return !line.empty() && (std::isalpha(static_cast<unsigned char>(line[0])) || line[0] == '_');
}

bool is_comment_line(std::string_view line) {
    return line.substr(0, 2) == "//";
}

bool is_blank(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// The position of a `//` comment on a line, outside text in quotes.
std::size_t comment_start(std::string_view line) {
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quoted && c == '\\')
            ++i;
        else if (c == '"')
            quoted = !quoted;
        else if (!quoted && c == '/' && i + 1 < line.size() && line[i + 1] == '/')
            return i;
    }
    return std::string_view::npos;
}

struct Chunk {
    std::size_t first_line; // 1-based, where the chunk (with its leading comments) begins
    std::size_t decl_line;  // where the declaration itself begins
    std::size_t last_line;  // inclusive
};

// A declaration starts at a line that begins with a letter; comment and
// blank lines right above it belong to it.
std::vector<Chunk> split_declarations(const Source& src) {
    std::vector<Chunk> chunks;
    std::size_t lines = src.line_starts.size();
    std::size_t first_free = 1; // first line not yet in a chunk
    for (std::size_t l = 1; l <= lines; ++l) {
        if (!starts_declaration(src.line(l))) continue;
        std::size_t begin = l;
        while (begin > first_free &&
               (is_comment_line(src.line(begin - 1)) || is_blank(src.line(begin - 1))))
            --begin;
        if (!chunks.empty())
            chunks.back().last_line = begin - 1;
        else if (begin > 1)
            chunks.push_back({1, 1, begin - 1}); // stray text before the first declaration
        chunks.push_back({begin, l, lines});
        first_free = l + 1;
    }
    if (chunks.empty()) chunks.push_back({1, 1, lines});
    return chunks;
}

// `///` lines directly above the declaration, without the slashes.
std::string doc_comment(const Source& src, const Chunk& c) {
    std::vector<std::string_view> lines;
    for (std::size_t l = c.decl_line; l > c.first_line; --l) {
        std::string_view line = src.line(l - 1);
        if (line.substr(0, 3) != "///") break;
        line.remove_prefix(3);
        if (!line.empty() && line[0] == ' ') line.remove_prefix(1);
        lines.push_back(line);
    }
    std::string doc;
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
        if (!doc.empty()) doc += '\n';
        doc += *it;
    }
    return doc;
}

void collect_comments(const Source& src, ast::Module& module) {
    for (std::size_t l = 1; l <= src.line_starts.size(); ++l) {
        std::string_view line = src.line(l);
        std::size_t at = comment_start(line);
        if (at == std::string_view::npos) continue;
        bool trailing = !is_blank(line.substr(0, at));
        Location loc{&src, static_cast<std::uint32_t>(l), static_cast<std::uint32_t>(at + 1),
                     static_cast<std::uint32_t>(line.size() - at)};
        module.comments.push_back({loc, std::string(line.substr(at)), trailing});
    }
}

Location error_location(const Source& src, const pegtl::parse_error& e) {
    const auto& p = e.positions().front();
    return {&src, static_cast<std::uint32_t>(p.line), static_cast<std::uint32_t>(p.column), 1};
}

// The word that starts at `column` (1-based) of `line`.
std::string_view word_at(std::string_view line, std::size_t column) {
    std::size_t begin = column > 0 ? column - 1 : 0;
    std::size_t end = begin;
    while (end < line.size() &&
           (std::isalnum(static_cast<unsigned char>(line[end])) || line[end] == '_'))
        ++end;
    return begin < line.size() ? line.substr(begin, end - begin) : std::string_view{};
}

// Advice for the slips authors make most, from what stands where the parser
// stopped: `=` for `==`, a verdict one edit away, a continuation line that
// starts in column 1.
std::string fix_it(const Source& src, const Location& at, std::string_view message) {
    std::string_view line = src.line(at.line);
    std::size_t i = at.column > 0 ? at.column - 1 : 0;
    // A lone `=` after a value, not after an operator that already compares.
    std::size_t before = line.find_last_not_of(' ', i == 0 ? 0 : i - 1);
    bool after_operator = i == 0 || before == std::string_view::npos ||
                          std::string_view("<>=!").find(line[before]) != std::string_view::npos;
    if (i < line.size() && line[i] == '=' && (i + 1 >= line.size() || line[i + 1] != '=') &&
        !after_operator)
        return "to compare, write `==` (a single `=` gives a set or a definition its value)";
    std::string_view word = word_at(line, at.column);
    static const std::vector<std::string> keywords = {
        "module",    "import", "set",     "def",       "rule", "table",  "schema", "goal", "basis",
        "effective", "from",   "until",   "exception", "to",   "review", "when",   "then", "oblige",
        "hit",       "first",  "collect", "any",       "all",  "none",   "count",  "in",   "not",
        "and",       "or",     "under",   "known",     "case", "true",   "false",  "load"};
    if (message.find("name") != std::string_view::npos && !word.empty() &&
        std::find(keywords.begin(), keywords.end(), word) != keywords.end())
        return fmt::format("`{}` is a keyword of the language and cannot be a name; choose "
                           "another, such as `{}_rule`",
                           word, word);
    if (message.find("expected a verdict") != std::string_view::npos && !word.empty()) {
        static const std::vector<std::string> verdicts = {"allow", "license_required", "escalate",
                                                          "deny", "prohibited"};
        if (auto best = closest_name(word, verdicts))
            return fmt::format("did you mean `{}`?", *best);
    }
    if (message.find("expected a declaration") != std::string_view::npos && at.column == 1) {
        static const std::vector<std::string> continuations = {
            "and",   "or",        "not",    "when",   "then",      "goal",
            "basis", "effective", "review", "oblige", "exception", "hit"};
        bool continues =
            std::find(continuations.begin(), continuations.end(), word) != continuations.end() ||
            (!line.empty() && line[0] == '|');
        if (continues)
            return "indent the lines that continue a declaration: only a new declaration "
                   "starts in column 1";
    }
    return {};
}

void report_parse_error(const Source& src, const pegtl::parse_error& e, Diagnostics& diags) {
    Location at = error_location(src, e);
    std::string message(e.message());
    if (dynamic_cast<const g::nesting_error*>(&e))
        diags.error(Code::nesting_too_deep, at, message);
    else
        diags.error(Code::syntax, at, message, fix_it(src, at, message));
}

std::string chunk_name(const Source& src) {
    return src.name;
}

} // namespace

// Texts flow into messages and JSON decisions, which must be UTF-8: a rule
// file or a typed expression that is not is refused at its first bad byte.
namespace {

bool report_invalid_utf8(const Source& src, const char* what, Diagnostics& diags) {
    std::size_t bad = first_invalid_utf8(src.text);
    if (bad == std::string::npos) return false;
    std::size_t line = static_cast<std::size_t>(
        std::upper_bound(src.line_starts.begin(), src.line_starts.end(), bad) -
        src.line_starts.begin());
    std::size_t column = bad - src.line_starts[line - 1] + 1;
    diags.error(Code::invalid_utf8,
                {&src, static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(column), 1},
                fmt::format("this {} is not valid UTF-8 here", what),
                "save the file as UTF-8 in your editor");
    return true;
}

} // namespace

ast::ExprPtr parse_expression_span(const Source& source, const char* begin, const char* end,
                                   std::size_t byte, std::size_t line, std::size_t column,
                                   Diagnostics& diags) {
    using expression_only =
        pegtl::seq<g::_, pegtl::must<g::nested<g::paren_expr>>, g::_, pegtl::must<g::line_end>>;
    pegtl::memory_input<> in(begin, end, chunk_name(source), byte, line, column);
    ast::Module scratch;
    AstBuilder builder(source, scratch, diags);
    try {
        g::nesting::depth = 0;
        auto root =
            pegtl::parse_tree::parse<expression_only, g::selector, pegtl::nothing, g::control>(in);
        if (!root || root->children.empty()) return nullptr;
        return builder.expression(*root->children.front());
    } catch (const pegtl::parse_error& e) {
        std::string message(e.message());
        if (message == g::error_message<g::line_end>)
            message = "unexpected text after the expression";
        Code code =
            dynamic_cast<const g::nesting_error*>(&e) ? Code::nesting_too_deep : Code::syntax;
        diags.error(code, error_location(source, e), message); // the REPL adds its own advice
        return nullptr;
    }
}

ast::ExprPtr parse_expression(const Source& source, Diagnostics& diags) {
    if (report_invalid_utf8(source, "text", diags)) return nullptr;
    return parse_expression_span(source, source.text.data(),
                                 source.text.data() + source.text.size(), 0, 1, 1, diags);
}

ast::Module parse_module(const Source& src, Diagnostics& diags) {
    ast::Module module;
    module.source = &src;
    if (src.text.size() > max_source_bytes) {
        diags.error(Code::file_too_large, {&src, 1, 1, 1},
                    fmt::format("this file is {} MiB; rule files may be at most {} MiB",
                                src.text.size() >> 20, max_source_bytes >> 20),
                    "move long lists into data files loaded with `set NAME = load \"FILE.json\"`");
        return module;
    }
    if (report_invalid_utf8(src, "file", diags)) return module;
    collect_comments(src, module);
    AstBuilder builder(src, module, diags);
    for (const Chunk& c : split_declarations(src)) {
        std::size_t begin = src.line_starts[c.first_line - 1];
        std::size_t end =
            c.last_line < src.line_starts.size() ? src.line_starts[c.last_line] : src.text.size();
        pegtl::memory_input<> in(src.text.data() + begin, src.text.data() + end, src.name, begin,
                                 c.first_line, 1);
        try {
            g::nesting::depth = 0;
            auto root =
                pegtl::parse_tree::parse<g::chunk, g::selector, pegtl::nothing, g::control>(in);
            if (root) builder.add_declaration(*root, doc_comment(src, c));
        } catch (const pegtl::parse_error& e) {
            report_parse_error(src, e, diags);
        }
    }
    if (module.name.empty() && !diags.has_errors())
        diags.error(Code::no_module_line, {&src, 1, 1, 1}, "this file has no `module` line",
                    "start the file with `module NAME`, e.g. `module sanctions.russia`");
    return module;
}

} // namespace kader
