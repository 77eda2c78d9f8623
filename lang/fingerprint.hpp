#pragma once
// The rule set's fingerprint: "sha256:" and the hash over the texts of its
// modules and data files, in a fixed order, so that the same rules always
// give the same fingerprint wherever they are loaded from.
#include <string>
#include <vector>

namespace kader {

std::string fingerprint(std::vector<std::string> texts);

} // namespace kader
