// The WebAssembly build has no simdjson: every case goes to the strict
// reader, which gives the same cases and the same diagnostics, only slower.
#include "interpreter/case_reader_fast.hpp"

namespace kader {

bool read_case_root_fast(const Program&, std::string_view, std::size_t, CaseData&) {
    return false;
}

std::optional<CaseData> read_case_root_fast(const Program&, std::string_view) {
    return std::nullopt;
}

} // namespace kader
