// The WebAssembly build has no simdjson: every data file is read strictly,
// with the same entries and the same diagnostics, only slower.
#include "lang/data_file_fast.hpp"

namespace kader {

struct FastDataFile::Parsed {};

FastDataFile::FastDataFile(std::string_view) {}
FastDataFile::~FastDataFile() = default;

std::optional<DataFileEntries> FastDataFile::entries_at(const std::vector<std::string>&) const {
    return std::nullopt;
}

} // namespace kader
