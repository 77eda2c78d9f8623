// The catalogue of diagnostic codes, built from the one list in
// kader/diagnostic_codes.def: names, summaries, and lookup by name.
#include <algorithm>
#include <fmt/format.h>
#include <kader/diagnostic.hpp>

namespace kader {

namespace {

struct Entry {
    Code code;
    const char* summary;
};

const std::vector<Entry>& catalogue() {
    static const std::vector<Entry> entries = {
#define KADER_CODE(number, name, summary) {Code::name, summary},
#include "kader/diagnostic_codes.def"
#undef KADER_CODE
    };
    return entries;
}

} // namespace

std::string code_name(Code code) {
    return fmt::format("K{:04}", static_cast<unsigned>(code));
}

std::optional<Code> code_from_name(std::string_view name) {
    if (name.size() < 2 || (name[0] != 'K' && name[0] != 'k') || name.size() > 6)
        return std::nullopt;
    unsigned number = 0;
    for (char c : name.substr(1)) {
        if (c < '0' || c > '9') return std::nullopt;
        number = number * 10 + static_cast<unsigned>(c - '0');
    }
    for (const auto& e : catalogue())
        if (static_cast<unsigned>(e.code) == number) return e.code;
    return std::nullopt;
}

const char* code_summary(Code code) {
    for (const auto& e : catalogue())
        if (e.code == code) return e.summary;
    return "";
}

const std::vector<Code>& all_codes() {
    static const std::vector<Code> codes = [] {
        std::vector<Code> out;
        for (const auto& e : catalogue())
            out.push_back(e.code);
        return out;
    }();
    return codes;
}

} // namespace kader
