// The country codes a case or a rule may use: the 249 assigned ISO 3166-1
// codes, and nothing else (a typo, lower case or a three-letter code is refused).
#include "lang/countries.hpp"

#include "kader_catch.hpp"

#include <algorithm>
#include <string>

namespace kader {
namespace {

TEST_CASE("is_country_code accepts the 249 assigned codes and nothing else", "[countries]") {
    auto codes = country_codes();
    REQUIRE(codes.size() == 249);
    CHECK(std::is_sorted(codes.begin(), codes.end()));
    // Every pair of capital letters: exactly the listed ones are codes.
    int accepted = 0;
    for (char a = 'A'; a <= 'Z'; ++a)
        for (char b = 'A'; b <= 'Z'; ++b) {
            std::string code{a, b};
            bool listed = std::binary_search(codes.begin(), codes.end(), code);
            CHECK(is_country_code(code) == listed);
            accepted += is_country_code(code);
        }
    CHECK(accepted == 249);
    for (std::string_view code : {"NL", "RU", "BY", "CN", "HK", "ZW", "AD"})
        CHECK(is_country_code(code));
    for (std::string_view code :
         {"", "N", "nl", "Nl", "NLD", "XX", "EU", "UK", "ZZ", "N1", "@A", "[A", "A@", "A[", "RU "})
        CHECK_FALSE(is_country_code(code));
}

} // namespace
} // namespace kader
