// Golden tests of what an officer reads: `kader eval` on every example case
// in examples/cases, with the standard library, as text and as JSON. They
// pin the explanation of real cases (headline, deciding rules, facts,
// questions) against unnoticed change; and the same decisions made one
// after another into one record, as a batch makes them. After an intended change of the
// renderings or of the standard library, regenerate them with
//
//   KADER_UPDATE_GOLDEN=1 ./build/tests/interpreter/interpreter_tests '[examples]'
//
// and review the diff before committing.
#include "support.hpp"

#include "interpreter/api_internal.hpp"
#include "interpreter/case_reader.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/render.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> example_cases() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(kt::source_dir() / "examples" / "cases"))
        if (e.path().extension() == ".json") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

// Runs from the source folder, so that places read "examples/cases/...".
kt::Run eval(const fs::path& c, const std::string& format) {
    std::string name = fs::relative(c, kt::source_dir()).string();
    return kt::shell("cd " + kt::quoted(kt::source_dir()) + " && " + kt::quoted(KADER_BINARY) +
                     " eval " + kt::quoted(name) + " --format " + format);
}

} // namespace

TEST_CASE("every example case decides and explains as its golden files say", "[examples]") {
    auto cases = example_cases();
    REQUIRE(cases.size() >= 20);
    fs::path golden = kt::source_dir() / "tests" / "interpreter" / "golden-examples";
    for (const auto& c : cases) {
        SECTION(c.stem().string()) {
            auto text = eval(c, "text");
            INFO(text.err);
            REQUIRE(text.exit_code == 0);
            kt::compare_golden(golden / (c.stem().string() + ".txt"), text.out);
            auto json = eval(c, "json");
            REQUIRE(json.exit_code == 0);
            kt::compare_golden(golden / (c.stem().string() + ".json"),
                               nlohmann::ordered_json::parse(json.out).dump(2) + "\n");
        }
    }
}

TEST_CASE("every example case decided into the record of the one before decides as alone",
          "[examples]") {
    // A batch decides every case of a thread into one record (and reads it
    // into one case): whatever the case before left in them, the decision
    // is the one a fresh record gets, at every level of explanation.
    auto rules = kader::RuleSet::load(std::vector<std::string>{});
    REQUIRE(rules.ok());
    auto program = kader::program_of(rules.value());
    auto cases = example_cases();
    for (const char* level : {"full", "brief", "rules"}) {
        kader::DecideOptions options;
        REQUIRE(kader::set_explain(options, level));
        kader::CaseData kept_case;
        kader::DecisionRecord kept;
        // Each case after every other: forwards, then backwards.
        for (int round = 0; round < 2; ++round) {
            for (const auto& c : cases) {
                INFO(level << " " << c.stem().string());
                std::string text = kt::read_file(c);
                kader::Diagnostics diags;
                auto alone_case = kader::read_case_text(*program, text, "case", diags);
                REQUIRE(alone_case);
                auto alone = kader::decide(program, *alone_case, options, "case", diags);
                REQUIRE(alone);
                REQUIRE(kader::read_case_text(*program, text, "case", diags, kept_case));
                REQUIRE(kader::decide(program, kept_case, options, "case", diags, kept));
                CHECK(kader::render_json(kept) == kader::render_json(*alone));
            }
            std::reverse(cases.begin(), cases.end());
        }
    }
}

TEST_CASE("a decision record cleared is a new record, but for its room", "[examples]") {
    auto rules = kader::RuleSet::load(std::vector<std::string>{});
    REQUIRE(rules.ok());
    auto program = kader::program_of(rules.value());
    kader::DecideOptions options;
    REQUIRE(kader::set_explain(options, "full"));
    kader::DecisionRecord record;
    std::size_t filled = 0;
    for (const auto& c : example_cases()) {
        INFO(c.stem().string());
        kader::Diagnostics diags;
        auto read = kader::read_case_text(*program, kt::read_file(c), "case", diags);
        REQUIRE(read);
        REQUIRE(kader::decide(program, *read, options, "case", diags, record));
        if (record.applied.empty() || record.not_applied.empty()) continue;
        ++filled;
        const kader::DecisionRecord fresh;
        record.clear();
        CHECK(record.program == nullptr);
        CHECK(record.case_id.empty());
        CHECK(record.verdict == fresh.verdict);
        CHECK(record.incomplete == fresh.incomplete);
        CHECK(record.as_of == fresh.as_of);
        CHECK(record.goals == fresh.goals);
        CHECK(record.applied.empty());
        CHECK(record.overridden.empty());
        CHECK(record.undetermined.empty());
        CHECK(record.obligations.empty());
        CHECK(record.not_applied.empty());
        CHECK(record.missing.empty());
        CHECK(record.full == fresh.full);
        CHECK(record.reasons == fresh.reasons);
        CHECK(record.explanation.reasons.empty());
        CHECK(record.explanation.steps.empty());
        CHECK(record.applied.capacity() > 0); // the room stays
    }
    CHECK(filled >= 5);
}

TEST_CASE("a record decided into again under another program holds that program", "[examples]") {
    // A record decided into again keeps its program when it is the same one
    // (not let go and taken again for every case), and takes the new one
    // when it is not.
    auto rules = kader::RuleSet::load(std::vector<std::string>{});
    REQUIRE(rules.ok());
    auto first = kader::program_of(rules.value());
    auto again = kader::RuleSet::load(std::vector<std::string>{});
    REQUIRE(again.ok());
    auto second = kader::program_of(again.value());
    REQUIRE(first != second);
    kader::DecideOptions options;
    kader::DecisionRecord record;
    auto c = example_cases().front();
    kader::Diagnostics diags;
    auto read = kader::read_case_text(*first, kt::read_file(c), "case", diags);
    REQUIRE(read);
    const long owners = first.use_count();
    for (const auto& program : {first, first, second, second, first}) {
        REQUIRE(kader::decide(program, *read, options, "case", diags, record));
        CHECK(record.program == program);
        CHECK(&record.rule(0) == &program->rules[0]);
    }
    CHECK(first.use_count() == owners + 1); // the record holds it, once
    record.clear();
    CHECK(first.use_count() == owners);
}
