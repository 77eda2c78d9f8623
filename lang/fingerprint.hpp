#pragma once
// The rule set's fingerprint: "sha256:" and the hash over the texts of its
// modules and data files, in a fixed order, so that the same rules always
// give the same fingerprint wherever they are loaded from.
#include <string>
#include <string_view>
#include <vector>

namespace kader {

std::string fingerprint(std::vector<std::string> texts);

// "sha256:" and the hash of one text (a case, a data file).
std::string sha256_of(std::string_view text);

} // namespace kader
