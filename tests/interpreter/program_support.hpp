#pragma once
// Helpers for the tests that look into a compiled program: the plans the
// checker makes for evaluation (element tests, quantifiers of the case).
#include "interpreter/api_internal.hpp"
#include "kader_catch.hpp"

#include <string>

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

} // namespace kt
