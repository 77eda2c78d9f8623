// Diagnostics as values: through the C++ API each has its code, its place,
// its help and its related places, and outlives the rule set it came from.
// And the list of codes itself: documented, and each pinned by a test.
#include "support.hpp"

#include "interpreter/api_internal.hpp"
#include "interpreter/case_reader.hpp"

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using kader::Code;

namespace {

std::vector<kader::Diagnostic>
load_diagnostics(const std::vector<std::pair<std::string, std::string>>& sources) {
    return kader::RuleSet::from_strings(sources, false).diagnostics();
}

// The first diagnostic with `code`, or nothing.
const kader::Diagnostic* with_code(const std::vector<kader::Diagnostic>& diags, Code code) {
    auto it = std::find_if(diags.begin(), diags.end(),
                           [&](const kader::Diagnostic& d) { return d.code == code; });
    return it == diags.end() ? nullptr : &*it;
}

// Every K-code and `Code::name` written in the tests.
std::set<std::string> codes_named_in_tests() {
    std::set<std::string> found;
    std::regex number("K[0-9]{4}"), name("Code::([a-z_0-9]+)");
    for (const auto& entry : fs::recursive_directory_iterator(kt::source_dir() / "tests")) {
        if (!entry.is_regular_file()) continue;
        std::string text = kt::read_file(entry.path());
        for (std::sregex_iterator it(text.begin(), text.end(), number), end; it != end; ++it)
            found.insert(it->str());
        for (std::sregex_iterator it(text.begin(), text.end(), name), end; it != end; ++it)
            found.insert("Code::" + (*it)[1].str());
    }
    return found;
}

std::string enum_name(Code code) {
    // The names as the list gives them, for the Code::name spelling.
    static const std::vector<std::pair<Code, const char*>> names = {
#define KADER_CODE(number, name, summary) {Code::name, #name},
#include "kader/diagnostic_codes.def"
#undef KADER_CODE
    };
    for (const auto& [c, n] : names)
        if (c == code) return n;
    return {};
}

} // namespace

TEST_CASE("a rule-file diagnostic has its code, place, help and line as values") {
    auto diags = load_diagnostics(
        {{"t.kader", kt::module_t("set annex_vii = {\"8542\"}\n"
                                  "rule r\n  goal sanctions\n  basis \"Art. 2\"\n"
                                  "  when any item in case.items: item.cn in anex_vii\n"
                                  "  then prohibited\n")}});
    // One slip, one report: no "set `annex_vii` is never used" before it.
    REQUIRE(diags.size() == 1);
    const kader::Diagnostic& d = diags.front();
    CHECK(d.severity == kader::Severity::error);
    CHECK(d.code == Code::unknown_name);
    CHECK(kader::code_name(d.code) == "K0305");
    CHECK(d.location.input == "t.kader");
    CHECK(d.message == "unknown name `anex_vii`");
    CHECK(d.help == "did you mean `annex_vii`?");
    CHECK(d.location.text == "  when any item in case.items: item.cn in anex_vii");
    CHECK(d.location.column == 43);
    CHECK(d.location.length == 8);
}

TEST_CASE("a diagnostic outlives the rule set and the result it came from") {
    std::vector<kader::Diagnostic> kept;
    {
        auto r = kader::RuleSet::from_strings({{"t.kader", "module t\nrule r\n  then prohibit\n"}},
                                              false);
        kept = r.diagnostics();
    }
    REQUIRE(kept.size() == 1);
    std::ostringstream shown;
    shown << kept.front();
    CHECK(shown.str() == "t.kader:3:8: error[K0201]: expected a verdict (allow, license_required, "
                         "escalate, deny, prohibited) after `then`\n"
                         "    then prohibit\n"
                         "         ^\n"
                         "help: did you mean `prohibited`?");
}

TEST_CASE("a module declared twice points to the first declaration in the other file") {
    auto diags = load_diagnostics({{"a.kader", "module m\nset s = {\"RU\"}\n"},
                                   {"b.kader", "// again\nmodule m\nset t = {\"BY\"}\n"}});
    const kader::Diagnostic* twice = with_code(diags, Code::module_twice);
    REQUIRE(twice != nullptr);
    CHECK(twice->location.input == "b.kader");
    CHECK(twice->location.line == 2);
    REQUIRE(twice->related.size() == 1);
    CHECK(twice->related[0].message == "first declared here");
    CHECK(twice->related[0].location.input == "a.kader");
    CHECK(twice->related[0].location.line == 1);
    CHECK_THAT(kader::render(*twice),
               Catch::Contains("a.kader:1:8: note: first declared here\n  module m\n"));
}

TEST_CASE("two imported modules with the same last name are an error at the import") {
    auto diags = load_diagnostics({{"a.kader", "module a.x\nset s = {\"RU\"}\n"},
                                   {"b.kader", "module b.x\nset s = {\"BY\"}\n"},
                                   {"c.kader", "module c\nimport a.x\nimport b.x\n"}});
    const kader::Diagnostic* clash = with_code(diags, Code::import_alias_clash);
    REQUIRE(clash != nullptr);
    CHECK(clash->location.input == "c.kader");
    CHECK(clash->location.line == 3);
}

TEST_CASE("warnings come with a rule set that loads") {
    auto r = kader::RuleSet::from_strings(
        {{"t.kader", kt::module_t("set unused = {\"RU\"}\n"
                                  "rule r\n  goal sanctions\n  basis \"Art. 2\"\n"
                                  "  when case.destination == \"RU\"\n  then prohibited\n")}},
        false);
    REQUIRE(r.ok());
    REQUIRE(r.diagnostics().size() == 1);
    CHECK(r.diagnostics()[0].severity == kader::Severity::warning);
    CHECK(r.diagnostics()[0].code == Code::unused_set);
}

TEST_CASE("past the cap, the diagnostics end with one that counts the rest") {
    std::string rules = kt::module_t("");
    for (int i = 0; i < 60; ++i)
        rules += "rule r" + std::to_string(i) +
                 "\n  goal sanctions\n  basis \"Art. 2\"\n  when nothing_here\n  then prohibited\n";
    auto diags = load_diagnostics({{"t.kader", rules}});
    REQUIRE(diags.size() == 51);
    CHECK(diags.back().code == Code::too_many_diagnostics);
    CHECK(diags.back().severity == kader::Severity::error);
    CHECK(diags.back().message == "10 more errors not shown (at most 50 are shown per file)");
}

TEST_CASE("loading names a missing path, an empty folder and an empty rule set by code") {
    kt::TempDir dir;
    auto missing = kader::RuleSet::load({(dir.path() / "nowhere").string()}, false);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.diagnostics().front().code == Code::path_not_found);
    auto empty = kader::RuleSet::load({dir.path().string()}, false);
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.diagnostics().front().code == Code::folder_without_rules);
    auto nothing = kader::RuleSet::from_strings({}, false);
    REQUIRE_FALSE(nothing.ok());
    CHECK(nothing.diagnostics().front().code == Code::no_rules);
    CHECK(kader::render(nothing.diagnostics().front()) ==
          "error[K0104]: no rules to load\nhelp: name rule files with -r, or leave out "
          "--no-stdlib\n");
}

TEST_CASE("a case for rules without a schema, a case too deep and a bad as-of date have codes") {
    auto bare = kader::RuleSet::from_strings({{"t.kader", "module t\n"}}, false);
    REQUIRE(bare.ok());
    auto no_schema = bare->evaluate(std::string_view("{}"));
    REQUIRE_FALSE(no_schema.ok());
    CHECK(no_schema.diagnostics().front().code == Code::case_without_schema);

    auto rules = kt::load(kt::module_t(""));
    // As text, the JSON reader refuses it (K0107); a case built as a value, as
    // Kader's own tools build them, meets the case reader's limit.
    CHECK(
        rules.evaluate(std::string(200, '[') + std::string(200, ']')).diagnostics().front().code ==
        Code::json_syntax);
    nlohmann::json deep = nlohmann::json::array();
    nlohmann::json* at = &deep;
    for (int i = 0; i < 200; ++i)
        at = &(*at = nlohmann::json::array({nlohmann::json::array()}))[0];
    kader::Diagnostics too_deep;
    CHECK_FALSE(kader::read_case(*kader::program_of(rules), deep, "case", too_deep));
    CHECK(too_deep.list().front().code == Code::case_too_deep);

    kader::EvalOptions bad_day;
    bad_day.as_of = kader::Date{2023, 2, 30};
    auto refused = rules.evaluate(std::string_view(R"({"date": "2023-03-01"})"), bad_day);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.diagnostics().front().code == Code::bad_argument);
}

TEST_CASE("codes are named K and four digits, and read back") {
    CHECK(kader::code_name(Code::syntax) == "K0201");
    CHECK(kader::code_from_name("K0201") == Code::syntax);
    CHECK(kader::code_from_name("k201") == Code::syntax);
    CHECK_FALSE(kader::code_from_name("K0200"));
    CHECK_FALSE(kader::code_from_name("K02x1"));
    CHECK_FALSE(kader::code_from_name(""));
    std::set<unsigned> numbers;
    for (Code c : kader::all_codes()) {
        CHECK(numbers.insert(static_cast<unsigned>(c)).second);
        CHECK(std::string(kader::code_summary(c)).size() > 10);
    }
}

TEST_CASE("every diagnostic code is in docs/language.md, as `kader explain --all` prints it") {
    auto run = kt::kader("explain --all");
    REQUIRE(run.exit_code == 0);
    std::string docs = kt::read_file(kt::source_dir() / "docs" / "language.md");
    CHECK_THAT(docs, Catch::Contains(run.out));
}

TEST_CASE("every diagnostic code is pinned by a test that expects it") {
    // An internal error is a defect: no input is known to cause one (the
    // fuzzers look for them), so no test can expect it.
    const std::set<Code> unreachable = {Code::internal};
    auto named = codes_named_in_tests();
    for (Code c : kader::all_codes()) {
        if (unreachable.count(c)) continue;
        INFO(kader::code_name(c) << " " << enum_name(c) << ": " << kader::code_summary(c));
        CHECK((named.count(kader::code_name(c)) || named.count("Code::" + enum_name(c))));
    }
}
