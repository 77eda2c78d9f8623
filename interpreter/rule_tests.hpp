#pragma once
// Rule test files (docs/testing.md) -> typed tests. The reading is strict,
// because a lax one lets a test pass that checks nothing: a misspelt key
// ("aplies") would drop its expectation. So an unknown key, rule id or
// obligation name is an error with a suggestion, the JSON is read as
// strictly as a case, and every error names the file's line and column.
#include "lang/ast.hpp"
#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kader {

struct RuleTest {
    std::string name;
    std::string where; // "FILE:LINE:COL: tests[N] \"name\"", for reports
    nlohmann::json case_json;
    std::string case_origin; // where the case was written, for its own errors
    std::optional<ast::Days> as_of;
    ast::Verdict verdict = ast::Verdict::allow;
    std::optional<bool> incomplete;
    std::vector<std::string> applies, does_not_apply, overridden, obligations;
};

struct RuleTestFile {
    std::vector<RuleTest> tests; // the tests that read without an error
    std::size_t broken = 0;      // tests left out for their errors (in the diagnostics)
};

// The tests of one file, read from its text `text`. A `case_file` is read
// relative to the file's folder. Never throws.
RuleTestFile read_rule_tests(const Program& program, std::string_view text, const std::string& file,
                             Diagnostics& diags);

} // namespace kader
