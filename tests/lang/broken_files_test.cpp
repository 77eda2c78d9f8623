// The files in tests/lang/broken/ are rule files with mistakes; each one
// says what must be reported about it in `// expect: LINE:COL: error: MESSAGE`
// comments, the way Crafting Interpreters' test suite does.
#include "lang/checker.hpp"
#include "lang/parser.hpp"
#include "tests/lang/support.hpp"

#include "kader_catch.hpp"

using namespace kader;

namespace {

const std::filesystem::path broken_folder = test::source_dir() / "tests" / "lang" / "broken";

// Everything that has something to say about a rule file: the parser, and
// when the file parses, the checker. A file that uses `case` declares its
// own schema; its data files are read relative to the broken folder.
// The checked program is kept in `program`: the locations of its warnings
// point into its sources.
Diagnostics diagnose(const Source& source, std::shared_ptr<const Program>& program) {
    Diagnostics parsed;
    parse_module(source, parsed);
    if (parsed.has_errors()) {
        parsed.sort();
        return parsed;
    }
    Diagnostics diags; // compile parses again: its own diagnostics only, no duplicates
    std::vector<std::unique_ptr<Source>> sources;
    sources.push_back(std::make_unique<Source>(source.name, source.text));
    DataReader read = [](const Source&, const std::string& path, std::string& error) {
        auto full = broken_folder / path;
        if (!std::filesystem::exists(full)) {
            error = "cannot read `" + path + "`";
            return std::optional<std::string>{};
        }
        return std::optional<std::string>{test::read_file(full)};
    };
    program = compile(std::move(sources), read, diags);
    return diags;
}

// `LINE:COL: error: MESSAGE` for the rule file itself; a data file's
// diagnostics keep its name: `data/x.json:LINE:COL: error: MESSAGE`.
std::vector<std::string> messages(const Diagnostics& diags, const std::string& file) {
    std::vector<std::string> out = test::located_messages(diags);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const std::string& input = diags.list()[i].location.input;
        if (!input.empty() && input != file) out[i] = input + ':' + out[i];
    }
    return out;
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
            std::shared_ptr<const Program> program;
            Diagnostics diags = diagnose(source, program);
            INFO(render(diags));
            CHECK(messages(diags, source.name) == expected);
        }
    }
}
