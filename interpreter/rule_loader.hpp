#pragma once
// Rule files -> program: gathers the built-in standard library and the
// files and folders named with -r, then compiles them as one rule set.
#include "lang/checker.hpp"

#include <memory>
#include <string>
#include <vector>

namespace kader {

struct RuleSources {
    std::vector<std::string> paths;                         // files or folders of *.kader
    std::vector<std::pair<std::string, std::string>> texts; // (name, text) given directly
    bool stdlib = true;
};

std::shared_ptr<const Program> load_rules(const RuleSources& sources, Diagnostics& diags);

// The first half of load_rules: the rule files' texts, or nothing when one
// cannot be read (bad input, as opposed to rules that do not check).
std::optional<std::vector<std::unique_ptr<Source>>> read_rule_sources(const RuleSources& sources,
                                                                      Diagnostics& diags);

// Whether `name` is the name of one of the standard library's own files
// (so that the REPL and `kader test` can leave its warnings out).
bool is_builtin_rule_file(const std::string& name);

// Reads data files from the embedded standard library first, then from disk.
std::optional<std::string> read_rule_data(const Source& from, const std::string& path,
                                          std::string& error);

} // namespace kader
