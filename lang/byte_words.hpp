#pragma once
// Tests of many bytes at once, a word of eight or four at a time: the case
// reader looks for control characters in every text it reads, the JSON
// writer for bytes to escape in every text it writes, and most texts are a
// few bytes long (a country, an id), where a loop byte by byte cost more
// than the rest of the work.
//
// Each test is exact: its result is not zero exactly when some byte of the
// word has the property (borrows run only from a byte that has it).
#include <cstdint>
#include <cstring>
#include <string_view>

namespace kader::byte_words {

template <class Word> constexpr Word ones = static_cast<Word>(~Word{0}) / 0xFF; // 0x0101…
template <class Word> constexpr Word high = ones<Word> * 0x80;                  // 0x8080…

// Some byte of w is below `bound` (at most 0x80).
template <class Word> constexpr Word below(Word w, unsigned char bound) {
    return (w - ones<Word> * bound) & ~w & high<Word>;
}
// Some byte of w is `byte`.
template <class Word> constexpr Word equal(Word w, char byte) {
    return below<Word>(w ^ (ones<Word> * static_cast<unsigned char>(byte)), 1);
}
// Some byte of w is 0x80 or above.
template <class Word> constexpr Word not_ascii(Word w) {
    return w & high<Word>;
}

template <class Word> Word load(const char* p) {
    Word w;
    std::memcpy(&w, p, sizeof w);
    return w;
}

// Where the bytes of `s` from `at` on stop passing `word_has` (a test of a
// word, as above, for the bytes looked for), to the word: eight bytes at a
// time, then four. The bytes from there on are for the caller to look at
// one by one (all of them, when it is at most seven).
template <class WordHas>
std::size_t skip_words(std::string_view s, std::size_t at, WordHas word_has) {
    const char* p = s.data() + at;
    std::size_t left = s.size() - at;
    for (; left >= 8; p += 8, left -= 8)
        if (word_has(load<std::uint64_t>(p))) return s.size() - left;
    if (left >= 4 && !word_has(load<std::uint32_t>(p))) left -= 4;
    return s.size() - left;
}

} // namespace kader::byte_words
