// The files in tests/lang/broken/ are rule files with mistakes; each one
// says what must be reported about it in `// expect: LINE:COL: error: MESSAGE`
// comments, the way Crafting Interpreters' test suite does.
#include "lang/parser.hpp"
#include "tests/lang/support.hpp"

#include <catch2/catch.hpp>

using namespace kader;

namespace {

// Everything that has something to say about a rule file. Today the
// parser; the checker joins it here.
Diagnostics diagnose(const Source& source) {
    Diagnostics diags;
    parse_module(source, diags);
    diags.sort();
    return diags;
}

// The `// expect: ` comments of a file, in order.
std::vector<std::string> expectations(const std::string& text) {
    const std::string marker = "// expect: ";
    std::vector<std::string> out;
    for (std::size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at)) {
        at += marker.size();
        std::size_t end = text.find('\n', at);
        out.push_back(text.substr(at, end == std::string::npos ? end : end - at));
    }
    return out;
}

const std::filesystem::path broken_folder = test::source_dir() / "tests" / "lang" / "broken";

} // namespace

TEST_CASE("expectations are read from `// expect:` comments in order") {
    CHECK(expectations("module m // expect: 1:10: error: a\n// expect: 3:1: error: b") ==
          std::vector<std::string>{"1:10: error: a", "3:1: error: b"});
    CHECK(expectations("module m\n").empty());
}

TEST_CASE("every broken rule file reports exactly the diagnostics written in it") {
    auto files = test::kader_files(broken_folder);
    REQUIRE(files.size() >= 15);
    for (const auto& file : files) {
        DYNAMIC_SECTION(file.filename().string()) {
            Source source(file.filename().string(), test::read_file(file));
            auto expected = expectations(source.text);
            INFO("a broken file must say what is wrong with it");
            REQUIRE_FALSE(expected.empty());
            Diagnostics diags = diagnose(source);
            INFO(render(diags));
            CHECK(test::located_messages(diags) == expected);
        }
    }
}
