#pragma once
// What the differential test compares between the interpreter and the
// reference: the observable parts of a decision, as plain sorted strings, so
// that neither side's data structures leak into the comparison.
#include <array>
#include <map>
#include <string>
#include <vector>

namespace kdiff {

struct Outcome {
    std::string verdict;
    bool incomplete = false;
    std::array<std::string, 5> goals; // in the order of ast::Goal
    std::vector<std::string> applied; // rule ids, sorted (overridden rules included)
    std::map<std::string, std::vector<std::string>> overridden;   // rule -> exceptions, sorted
    std::vector<std::string> conflicts;                           // overridden rules in conflict
    std::map<std::string, std::vector<std::string>> undetermined; // rule -> missing facts
    std::vector<std::string> obligations; // "name (rule)": one per name, sorted by name
    std::vector<std::string> missing;     // the facts that could change the verdict, sorted
};

// One line per difference, "" when the outcomes agree.
std::string differences(const Outcome& interpreter, const Outcome& reference);

// The outcome as a few lines of text, for failure reports.
std::string describe(const Outcome& o);

} // namespace kdiff
