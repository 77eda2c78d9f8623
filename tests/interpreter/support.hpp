#pragma once
// Helpers shared by the interpreter tests: a small case schema, rule sets
// built from text, decisions as JSON, temporary folders and running the
// `kader` binary.
#include "kader_catch.hpp"
#include <kader/kader.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace kt {

// A small case schema, enough for most tests. Tests that need other fields
// declare their own.
extern const char* const schema;

// `module t`, the small schema, then `rules`.
std::string module_t(const std::string& rules);

// Loads one rule file called "t.kader" (no standard library); fails the test
// with the diagnostics when it does not load.
kader::RuleSet load(const std::string& text);
// The diagnostics of a rule file that must not load, joined by newlines.
std::string load_errors(const std::string& text);

// Evaluates a case; fails the test with the diagnostics when there is no decision.
kader::Decision decide(const kader::RuleSet& rules, const std::string& case_json,
                       const kader::EvalOptions& options = {});
// A decision's JSON, parsed.
nlohmann::ordered_json json_of(const kader::Decision& d);
nlohmann::ordered_json decide_json(const kader::RuleSet& rules, const std::string& case_json,
                                   const kader::EvalOptions& options = {});
// The diagnostics for a case that must be rejected, joined by newlines.
std::string case_errors(const kader::RuleSet& rules, const std::string& case_json);

// The values of `key` in each object of a JSON array, in order.
std::vector<std::string> column(const nlohmann::ordered_json& list, const char* key = "rule");
// The entry of `list` whose "rule" is `id`; fails the test when there is none.
nlohmann::ordered_json entry(const nlohmann::ordered_json& list, const std::string& id);
// A reason's witness as the decision JSON writes it: the element's path and
// the field that names it.
nlohmann::ordered_json witness(const std::string& path, const std::string& field,
                               const std::string& name);

using Strings = std::vector<std::string>;

// A fresh empty folder, removed when the object goes.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path write(const std::string& name, const std::string& text) const;

private:
    std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);

struct Run {
    int exit_code = -1;
    std::string out, err;
};

// Runs a shell command, optionally with `input` on stdin.
Run shell(const std::string& command, const std::string& input = {});
// Runs `kader ARGS` (ARGS is shell text), optionally with `input` on stdin.
Run kader(const std::string& args, const std::string& input = {});
// Quotes a path for the shell.
std::string quoted(const std::filesystem::path& p);

std::filesystem::path source_dir();

// Checks `actual` against a golden file, or, with KADER_UPDATE_GOLDEN=1 in
// the environment, writes it there (review the diff before committing).
void compare_golden(const std::filesystem::path& file, const std::string& actual);

} // namespace kt
