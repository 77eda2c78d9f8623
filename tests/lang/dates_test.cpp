// Dates as days since 1970-01-01: YYYY-MM-DD read and written back the same,
// for every day a case or rule file can name.
#include "lang/ast.hpp"

#include "kader_catch.hpp"

#include <fmt/format.h>

namespace kader::ast {
namespace {

TEST_CASE("format_date writes back every day parse_date reads", "[dates]") {
    auto first = parse_date("0001-01-01"), last = parse_date("9999-12-31");
    REQUIRE(first);
    REQUIRE(last);
    CHECK(format_date(0) == "1970-01-01");
    CHECK(format_date(-1) == "1969-12-31");
    CHECK(format_date(*first) == "0001-01-01");
    CHECK(format_date(*last) == "9999-12-31");
    // Each day of 1899..2101 (leap days, 1900 and 2000 included), then one day in
    // 97 over all ten thousand years: text, back to the day, and back again.
    auto round_trip = [](Days d) {
        std::string text = format_date(d);
        auto again = parse_date(text);
        INFO(d << " " << text);
        REQUIRE(again);
        CHECK(*again == d);
    };
    for (Days d = *parse_date("1899-01-01"); d <= *parse_date("2101-12-31"); ++d)
        round_trip(d);
    for (Days d = *first; d <= *last; d += 97)
        round_trip(d);
    CHECK(format_date(*parse_date("2024-02-29")) == "2024-02-29");
    CHECK(format_date(*parse_date("2000-02-29") + 1) == "2000-03-01");
    CHECK(format_date(*parse_date("1900-02-28") + 1) == "1900-03-01");
}

TEST_CASE("format_date writes days beyond year 9999 or before year 0 in full", "[dates]") {
    // Reached only by arithmetic on dates; shown as they are, not wrapped.
    auto last = *parse_date("9999-12-31");
    CHECK(format_date(last + 1) == "10000-01-01");
    auto first = *parse_date("0001-01-01");
    CHECK(format_date(first - 366) == "0000-01-01");
    CHECK(format_date(first - 367) == "-001-12-31");
}

} // namespace
} // namespace kader::ast
