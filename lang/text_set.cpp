#include "lang/text_set.hpp"

#include <algorithm>
#include <cstring>

namespace kader {

std::uint64_t TextSet::hash_rest(std::uint64_t h, std::string_view text) {
    for (std::size_t i = 8; i < text.size(); i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, text.data() + i, std::min<std::size_t>(8, text.size() - i));
        h = mix(h ^ word);
    }
    return h;
}

// The slot holding `text`, or the empty slot where it would go.
std::size_t TextSet::find(std::uint64_t head, std::string_view text, std::uint64_t hash) const {
    const std::size_t mask = slots_.size() - 1;
    const std::size_t length = text.size();
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot& slot = slots_[i];
        if (slot.length == empty_slot) return i;
        if (slot.length == length && slot.head == head &&
            (length <= 8 ||
             std::memcmp(rest_.data() + slot.rest, text.data() + 8, length - 8) == 0))
            return i;
    }
}

bool TextSet::insert(std::string_view text) {
    if ((size_ + 1) * 2 > slots_.size()) grow(std::max<std::size_t>(16, slots_.size() * 2));
    const std::uint64_t head = head_of(text), hash = hash_of(head, text);
    Slot& slot = slots_[find(head, text, hash)];
    if (slot.length != empty_slot) return false;
    note_in_filter(hash);
    if (const int pair = pair_of(text); pair >= 0)
        note_pair(pair);
    else
        pairs_only_ = false;
    slot.head = head;
    slot.length = static_cast<std::uint32_t>(text.size());
    slot.rest = static_cast<std::uint32_t>(rest_.size());
    if (text.size() > 8) rest_.append(text.substr(8));
    ++size_;
    return true;
}

void TextSet::reserve(std::size_t n) {
    std::size_t capacity = 16;
    while (capacity < n * 2)
        capacity *= 2;
    if (capacity > slots_.size()) grow(capacity);
}

std::string TextSet::text_of(const Slot& slot) const {
    std::string text(slot.length, '\0');
    if (slot.length < 8) {
        for (std::size_t i = 0; i < slot.length; ++i)
            text[i] = static_cast<char>((slot.head >> (8 * i)) & 0xff);
        return text;
    }
    std::memcpy(text.data(), &slot.head, 8); // as head_of read it
    text.replace(8, slot.length - 8, rest_, slot.rest, slot.length - 8);
    return text;
}

// Moves every text to a table of `capacity` slots (a power of two).
void TextSet::grow(std::size_t capacity) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{});
    filter_.assign(capacity / 16, 0); // four bits per slot; 16 slots at the least
    for (const Slot& slot : old) {
        if (slot.length == empty_slot) continue;
        std::string text = text_of(slot);
        std::uint64_t hash = hash_of(slot.head, text);
        slots_[find(slot.head, text, hash)] = slot;
        note_in_filter(hash);
    }
}

std::vector<std::string> TextSet::texts() const {
    std::vector<std::string> out;
    out.reserve(size_);
    for (const Slot& slot : slots_)
        if (slot.length != empty_slot) out.push_back(text_of(slot));
    return out;
}

} // namespace kader
