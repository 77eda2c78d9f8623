#pragma once
// Greedy minimisation of a failing pair: drop declarations, rows, columns,
// rule lines and case facts, and simplify conditions, as long as the pair
// still fails. What "fails" means is the caller's predicate.
#include "generator.hpp"

#include <functional>

namespace kdiff {

using StillFails = std::function<bool(const GPair&)>;

// The smallest pair reached by one-step simplifications that keep failing;
// at most `budget` predicate calls.
GPair minimise(GPair pair, const StillFails& fails, int budget = 4000);

} // namespace kdiff
