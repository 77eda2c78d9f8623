#pragma once
// A rule set as data: the texts of its modules and data files. The decision
// log stores one per fingerprint, so that a logged decision can be decided
// again years later without the files it was decided with.
#include "lang/checker.hpp"

#include <memory>
#include <string>
#include <vector>

namespace kader {

struct RuleSetSnapshot {
    struct File {
        std::string name; // a module's source name, or a data file's data_file_name
        std::string text;
        bool builtin = false; // a module of the built-in standard library
    };
    std::string fingerprint;
    std::vector<File> modules; // in the order the program was compiled from
    std::vector<File> data;    // sorted by name
};

RuleSetSnapshot snapshot_of(const Program& program);

// Compiles the snapshot again, reading data files only from it. Null, with
// the errors in `diags`, when it does not compile or no longer gives its
// fingerprint (a damaged log: K1004). `origin` names the snapshot in errors.
std::shared_ptr<const Program> compile_snapshot(const RuleSetSnapshot& snapshot,
                                                const std::string& origin, Diagnostics& diags);

} // namespace kader
