// `kader batch` decides the lines of a thread in groups, stage by stage
// (decide_batch_lines: every line of a group read, then every case decided,
// then every output written). Whatever lies beside a line in its group, its
// output is the one it gets alone.
#include "support.hpp"

#include "interpreter/api_internal.hpp"
#include "interpreter/batch_line.hpp"
#include "interpreter/cli/batch_chunks.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>

namespace {

std::shared_ptr<const kader::Program> stdlib_program() {
    static auto rules = kader::RuleSet::load(std::vector<std::string>{});
    REQUIRE(rules.ok());
    return kader::program_of(rules.value());
}

// Every example case on one line (twice over), and between them lines that are no case:
// more lines than three groups hold, so groups begin and end among them.
std::vector<kader::BatchLine> mixed_lines() {
    std::vector<std::string> texts;
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& entry :
             std::filesystem::directory_iterator(kt::source_dir() / "examples/cases")) {
            if (entry.path().extension() != ".json") continue;
            texts.push_back(nlohmann::json::parse(kt::read_file(entry.path())).dump());
            switch (texts.size() % 5) {
            case 0:
                texts.push_back(R"({"id": "broken", "destination": )"); // cut short
                break;
            case 1:
                texts.push_back("[]"); // no case
                break;
            case 2: // a case without a date, and no as-of date given
                texts.push_back(R"({"id": "no-date", "destination": "CN", "items": []})");
                break;
            default:
                break;
            }
        }
    std::vector<kader::BatchLine> lines;
    for (const auto& text : texts) {
        kader::BatchLine& l = lines.emplace_back();
        l.number = lines.size();
        l.text = text;
    }
    lines[3].too_long = true; // as `kader batch` marks a line cut at its limit
    return lines;
}

} // namespace

TEST_CASE("lines decided together give each the output, flags and summary it gets alone") {
    auto program = stdlib_program();
    for (const char* level : {"brief", "rules", "full"}) {
        INFO(level);
        kader::DecideOptions options;
        REQUIRE(kader::set_explain(options, level));
        auto lines = mixed_lines();
        REQUIRE(lines.size() > 3 * kader::batch_group_lines);
        std::vector<std::string> alone;
        std::vector<kader::BatchLine> decided_alone = lines;
        for (auto& l : decided_alone) {
            kader::JsonFragments fresh(*program);
            decide_batch_line(program, options, l, fresh, alone.emplace_back());
        }
        kader::JsonFragments fragments(*program);
        std::string out = "before";
        std::vector<std::size_t> ends(lines.size());
        kader::decide_batch_lines(program, options, lines, fragments, out, ends);
        REQUIRE(out.size() == ends.back() + 1);
        std::size_t refused = 0;
        for (std::size_t i = 0, start = 6; i < lines.size(); start = ends[i] + 1, ++i) {
            INFO("line " << lines[i].number);
            REQUIRE(ends[i] >= start);
            CHECK(out.substr(start, ends[i] - start) == alone[i]);
            CHECK(out[ends[i]] == '\n'); // JSON Lines, ready to be written as they lie
            CHECK(lines[i].failed == decided_alone[i].failed);
            CHECK_FALSE(lines[i].internal);
            CHECK(lines[i].decided.has_value() == !lines[i].failed);
            auto j = nlohmann::json::parse(alone[i]);
            if (lines[i].failed) {
                ++refused;
                CHECK(j["line"] == lines[i].number);
            } else {
                CHECK(j["case"] == lines[i].decided->case_id);
            }
        }
        CHECK(refused > 5);
        CHECK(kader::code_name(kader::Code::line_too_long) ==
              nlohmann::json::parse(alone[3])["code"]);
    }
}

TEST_CASE("a chunk decides its lines a group at a time, each line's output the one it gets alone") {
    auto program = stdlib_program();
    kader::DecideOptions options;
    auto lines = mixed_lines();
    REQUIRE(lines.size() > 2 * kader::batch_group_lines);
    std::string expected;
    for (const auto& line : lines) {
        kader::JsonFragments fresh(*program);
        kader::BatchLine l = line;
        decide_batch_line(program, options, l, fresh, expected);
        expected += '\n';
    }
    // Decided as `kader batch` does, all at once, and in three goes: each
    // decides only the lines kept since the one before.
    for (std::size_t first_go : {lines.size(), std::size_t{3}, kader::batch_group_lines + 5}) {
        INFO("first go " << first_go);
        kader::cli::Chunk chunk(lines.size());
        kader::JsonFragments fragments(*program);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            chunk.next_place(lines[i].number) = lines[i];
            chunk.keep();
            if (i + 1 == first_go || i + 1 == first_go + 1)
                chunk.decide(program, options, fragments);
        }
        chunk.decide(program, options, fragments);
        CHECK(chunk.full());
        CHECK(chunk.outputs() == expected); // JSON Lines, ready to be written as they lie
        for (std::size_t i = 0; i < lines.size(); ++i) {
            INFO("line " << lines[i].number);
            kader::JsonFragments fresh(*program);
            std::string alone;
            kader::BatchLine l = lines[i];
            decide_batch_line(program, options, l, fresh, alone);
            CHECK(chunk.output(i) == alone);
            CHECK(chunk.lines()[i].failed == l.failed);
        }
        // Emptied, it takes new lines and writes only theirs.
        chunk.clear();
        CHECK(chunk.empty());
        CHECK(chunk.outputs().empty());
        chunk.next_place(1) = lines[0];
        chunk.keep();
        chunk.decide(program, options, fragments);
        CHECK(chunk.outputs() == expected.substr(0, expected.find('\n') + 1));
    }
}

TEST_CASE("lines decided on a thread leave their program to the caller once written") {
    // A thread keeps the room of its lines from one call to the next, but
    // not the program: rules may be reloaded, and the old ones must go.
    auto program = stdlib_program();
    const long owners = program.use_count();
    auto lines = mixed_lines();
    kader::JsonFragments fragments(*program);
    std::string out;
    kader::decide_batch_lines(program, {}, lines, fragments, out, {});
    CHECK(lines.front().decided.has_value());
    CHECK(program.use_count() == owners);
}
