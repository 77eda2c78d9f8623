// The WebAssembly build has no simdjson: every data file is read strictly,
// with the same entries and the same diagnostics, only slower.
#include "lang/data_file_fast.hpp"

namespace kader {

std::optional<DataFileEntries> read_data_file_fast(std::string_view,
                                                   const std::vector<std::string>&) {
    return std::nullopt;
}

} // namespace kader
