// Tests of many bytes at once (lang/byte_words.hpp) against the same test
// made byte by byte: every byte value, at every place of a word of eight
// and of four, among bytes that pass; and skip_words stopping where a byte
// loop has to take over, for every length up to 20.
#include "lang/byte_words.hpp"

#include "kader_catch.hpp"

#include <cstdint>
#include <string>

namespace kader {
namespace {

using namespace byte_words;

// A word of `size` bytes, all 'a' but `byte` at `place`.
template <class Word> Word word_with(unsigned char byte, std::size_t place) {
    std::string bytes(sizeof(Word), 'a');
    bytes[place] = static_cast<char>(byte);
    return load<Word>(bytes.data());
}

template <class Word> void check_every_byte_everywhere() {
    for (std::size_t place = 0; place < sizeof(Word); ++place)
        for (unsigned byte = 0; byte < 256; ++byte) {
            Word w = word_with<Word>(static_cast<unsigned char>(byte), place);
            INFO("byte " << byte << " at " << place << " of " << sizeof(Word));
            CHECK((below(w, 0x20) != 0) == (byte < 0x20));
            CHECK((below(w, 'A') != 0) == (byte < 'A')); // (the other bytes, 'a', are above)
            CHECK((equal(w, '"') != 0) == (byte == '"'));
            CHECK((equal(w, '\\') != 0) == (byte == '\\'));
            CHECK((not_ascii(w) != 0) == (byte >= 0x80));
        }
}

TEST_CASE("a word test holds exactly when some byte of the word has the property", "[byte_words]") {
    check_every_byte_everywhere<std::uint64_t>();
    check_every_byte_everywhere<std::uint32_t>();
    // Several bytes that have it, side by side: a borrow makes no false answer either way.
    CHECK(below(load<std::uint64_t>("\x01\x00\x1f\x20 !~\x7f"), 0x20) != 0);
    CHECK(below(load<std::uint64_t>("\x20\xff\x80\x7f !~a"), 0x20) == 0);
    CHECK(equal(load<std::uint64_t>("\"\"\x21\x23\x00\xa2\"a"), '"') != 0);
    CHECK(equal(load<std::uint64_t>("\x21\x23\x00\xa2\x01\x02\x03\x04"), '"') == 0);
}

TEST_CASE("skip_words passes whole words only, and never one with a byte looked for",
          "[byte_words]") {
    auto has_control = [](auto w) { return below(w, 0x20) != 0; };
    for (std::size_t size = 0; size <= 20; ++size) {
        std::string plain(size, 'x');
        // With nothing looked for, it stops at the last whole word of four or eight.
        std::size_t expect = size / 8 * 8 + (size % 8 >= 4 ? 4 : 0);
        CHECK(skip_words(plain, 0, has_control) == expect);
        for (std::size_t at = 0; at < size; ++at) {
            std::string text = plain;
            text[at] = '\n';
            std::size_t stop = skip_words(text, 0, has_control);
            INFO("a line break at " << at << " of " << size << ", stopped at " << stop);
            CHECK(stop <= at);    // the byte is left to the caller,
            CHECK(at - stop < 8); // who looks at fewer than a word's bytes before it,
            CHECK(stop % 4 == 0); // and words are whole.
        }
    }
    // From a place inside the text.
    CHECK(skip_words("ab\ncdefghijklmn", 3, has_control) == 15); // to its end
    CHECK(skip_words("abcdefghijk\nmn", 3, has_control) == 3 + 8);
}

} // namespace
} // namespace kader
