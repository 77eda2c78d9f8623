// The set behind `in` and `under`: every text put in is found, and nothing
// else, whatever its length or bytes, across the table's growth.
#include "lang/text_set.hpp"

#include "kader_catch.hpp"

#include <algorithm>
#include <random>
#include <set>
#include <string>

namespace kader {
namespace {

TEST_CASE("a text set finds what was put in and nothing else", "[text_set]") {
    TextSet s;
    CHECK(s.empty());
    CHECK_FALSE(s.contains(""));
    CHECK_FALSE(s.contains("RU"));
    CHECK(s.insert("RU"));
    CHECK(s.insert("3A001.a.1"));
    CHECK(s.insert(""));
    CHECK_FALSE(s.insert("RU")); // already in
    CHECK(s.size() == 3);
    CHECK(s.contains("RU"));
    CHECK(s.contains("3A001.a.1"));
    CHECK(s.contains(""));
    for (std::string_view other : {"R", "RUS", "ru", "3A001.a", "3A001.a.2", "3A001.a.1 ", "U"})
        CHECK_FALSE(s.contains(other));
}

TEST_CASE("texts that differ only in length or in a zero byte stay apart", "[text_set]") {
    using namespace std::string_literals;
    TextSet s;
    CHECK(s.insert("A"s));
    CHECK(s.insert("A\0"s));
    CHECK(s.insert("ABCDEFGH"s));
    CHECK(s.insert("ABCDEFGH\0"s));
    CHECK(s.insert("ABCDEFGHI"s));
    CHECK(s.size() == 5);
    CHECK_FALSE(s.contains("A\0\0"s));
    CHECK_FALSE(s.contains("ABCDEFG"s));
    CHECK_FALSE(s.contains("ABCDEFGHJ"s));
    CHECK(s.contains("ABCDEFGH\0"s));
    std::vector<std::string> texts = s.texts();
    std::sort(texts.begin(), texts.end());
    CHECK(texts ==
          std::vector<std::string>{"A"s, "A\0"s, "ABCDEFGH"s, "ABCDEFGH\0"s, "ABCDEFGHI"s});
}

// A set of country codes is looked up in its bitmap of two-letter texts;
// once any other text is in, in its slots. Either way, the same answers.
TEST_CASE("a set of two capital letters each finds them, and nothing else", "[text_set]") {
    using namespace std::string_literals;
    const std::vector<std::string> codes = {"AA", "RU", "BY", "KP", "ZZ", "IR"};
    TextSet countries;
    for (const auto& c : codes)
        CHECK(countries.insert(c));
    TextSet mixed = countries;
    CHECK(mixed.insert("EU001"));
    for (const TextSet* s : {&countries, &mixed}) {
        for (const auto& c : codes)
            CHECK(s->contains(c));
        for (std::string_view other :
             {"", "R", "RUS", "ru", "Ru", "rU", "UR", "AZ", "ZA", "@A", "A[", "[A", "A@"})
            CHECK_FALSE(s->contains(other));
        CHECK_FALSE(s->contains("R\0"s));
        CHECK_FALSE(s->contains("\0U"s));
        // Every text of two bytes, against the list.
        for (int a = 0; a < 256; ++a)
            for (int b = 0; b < 256; ++b) {
                std::string t{static_cast<char>(a), static_cast<char>(b)};
                bool listed = std::find(codes.begin(), codes.end(), t) != codes.end();
                if (s->contains(t) != listed) FAIL("disagrees on bytes " << a << ", " << b);
            }
    }
    CHECK(mixed.contains("EU001"));
    CHECK_FALSE(countries.contains("EU001"));
    // A text of two other bytes is no country code: the slots answer for it.
    TextSet accented;
    CHECK(accented.insert("\xc3\x84"s));
    CHECK(accented.insert("RU"));
    CHECK(accented.contains("\xc3\x84"s));
    CHECK(accented.contains("RU"));
    CHECK_FALSE(accented.contains("BY"));
}

TEST_CASE("a text set agrees with std::set on 50\\,000 random texts", "[text_set]") {
    std::mt19937 rng(7);
    auto random_text = [&] {
        std::string t(rng() % 24, '\0');
        for (char& c : t)
            c = static_cast<char>("AB.0\x01\xff"[rng() % 6]);
        return t;
    };
    TextSet s;
    std::set<std::string> reference;
    for (int i = 0; i < 50000; ++i) {
        std::string t = random_text();
        CHECK(s.insert(t) == reference.insert(t).second);
    }
    CHECK(s.size() == reference.size());
    for (int i = 0; i < 50000; ++i) {
        std::string t = random_text();
        if (s.contains(t) != (reference.count(t) == 1))
            FAIL("disagrees on a text of " << t.size() << " bytes");
    }
    std::vector<std::string> texts = s.texts();
    std::sort(texts.begin(), texts.end());
    CHECK(texts == std::vector<std::string>(reference.begin(), reference.end()));
}

TEST_CASE("room reserved up front holds the texts without growing wrong", "[text_set]") {
    TextSet s;
    s.reserve(1000);
    for (int i = 0; i < 3000; ++i)
        CHECK(s.insert("E" + std::to_string(i)));
    for (int i = 0; i < 3000; ++i)
        CHECK(s.contains("E" + std::to_string(i)));
    CHECK_FALSE(s.contains("E3000"));
    CHECK(s.size() == 3000);
}

} // namespace
} // namespace kader
