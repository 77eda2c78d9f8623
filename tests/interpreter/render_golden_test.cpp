// Golden tests of the text and JSON renderings. Each folder under golden/
// holds `rules.kader` (loaded as "rules.kader", without the standard
// library), `case.json`, optionally `as-of.txt` (an evaluation date), and the
// expected renderings of the brief and the full explanation:
//
//   decision.txt  decision.json  decision-full.txt  decision-full.json
//
// The JSON files are the decision JSON indented by two spaces. After an
// intended change of the renderings, regenerate them with
//
//   KADER_UPDATE_GOLDEN=1 ./build/tests/interpreter/interpreter_tests '[golden]'
//
// and review the diff before committing.
#include "support.hpp"

#include <cstdlib>
#include <fstream>

namespace fs = std::filesystem;

namespace {

fs::path golden_dir() {
    return kt::source_dir() / "tests" / "interpreter" / "golden";
}

std::vector<fs::path> golden_cases() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(golden_dir()))
        if (e.is_directory()) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::optional<kader::Date> as_of(const fs::path& dir) {
    if (!fs::exists(dir / "as-of.txt")) return std::nullopt;
    std::string text = kt::read_file(dir / "as-of.txt");
    kader::Date d;
    REQUIRE(std::sscanf(text.c_str(), "%d-%d-%d", &d.year, &d.month, &d.day) == 3);
    return d;
}

} // namespace

TEST_CASE("the text and JSON renderings match the golden files", "[golden]") {
    auto cases = golden_cases();
    REQUIRE(cases.size() >= 3);
    for (const auto& dir : cases) {
        SECTION(dir.filename().string()) {
            auto loaded = kader::RuleSet::from_strings(
                {{"rules.kader", kt::read_file(dir / "rules.kader")}}, false);
            std::string diagnostics;
            for (const auto& d : loaded.diagnostics())
                diagnostics += kader::render(d);
            INFO(diagnostics);
            REQUIRE(loaded.ok());
            std::string case_json = kt::read_file(dir / "case.json");
            for (bool full : {false, true}) {
                auto decision = kt::decide(*loaded, case_json, {.as_of = as_of(dir), .full = full});
                std::string stem = full ? "decision-full" : "decision";
                kt::compare_golden(dir / (stem + ".txt"), decision.to_text());
                kt::compare_golden(dir / (stem + ".json"), kt::json_of(decision).dump(2) + "\n");
            }
        }
    }
}

TEST_CASE("the golden JSON files are the decisions that `kader eval --format json` prints",
          "[golden][cli]") {
    for (const auto& dir : golden_cases()) {
        INFO(dir.filename().string());
        std::string args = "eval --no-stdlib -r rules.kader case.json --format json";
        if (auto d = as_of(dir))
            args += " --as-of " + kt::read_file(dir / "as-of.txt").substr(0, 10);
        // Run from inside the folder so that locations read "rules.kader:...".
        std::string command =
            "cd " + kt::quoted(dir) + " && " + kt::quoted(KADER_BINARY) + " " + args;
        auto result = kt::shell(command);
        REQUIRE(result.exit_code == 0);
        auto printed = nlohmann::ordered_json::parse(result.out);
        CHECK(printed.dump(2) + "\n" == kt::read_file(dir / "decision.json"));
        CHECK(result.out == printed.dump() + "\n");
    }
}
