#pragma once
// The standard rule library, compiled into the binary (see embed_files.cmake).
#include <string_view>
#include <vector>

namespace kader {

struct EmbeddedFile {
    std::string_view path; // "stdlib-rules/sanctions/russia.kader"
    std::string_view text;
};

const std::vector<EmbeddedFile>& stdlib_files();

} // namespace kader
