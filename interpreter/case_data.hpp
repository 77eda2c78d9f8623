#pragma once
// A case, checked against the schema and laid out for evaluation: records
// are vectors indexed by the schema's field slots, so a field access is an
// index, never a lookup by name.
#include "lang/ast.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kader {

struct Datum {
    enum class Kind : std::uint8_t { absent, boolean, number, string, date, list, record };
    Kind kind = Kind::absent;
    bool boolean = false;
    double number = 0;
    ast::Days date = 0;
    std::string text;
    std::vector<Datum> elements; // list elements, or record fields by slot

    bool operator==(const Datum&) const = default;
};

struct CaseData {
    Datum root;
    std::string id;     // the case's `id`, when it has one
    ast::Days date = 0; // the case's `date`: the default "as of"
    bool has_date = false;
};

} // namespace kader
