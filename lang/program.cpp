#include "lang/program.hpp"

#include <algorithm>
#include <cstring>

namespace kader {

void SchemaField::name_words() {
    // Bytes, not shifts: the words compare with words loaded from the case
    // text the same way on any byte order.
    unsigned char bytes[16] = {}, filled[16] = {};
    std::size_t n = std::min<std::size_t>(name.size(), 16);
    std::memcpy(bytes, name.data(), n);
    std::memset(filled, 0xFF, n);
    std::memcpy(words.data(), bytes, sizeof bytes);
    std::memcpy(mask.data(), filled, sizeof filled);
}

int SchemaNode::field_index(std::string_view name) const {
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].name == name) return static_cast<int>(i);
    return -1;
}

namespace {

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

// Dotted codes descend at dots (3B001.f.1 under 3B001.f); digit-only codes
// (CN, HS) descend digit by digit (85423190 under 8542).
bool code_under(std::string_view x, std::string_view y) {
    if (y.empty() || x.size() < y.size() || x.compare(0, y.size(), y) != 0) return false;
    if (x.size() == y.size()) return true;
    if (all_digits(x)) return true;
    return x[y.size()] == '.';
}

void NamedSet::note_entries(const std::vector<std::string>& texts) {
    longest = lengths = 0;
    shortest = texts.empty() ? 0 : SIZE_MAX;
    for (const auto& e : texts) {
        longest = std::max(longest, e.size());
        shortest = std::min(shortest, e.size());
        lengths |= std::uint64_t{1} << std::min<std::size_t>(e.size(), 63);
    }
    heads = {};
    for (const auto& e : texts) {
        std::size_t h = head_hash(e);
        heads[h / 64] |= std::uint64_t{1} << (h % 64);
    }
}

// The hash of the first `shortest` bytes of `text` (at most eight), one of
// 4,096. `text` is at least `shortest` bytes long.
std::size_t NamedSet::head_hash(std::string_view text) const {
    std::uint64_t head = 0;
    std::memcpy(&head, text.data(), std::min<std::size_t>(shortest, 8));
    return static_cast<std::size_t>((head * 0x9e3779b97f4a7c15ULL) >> 52);
}

bool NamedSet::may_cover(std::string_view code) const {
    if (code.size() < shortest) return false; // shorter than every entry
    std::size_t h = head_hash(code);
    return (heads[h / 64] >> (h % 64)) & 1;
}

// Walks the prefixes of `code` that could be entries, so the cost depends
// on the code's length, never on the size of the set.
bool NamedSet::covers(std::string_view code) const {
    if (code.empty() || entries.empty() || !may_cover(code)) return false;
    if (all_digits(code)) {
        std::size_t top = std::min(code.size(), longest);
        for (std::size_t n = 1; n <= top; ++n)
            if (has_length(n) && contains(code.substr(0, n))) return true;
        return false;
    }
    for (std::size_t end = code.find('.');; end = code.find('.', end + 1)) {
        std::string_view prefix = code.substr(0, end);
        if (has_length(prefix.size()) && contains(prefix)) return true;
        if (end == std::string_view::npos || prefix.size() >= longest) return false;
    }
}

int Program::rule_index(std::string_view id) const {
    auto it = std::lower_bound(rules.begin(), rules.end(), id,
                               [](const RuleInfo& r, std::string_view k) { return r.id < k; });
    return it != rules.end() && it->id == id ? static_cast<int>(it - rules.begin()) : -1;
}

std::vector<std::string> Program::module_names() const {
    std::vector<std::string> names;
    for (const auto& m : modules)
        names.push_back(m.name);
    return names;
}

} // namespace kader
