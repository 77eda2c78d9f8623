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

TEST_CASE("a chunk decides a range of any length on one thread, each line's output its own") {
    auto program = stdlib_program();
    kader::DecideOptions options;
    auto lines = mixed_lines();
    REQUIRE(lines.size() > 2 * kader::batch_group_lines);
    kader::cli::Chunk chunk(2, lines.size());
    for (const auto& l : lines) {
        chunk.next_place(l.number) = l;
        chunk.keep();
    }
    // Thread 1 takes more lines than a group holds at once (and more than
    // its room for their ends); thread 0, the rest, one by one.
    const std::size_t split = 3;
    for (std::size_t i = 0; i < split; ++i) {
        kader::JsonFragments fragments(*program);
        chunk.decide(i, i + 1, 0, program, options, fragments);
    }
    kader::JsonFragments fragments(*program);
    chunk.decide(split, lines.size(), 1, program, options, fragments);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        INFO("line " << lines[i].number);
        kader::JsonFragments fresh(*program);
        std::string alone;
        kader::BatchLine l = lines[i];
        decide_batch_line(program, options, l, fresh, alone);
        CHECK(chunk.output(i) == alone);
        CHECK(chunk.lines()[i].failed == l.failed);
    }
}

TEST_CASE("a chunk's outputs are written as the runs they lie in, in the order of the lines") {
    // `kader batch` writes a chunk's outputs from where each thread wrote
    // them: every run of outputs that lie one after another in one thread's
    // room in one piece, newlines and all.
    auto program = stdlib_program();
    kader::DecideOptions options;
    auto lines = mixed_lines();
    std::string expected;
    for (const auto& line : lines) {
        kader::JsonFragments fresh(*program);
        kader::BatchLine l = line;
        decide_batch_line(program, options, l, fresh, expected);
        expected += '\n';
    }
    // Pieces of the lines, decided on threads in turn: (first line, thread).
    const std::vector<std::vector<std::pair<std::size_t, std::size_t>>> plans = {
        {{0, 0}},                                   // one thread: one run
        {{0, 0}, {3, 1}},                           // two runs
        {{0, 1}, {5, 0}, {6, 0}, {20, 1}, {21, 0}}, // 0-4 | 5-19 | 20 | 21-
    };
    const std::vector<std::size_t> runs_expected = {1, 2, 4};
    for (std::size_t p = 0; p < plans.size(); ++p) {
        INFO("plan " << p);
        kader::cli::Chunk chunk(2, lines.size());
        for (const auto& l : lines) {
            chunk.next_place(l.number) = l;
            chunk.keep();
        }
        const auto& plan = plans[p];
        std::vector<kader::JsonFragments> fragments;
        fragments.emplace_back(*program);
        fragments.emplace_back(*program);
        for (std::size_t k = 0; k < plan.size(); ++k) {
            std::size_t end = k + 1 < plan.size() ? plan[k + 1].first : lines.size();
            chunk.decide(plan[k].first, end, plan[k].second, program, options,
                         fragments[plan[k].second]);
        }
        std::string written;
        std::size_t runs = 0;
        chunk.write_outputs([&](std::string_view run) {
            CHECK(run.ends_with('\n'));
            written += run;
            ++runs;
        });
        CHECK(written == expected);
        CHECK(runs == runs_expected[p]);
    }
    kader::cli::Chunk empty(1, 4);
    empty.write_outputs([](std::string_view) { FAIL("an empty chunk writes nothing"); });
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
