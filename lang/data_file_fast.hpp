#pragma once
// The fast path of loading a set's data file: simdjson's DOM, which checks
// the whole text as strictly as the strict reading (lang/json_input.hpp)
// does, except for repeated keys, which are looked for here.
//
// It takes only a file that the strict reading takes, with an array of
// non-empty texts where the set's entries are, and then finds what the
// strict reading finds. Anything else (an error of any kind, a JSON pointer
// that steps into an array, nesting deeper than a data file needs) it
// declines without a word: the checker then reads the file strictly and
// reports what is wrong at its line and column.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kader {

struct DataFileEntries {
    std::vector<std::string> entries; // in the order written
    std::string source, reliability;  // an object's notes on the data, when given as texts
    bool in_object = false;           // the entries are the "entries" of an object
};

// A data file parsed and checked once, for every set that loads a part of
// it (`rules.json#/embargo`, `rules.json#/entity_list`): parsing it again
// for each took most of loading screen-1's seven sets.
class FastDataFile {
public:
    // Parses and checks `text`; declined() when the fast path leaves it to
    // the strict reading. Never throws.
    explicit FastDataFile(std::string_view text);
    ~FastDataFile();
    FastDataFile(const FastDataFile&) = delete;
    FastDataFile& operator=(const FastDataFile&) = delete;

    bool declined() const { return !parsed_; }
    // The entries at `pointer` (JSON pointer tokens, unescaped; none: the
    // whole file), or nothing when the fast path declines. Never throws.
    std::optional<DataFileEntries> entries_at(const std::vector<std::string>& pointer) const;

private:
    struct Parsed; // simdjson's document, kept out of this header
    std::unique_ptr<Parsed> parsed_;
};

} // namespace kader
