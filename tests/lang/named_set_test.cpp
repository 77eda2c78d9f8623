// `under` a set: NamedSet::covers walks a code's prefixes (after a filter on
// how the code starts) and must agree with code_under tried against every
// entry, for dotted codes and digit codes, short and long.
#include "lang/program.hpp"

#include "kader_catch.hpp"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace kader {
namespace {

NamedSet set_of(const std::vector<std::string>& entries) {
    NamedSet s;
    for (const auto& e : entries)
        s.entries.insert(e);
    s.note_entries(entries);
    return s;
}

bool under_some(const std::vector<std::string>& entries, std::string_view code) {
    return std::any_of(entries.begin(), entries.end(),
                       [&](const std::string& e) { return code_under(code, e); });
}

TEST_CASE("a code lies under a set exactly when it lies under one of its entries", "[sets]") {
    std::vector<std::string> entries = {"3A001", "3A001.a.1", "5E002.b",
                                        "8542",  "854231",    "85423990"};
    NamedSet s = set_of(entries);
    for (std::string_view code :
         {"3A001", "3A001.b", "3A001.a.1.x", "5E002.b.3", "85429000", "85423111", "85423990"})
        CHECK(s.covers(code));
    for (std::string_view code :
         {"", "3", "3A00", "3A0011", "5E002", "5E002.c", "854", "8543", "85523111", "X8542"})
        CHECK_FALSE(s.covers(code));
}

TEST_CASE("entries longer than eight bytes start the filter at eight", "[sets]") {
    std::vector<std::string> entries = {"ABCDEFGHIJ.1", "ABCDEFGHXY"};
    NamedSet s = set_of(entries);
    CHECK(s.shortest == 10);
    CHECK(s.covers("ABCDEFGHIJ.1.2"));
    CHECK(s.covers("ABCDEFGHXY"));
    CHECK_FALSE(s.covers("ABCDEFGHIJ")); // starts as an entry does, but is above it
    CHECK_FALSE(s.covers("ABCDEFGH"));   // shorter than every entry
}

TEST_CASE("under a set agrees with under each entry on random codes", "[sets]") {
    std::mt19937 rng(11);
    auto pick = [&](const char* from) {
        return from[rng() % std::char_traits<char>::length(from)];
    };
    auto random_code = [&] {
        if (rng() % 2) { // a digit code of 2 to 10 digits
            std::string c(2 + rng() % 9, '0');
            for (char& ch : c)
                ch = pick("0123");
            return c;
        }
        std::string c = {pick("012"), pick("AB"), pick("01"), pick("01"), pick("01")};
        for (unsigned levels = rng() % 4; levels > 0; --levels)
            c += std::string(".") + pick("ab1");
        return c;
    };
    for (int round = 0; round < 20; ++round) {
        std::vector<std::string> entries;
        for (unsigned n = 1 + rng() % 40; n > 0; --n)
            entries.push_back(random_code());
        std::sort(entries.begin(), entries.end());
        entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
        NamedSet s = set_of(entries);
        for (int i = 0; i < 2000; ++i) {
            std::string code = random_code();
            if (s.covers(code) != under_some(entries, code))
                FAIL("disagrees on `" << code << "` (round " << round << ")");
        }
        for (const auto& e : entries) { // every entry, and below it
            bool digits = e.find_first_not_of("0123456789") == std::string::npos;
            CHECK(s.covers(e));
            CHECK(s.covers(e + (digits ? "9" : ".z")));
        }
    }
}

} // namespace
} // namespace kader
