// The rule-file examples of docs/language.md are run, so the guide cannot
// drift from the language (as jq does with its manual).
#include "lang/ast_compare.hpp"
#include "lang/formatter.hpp"
#include "tests/lang/support.hpp"

#include "kader_catch.hpp"

using namespace kader;

namespace {

// The ``` blocks of a Markdown text.
std::vector<std::string> code_blocks(const std::string& markdown) {
    std::vector<std::string> blocks;
    const std::string fence = "```\n";
    for (std::size_t at = markdown.find(fence); at != std::string::npos;) {
        std::size_t begin = at + fence.size();
        std::size_t end = markdown.find("```", begin);
        if (end == std::string::npos) break;
        blocks.push_back(markdown.substr(begin, end - begin));
        at = markdown.find(fence, end + 3);
    }
    return blocks;
}

// A block that reads like a rule file: it opens with a comment or a declaration.
bool is_rule_text(const std::string& block) {
    if (block.rfind("//", 0) == 0) return true;
    for (const char* keyword : {"module ", "import ", "set ", "def ", "rule ", "table ", "schema "})
        if (block.rfind(keyword, 0) == 0) return true;
    return false;
}

// Fragments get a module line so that they parse on their own.
std::string as_module(const std::string& block) {
    bool has_module =
        block.rfind("module ", 0) == 0 || block.find("\nmodule ") != std::string::npos;
    return has_module ? block : "module doc\n" + block;
}

} // namespace

TEST_CASE(
    "every rule-file example of the language guide parses and formats without changing meaning") {
    auto blocks = code_blocks(test::read_file(test::source_dir() / "docs" / "language.md"));
    std::size_t examples = 0;
    for (const auto& block : blocks) {
        if (!is_rule_text(block)) continue;
        ++examples;
        INFO(block);
        auto p = test::parse(as_module(block), "language.md");
        INFO(render(p.diags));
        REQUIRE(p.ok());
        std::string text = format_module(p.module);
        auto again = test::parse(text, "formatted.kader");
        INFO(text);
        REQUIRE(again.ok());
        CHECK(same_meaning(p.module, again.module));
    }
    CHECK(examples >= 8);
}
