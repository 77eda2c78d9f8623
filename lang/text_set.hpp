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
// A set of country codes (every text two capital letters, as the case
// reader makes sure a `country` is) is looked up in a bitmap of the 676
// such texts instead, 88 bytes in one or two cache lines: the hash and the
// slot of a lookup took three times as long, and a screening rule set asks
// a few such sets of every party of a case.
//
// Why not std::unordered_set: it hashes every byte, allocates a node per
// text and follows a pointer per lookup (measured: a fifth of evaluation).
// Why not a library's flat set (abseil): the WebAssembly build of the
// playground cannot link it.
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
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
    // Inline: `in` and `under` ask it a dozen times a case, and most of
    // those end at the filter, a few instructions after the hash.
    bool contains(std::string_view text) const {
        if (size_ == 0) return false;
        if (pairs_only_) {
            const int pair = pair_of(text);
            return pair >= 0 && in_pairs(pair);
        }
        const std::uint64_t head = head_of(text), hash = hash_of(head, text);
        return in_filter(hash) && slots_[find(head, text, hash)].length != empty_slot;
    }
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

    // The first eight bytes of a text, zero-padded. A slot compares these
    // and the length, so "A" and "A\0" (both possible in JSON) stay apart.
    static std::uint64_t head_of(std::string_view text) {
        const std::size_t n = text.size();
        const char* p = text.data();
        std::uint64_t head = 0;
        if (n >= 8) {
            std::memcpy(&head, p, 8);
        } else if constexpr (std::endian::native != std::endian::little) {
            for (std::size_t i = 0; i < n; ++i)
                head |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
        } else if (n >= 4) {
            // Two loads that overlap, in place of a loop over the bytes:
            // most texts looked up (ids, CN codes, countries) are 2 to 7
            // bytes long.
            std::uint32_t low = 0, high = 0;
            std::memcpy(&low, p, 4);
            std::memcpy(&high, p + n - 4, 4);
            head = low | (std::uint64_t{high} << (8 * (n - 4)));
        } else if (n >= 2) {
            std::uint16_t low = 0, high = 0;
            std::memcpy(&low, p, 2);
            std::memcpy(&high, p + n - 2, 2);
            head = low | (std::uint64_t{high} << (8 * (n - 2)));
        } else if (n == 1) {
            head = static_cast<unsigned char>(p[0]);
        }
        return head;
    }
    // A 64-bit finaliser (from splitmix64): every input bit moves every
    // output bit, so a slot can be taken from the low bits.
    static std::uint64_t mix(std::uint64_t x) {
        x ^= x >> 30;
        x *= 0xbf58476d1ce4e5b9ULL;
        x ^= x >> 27;
        x *= 0x94d049bb133111ebULL;
        x ^= x >> 31;
        return x;
    }
    static std::uint64_t hash_of(std::uint64_t head, std::string_view text) {
        std::uint64_t h = mix(head ^ (text.size() * 0x9e3779b97f4a7c15ULL));
        return text.size() <= 8 ? h : hash_rest(h, text);
    }
    // The hash of a text longer than eight bytes, from `h`, the hash of its head.
    static std::uint64_t hash_rest(std::uint64_t h, std::string_view text);
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
    // A text of two capital letters as a number below 676, or -1.
    static int pair_of(std::string_view text) {
        if (text.size() != 2) return -1;
        const unsigned first = static_cast<unsigned char>(text[0]) - 'A';
        const unsigned second = static_cast<unsigned char>(text[1]) - 'A';
        return first < 26 && second < 26 ? static_cast<int>(first * 26 + second) : -1;
    }
    bool in_pairs(int pair) const { return (pairs_[pair / 64] >> (pair % 64)) & 1; }
    void note_pair(int pair) { pairs_[pair / 64] |= std::uint64_t{1} << (pair % 64); }
    std::string text_of(const Slot& slot) const;
    void grow(std::size_t capacity);

    std::vector<Slot> slots_; // a power of two in size, or empty
    // Bit (hash >> 32) mod its size, for each text: four bits per slot, a
    // power of two in size (so at least eight per text).
    std::vector<std::uint64_t> filter_;
    std::string rest_; // bytes 8.. of the texts longer than eight
    std::size_t size_ = 0;
    // Bit pair_of(text) of each text of two capital letters; whether every
    // text is one (then contains() asks only these bits).
    std::array<std::uint64_t, (26 * 26 + 63) / 64> pairs_{};
    bool pairs_only_ = true;
};

} // namespace kader
