#pragma once
// Helpers for the tests that look into a compiled program: the plans the
// checker makes for evaluation (element tests, quantifiers of the case).
#include "interpreter/api_internal.hpp"
#include "kader_catch.hpp"
#include "support.hpp"

#include <string>
#include <string_view>

namespace kt {

// The compiled program of `rules`, to change: a test takes a plan away and
// compares the decisions with and without it.
inline kader::Program& program_to_change(const kader::RuleSet& rules) {
    return *std::const_pointer_cast<kader::Program>(kader::program_of(rules));
}

// The node of rule `id`'s condition; fails the test when there is no such rule.
inline int condition_of(const kader::Program& p, const std::string& id) {
    int i = p.rule_index(id);
    REQUIRE(i >= 0);
    return p.rules[static_cast<std::size_t>(i)].when;
}

// Sets and definitions of a small screening rule set, in the shapes the
// plans are made for: an entity set, a code set for `under`, definitions
// of one parameter and of none (in module_t's schema).
inline const char* const screening_definitions = R"R(
set embargoed = {"RU", "BY", "KP"}
set equipment: code = {"3B001", "3A001.a"}
set friends = {"JP", "NL"}

def covered(item) = item.code under equipment
def friendly(country) = country in friends
def embargo_bound = case.destination in embargoed or any p in case.parties: p.country in embargoed
)R";

// The module of these definitions and `rules`.
inline std::string screening_module(std::string_view rules) {
    std::string text(screening_definitions);
    text.append(rules);
    return module_t(text);
}

} // namespace kt
