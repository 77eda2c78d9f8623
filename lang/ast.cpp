#include "lang/ast.hpp"

#include <fmt/format.h>

namespace kader::ast {

const char* to_string(Verdict v) {
    static const char* names[] = {"allow", "license_required", "escalate", "deny", "prohibited"};
    return names[static_cast<int>(v)];
}

const char* to_string(Goal g) {
    static const char* names[] = {"end_use", "strategic_dependency", "tech_leadership", "sanctions",
                                  "control_list"};
    return names[static_cast<int>(g)];
}

const char* to_string(CompareOp op) {
    static const char* names[] = {"==", "!=", "<", "<=", ">", ">=", "in", "not in", "under"};
    return names[static_cast<int>(op)];
}

const char* to_string(Quantifier q) {
    static const char* names[] = {"any", "all", "none", "count"};
    return names[static_cast<int>(q)];
}

std::optional<Verdict> verdict_from(std::string_view s) {
    for (int i = 0; i < verdict_count; ++i)
        if (s == to_string(static_cast<Verdict>(i))) return static_cast<Verdict>(i);
    return std::nullopt;
}

std::optional<Goal> goal_from(std::string_view s) {
    for (int i = 0; i < goal_count; ++i)
        if (s == to_string(static_cast<Goal>(i))) return static_cast<Goal>(i);
    return std::nullopt;
}

namespace {

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
Days days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

bool leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned days_in_month(int y, unsigned m) {
    static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

} // namespace

std::optional<Days> parse_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto digits = [&](std::size_t from, std::size_t n) -> int {
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    // Year 0000 does not exist in the calendar the law uses.
    if (y < 1 || m < 1 || m > 12 || d < 1) return std::nullopt;
    if (static_cast<unsigned>(d) > days_in_month(y, static_cast<unsigned>(m))) return std::nullopt;
    return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

namespace {

struct Civil {
    int year;
    unsigned month, day;
};

// Howard Hinnant's civil_from_days, the inverse of days_from_civil.
Civil civil_from_days(Days z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int y = static_cast<int>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

} // namespace

// Written digit by digit: every decision shows a date, and fmt::format
// parses its format string at run time, which cost more than deciding.
bool format_date(Days day, std::array<char, 10>& text) {
    Civil c = civil_from_days(day);
    if (c.year < 0 || c.year > 9999) return false;
    auto u = static_cast<unsigned>(c.year);
    text = {static_cast<char>('0' + u / 1000),
            static_cast<char>('0' + u / 100 % 10),
            static_cast<char>('0' + u / 10 % 10),
            static_cast<char>('0' + u % 10),
            '-',
            static_cast<char>('0' + c.month / 10),
            static_cast<char>('0' + c.month % 10),
            '-',
            static_cast<char>('0' + c.day / 10),
            static_cast<char>('0' + c.day % 10)};
    return true;
}

std::string format_date(Days day) {
    std::array<char, 10> text;
    if (format_date(day, text)) return std::string(text.data(), text.size());
    Civil c = civil_from_days(day);
    return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

} // namespace kader::ast
