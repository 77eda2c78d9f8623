#include "fuzz_support.hpp"

#include "interpreter/render.hpp"
#include "interpreter/rule_loader.hpp"
#include "interpreter/stdlib_files.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace kader::fuzz {

void violated(std::string_view property, std::string_view details) {
    std::fprintf(stderr, "\n==== fuzz property violated: %.*s\n%.*s\n====\n",
                 static_cast<int>(property.size()), property.data(),
                 static_cast<int>(details.size()), details.data());
    std::fflush(stderr);
    std::abort();
}

std::vector<std::string> lines_of(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        lines.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::string read_repo_file(const std::string& relative) {
    std::string path = std::string(KADER_SOURCE_DIR) + "/" + relative;
    std::ifstream in(path, std::ios::binary);
    if (!in) violated("the fuzz target finds its fixed inputs", "cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

namespace {

// A sequence's length and the allowed range of its second byte, from its
// first byte (RFC 3629, section 4); length 0 for a byte that starts none.
struct Lead {
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
};

Lead lead(unsigned char c) {
    if (c >= 0xC2 && c <= 0xDF) return {2};
    if (c == 0xE0) return {3, 0xA0, 0xBF};
    if (c == 0xED) return {3, 0x80, 0x9F}; // no surrogates
    if (c >= 0xE1 && c <= 0xEF) return {3};
    if (c == 0xF0) return {4, 0x90, 0xBF};
    if (c == 0xF4) return {4, 0x80, 0x8F}; // nothing beyond U+10FFFF
    if (c >= 0xF1 && c <= 0xF3) return {4};
    return {};
}

} // namespace

bool valid_utf8(std::string_view text) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    for (std::size_t i = 0; i < text.size();) {
        if (byte(i) < 0x80) {
            ++i;
            continue;
        }
        Lead l = lead(byte(i));
        if (l.length == 0 || i + l.length > text.size() || byte(i + 1) < l.low ||
            byte(i + 1) > l.high)
            return false;
        for (std::size_t k = 2; k < l.length; ++k)
            if ((byte(i + k) & 0xC0) != 0x80) return false;
        i += l.length;
    }
    return true;
}

std::optional<std::string> toggle_byte_order_mark(std::string_view text) {
    if (!text.starts_with(byte_order_mark)) return std::string(byte_order_mark) + std::string(text);
    std::string_view rest = text.substr(byte_order_mark.size());
    if (rest.starts_with(byte_order_mark)) return std::nullopt;
    return std::string(rest);
}

const std::shared_ptr<const Program>& stdlib_program() {
    static const std::shared_ptr<const Program> program = [] {
        Diagnostics diags;
        auto p = load_rules(RuleSources{}, diags);
        if (!p) violated("the standard library compiles", render(diags));
        return p;
    }();
    return program;
}

std::optional<std::string> embedded_data_only(const Source& from, const std::string& path,
                                              std::string& error) {
    namespace fs = std::filesystem;
    std::string wanted =
        (fs::path(from.name).parent_path() / path).lexically_normal().generic_string();
    for (const auto& f : stdlib_files())
        if (f.path == wanted) return std::string(f.text);
    error = "the fuzz target reads only the standard library's data files";
    return std::nullopt;
}

ast::Days default_as_of() {
    static const ast::Days day = *ast::parse_date("2024-01-01");
    return day;
}

namespace {

// The decision JSON must be a single line of valid JSON: `kader batch`
// writes one per line, and programs read it back.
void check_json_line(const std::string& json) {
    if (json.find('\n') != std::string::npos) violated("a decision renders as one JSON line", json);
    if (!nlohmann::json::accept(json)) violated("a decision renders as valid JSON", json);
}

} // namespace

DecisionRecord decide_dated(const std::shared_ptr<const Program>& program, const CaseData& c,
                            const DecideOptions& options) {
    Diagnostics diags;
    auto decision = decide(program, c, options, "fuzz", diags);
    if (!decision) violated("a case with a date (or an as-of date) is decided", render(diags));
    return std::move(*decision);
}

std::string decide_checked(const std::shared_ptr<const Program>& program, const CaseData& c,
                           const DecideOptions& options) {
    DecisionRecord first = decide_dated(program, c, options);
    std::string json = render_json(first);
    check_json_line(json);
    std::string again = render_json(decide_dated(program, c, options));
    if (again != json)
        violated("eval is deterministic: the same case decided twice gives the same JSON",
                 json + "\n---- then ----\n" + again);
    if (render_text(first).empty()) violated("a decision renders as text", json);
    return json;
}

} // namespace kader::fuzz
