#pragma once
// A set of texts, for the membership tests of `in` and `under`: every case
// asks a few dozen of them, so a lookup must be cheap. The texts sit in one
// flat array of slots (open addressing, linear probing, at most half full);
// a slot holds a text's length and its first eight bytes, so a lookup of a
// short text (a country, a CN code, most ids) reads one slot and nothing
// else. The rest of a longer text is kept in one block of characters.
//
// Before the slots, a lookup asks a filter of a few bits per text (one
// bit per text, at most an eighth of them set): most texts looked up are in
// no set (an entity list of thousands is 256 KiB of slots), and a bit in a
// filter of a few KiB that stays in the cache tells them so, where the
// slot was a miss in the cache (perf: a twelfth of `batch` in TextSet::find).
//
// Why not std::unordered_set: it hashes every byte, allocates a node per
// text and follows a pointer per lookup (measured: a fifth of evaluation).
// Why not a library's flat set (abseil): the WebAssembly build of the
// playground cannot link it.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kader {

class TextSet {
public:
    // Adds `text`; false when it was in already. A set is read from one file
    // or one rule file, each at most 64 MiB, so the characters kept stay
    // far below the 4 GiB a slot can point into.
    bool insert(std::string_view text);
    bool contains(std::string_view text) const;
    // Room for `n` texts without growing.
    void reserve(std::size_t n);
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    // The texts, in no particular order.
    std::vector<std::string> texts() const;

private:
    static constexpr std::uint32_t empty_slot = UINT32_MAX;
    struct Slot {
        std::uint64_t head = 0;            // the first eight bytes, zero-padded
        std::uint32_t length = empty_slot; // the text's length in bytes
        std::uint32_t rest = 0;            // where bytes 8.. are in rest_
    };

    std::size_t find(std::uint64_t head, std::string_view text, std::uint64_t hash) const;
    // The filter's bit for a text of this hash.
    std::uint64_t filter_bit(std::uint64_t hash) const {
        return (hash >> 32) & (filter_.size() * 64 - 1);
    }
    void note_in_filter(std::uint64_t hash) {
        std::uint64_t bit = filter_bit(hash);
        filter_[bit / 64] |= std::uint64_t{1} << (bit % 64);
    }
    bool in_filter(std::uint64_t hash) const {
        std::uint64_t bit = filter_bit(hash);
        return (filter_[bit / 64] >> (bit % 64)) & 1;
    }
    std::string text_of(const Slot& slot) const;
    void grow(std::size_t capacity);

    std::vector<Slot> slots_; // a power of two in size, or empty
    // Bit (hash >> 32) mod its size, for each text: four bits per slot, a
    // power of two in size (so at least eight per text).
    std::vector<std::uint64_t> filter_;
    std::string rest_; // bytes 8.. of the texts longer than eight
    std::size_t size_ = 0;
};

} // namespace kader
