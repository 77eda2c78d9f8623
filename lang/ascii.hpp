#pragma once
// Character classes of plain ASCII, independent of the C locale: codes,
// dates and citations are ASCII whatever language the user's system speaks.

namespace kader::ascii {

inline bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
inline bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}
inline bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}
inline bool is_letter(char c) {
    return is_upper(c) || is_lower(c);
}
inline bool is_alnum(char c) {
    return is_digit(c) || is_letter(c);
}
// A character of a name in a rule file (lang/grammar.hpp: ident_other).
inline bool is_name_char(char c) {
    return is_alnum(c) || c == '_';
}

} // namespace kader::ascii
