#include "lang/code_shapes.hpp"

#include "lang/ascii.hpp"
#include "lang/countries.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kader {

namespace {

using ascii::is_digit;
using ascii::is_lower;
using ascii::is_upper;

bool all_digits(std::string_view s) {
    // Through a lambda, not the function's address, so that the test is
    // inlined (a case's CN codes are read through here).
    return std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

// `.a.4`, `.d.12`: the sub-items below an entry, lowercase letters and digits.
bool sub_items(std::string_view s, bool capitals) {
    while (!s.empty()) {
        if (s.front() != '.') return false;
        s.remove_prefix(1);
        std::size_t n = 0;
        while (n < s.size() && s[n] != '.' &&
               (is_lower(s[n]) || is_digit(s[n]) || (capitals && is_upper(s[n]))))
            ++n;
        if (n == 0 || (n < s.size() && s[n] != '.')) return false;
        s.remove_prefix(n);
    }
    return true;
}

// 3B001: category digit, group letter A-E, three digits.
bool annex_i_entry(std::string_view s) {
    return s.size() >= 5 && is_digit(s[0]) && s[1] >= 'A' && s[1] <= 'E' && is_digit(s[2]) &&
           is_digit(s[3]) && is_digit(s[4]) && sub_items(s.substr(5), false);
}

// ML1 to ML22, with sub-items.
bool military_code(std::string_view s) {
    if (s.size() < 3 || s.substr(0, 2) != "ML" || !is_digit(s[2])) return false;
    std::size_t n = 2;
    while (n < s.size() && is_digit(s[n]))
        ++n;
    return n <= 4 && sub_items(s.substr(n), false);
}

// X, X.A.I.001: Annex VII numbering (its parts are capitals, roman numerals, digits).
bool annex_vii_code(std::string_view s) {
    return !s.empty() && s[0] == 'X' && sub_items(s.substr(1), true);
}

// An ECCN: category digit, group letter A-E or Y, three digits.
bool eccn_entry(std::string_view s) {
    return s.size() >= 5 && is_digit(s[0]) && ((s[1] >= 'A' && s[1] <= 'E') || s[1] == 'Y') &&
           is_digit(s[2]) && is_digit(s[3]) && is_digit(s[4]) && sub_items(s.substr(5), false);
}

std::string without(std::string_view s, std::string_view drop) {
    std::string out;
    for (char c : s)
        if (drop.find(c) == std::string_view::npos) out += c;
    return out;
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (is_lower(c)) c = static_cast<char>(c - 'a' + 'A');
    return out;
}

} // namespace

bool valid_cn_code(std::string_view s) {
    return s.size() >= 2 && s.size() <= 8 && all_digits(s);
}

bool valid_control_code(std::string_view s) {
    return (annex_i_entry(s) && !us_only_eccn(s)) || military_code(s) || annex_vii_code(s);
}

bool valid_us_eccn(std::string_view s) {
    return s == "EAR99" || eccn_entry(s);
}

bool us_only_eccn(std::string_view s) {
    if (s == "EAR99") return true;
    if (!eccn_entry(s)) return false;
    std::string_view entry = s.substr(0, 5);
    // The EU numbers its entries by regime (0xx Wassenaar, 1xx MTCR, 2xx NSG,
    // 3xx Australia Group, 4xx CWC). The 9xx range is left open for entries
    // the EU adds on its own; only the US anti-terrorism range 99x is refused.
    char series = s[2];
    bool at_series = s[2] == '9' && s[3] == '9';
    return s[1] == 'Y' || series == '5' || series == '6' || at_series || entry == "3A090" ||
           entry == "4A090" || entry == "3B090";
}

std::string cn_code_hint(std::string_view s) {
    std::string digits = without(s, ". ");
    if (digits != s && valid_cn_code(digits))
        return fmt::format("write CN codes without dots or spaces: \"{}\"", digits);
    if (valid_control_code(s)) return "it looks like a control code, not a CN code";
    if (is_country_code(s)) return "it looks like a country code, not a CN code";
    return "a CN code has up to 8 digits, as in \"8542\" or \"85423190\"";
}

std::string control_code_hint(std::string_view s) {
    if (us_only_eccn(s))
        return fmt::format("\"{}\" is a US classification (ECCN) that no EU control list uses: "
                           "an item so classified is not an EU Annex I item; a US ECCN goes in a "
                           "field of type `eccn`",
                           s);
    if (valid_cn_code(without(s, ". "))) return "it looks like a CN code, not a control code";
    if (is_country_code(s)) return "it looks like a country code, not a control code";
    // 3b001.f: the entry is written in capitals, the sub-items in lowercase.
    std::string_view head = s.substr(0, s.find('.'));
    std::string fixed = upper(head) + std::string(s.substr(head.size()));
    if (fixed != s && valid_control_code(fixed)) return fmt::format("did you mean \"{}\"?", fixed);
    return "an EU control-list code looks like \"3B001.f.4\" (Annex I), \"ML11.a\" (military list) "
           "or "
           "\"X.A.I.001\" (Annex VII)";
}

std::string us_eccn_hint(std::string_view s) {
    if (valid_control_code(s))
        return "it is an EU control-list code, not a US ECCN: compare it with a field of type "
               "`code`";
    if (valid_cn_code(without(s, ". "))) return "it looks like a CN code, not an ECCN";
    std::string_view head = s.substr(0, s.find('.'));
    std::string fixed = upper(head) + std::string(s.substr(head.size()));
    if (fixed != s && valid_us_eccn(fixed)) return fmt::format("did you mean \"{}\"?", fixed);
    return "a US ECCN looks like \"5A992.c\" or \"3A090.a\", or is \"EAR99\"";
}

std::string country_code_hint(std::string_view s) {
    if (s == "UK") return "the United Kingdom is GB";
    if (s == "EL") return "Greece is GR";
    if (upper(s) != s && is_country_code(upper(s)))
        return fmt::format("did you mean \"{}\"?", upper(s));
    if (s.size() != 2) return "country codes have two capital letters, as in \"NL\" or \"RU\"";
    return {};
}

} // namespace kader
