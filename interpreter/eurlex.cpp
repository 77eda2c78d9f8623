#include "interpreter/eurlex.hpp"
#include "lang/ascii.hpp"

#include <array>
#include <fmt/format.h>
#include <optional>

namespace kader {

namespace {

using ascii::is_alnum;
using ascii::is_digit;
using ascii::is_letter;
using ascii::is_upper;

int number_of(std::string_view digits) {
    int n = 0;
    for (char c : digits)
        n = n * 10 + (c - '0');
    return n;
}

// The kinds of act and the letter CELEX gives each.
struct Keyword {
    std::string_view word;
    char type;
    bool list; // "Regs. 2022/879, 2023/427": one keyword, several acts
};

// Longer words first where one begins another.
constexpr std::array<Keyword, 8> keywords{{
    {"Regulations", 'R', true},
    {"Regulation", 'R', false},
    {"Regs.", 'R', true},
    {"Reg.", 'R', false},
    {"Decision", 'D', false},
    {"Directive", 'L', false},
    {"Common Position", 'E', false},
    {"Joint Action", 'E', false},
}};

// The two numbers of an act, "833/2014" or "2022/1904", as written.
struct ActNumber {
    std::string_view first, second;
};

// A cursor over the text; each reader either moves past what it reads and
// says so, or leaves the cursor where it was.
class Cursor {
public:
    Cursor(std::string_view s, std::size_t at) : s_(s), at_(at) {}
    std::size_t at() const { return at_; }
    void reset(std::size_t at) { at_ = at; }
    bool ends_word() const { return at_ >= s_.size() || !is_alnum(s_[at_]); }

    bool word(std::string_view w) {
        if (s_.substr(at_, w.size()) != w) return false;
        at_ += w.size();
        return true;
    }
    bool spaces() {
        std::size_t start = at_;
        while (at_ < s_.size() && s_[at_] == ' ')
            ++at_;
        return at_ > start;
    }
    std::string_view digits(std::size_t most) {
        std::size_t start = at_;
        while (at_ < s_.size() && is_digit(s_[at_]) && at_ - start < most)
            ++at_;
        if (at_ < s_.size() && is_digit(s_[at_])) at_ = start; // too long
        return s_.substr(start, at_ - start);
    }
    // "(EU)", "(EC)", "(CFSP)", "(EU, Euratom)": the text inside, or nothing.
    std::optional<std::string_view> qualifier() {
        if (at_ >= s_.size() || s_[at_] != '(') return std::nullopt;
        std::size_t close = s_.find(')', at_);
        if (close == std::string_view::npos || close - at_ > 20) return std::nullopt;
        std::string_view inside = s_.substr(at_ + 1, close - at_ - 1);
        if (inside.empty() || !is_letter(inside.front())) return std::nullopt;
        for (char c : inside)
            if (!is_letter(c) && c != ',' && c != ' ') return std::nullopt;
        at_ = close + 1;
        return inside;
    }
    // "No", "No." or "Nr." before the number, as older acts are cited.
    bool number_sign() {
        std::size_t start = at_;
        if (word("No") || word("Nr")) {
            word(".");
            if (spaces()) return true;
        }
        at_ = start;
        return false;
    }
    // NUMBER/NUMBER, then a series suffix such as "/CFSP", then the end of a word.
    std::optional<ActNumber> act_number() {
        std::size_t start = at_;
        std::string_view first = digits(4);
        if (!first.empty() && word("/")) {
            std::string_view second = digits(4);
            if (!second.empty()) {
                std::size_t after = at_;
                if (!(word("/") && suffix())) at_ = after;
                if (ends_word() && !(at_ < s_.size() && s_[at_] == '/'))
                    return ActNumber{first, second};
            }
        }
        at_ = start;
        return std::nullopt;
    }
    // Past the separator before the next act of a list, ", " or " and ",
    // perhaps after an aside: "2023/1214 (third-country entities), 2023/2878".
    bool list_separator() {
        std::size_t start = at_;
        aside();
        bool comma = word(",");
        spaces();
        if (word("and") ? spaces() : comma) return true;
        at_ = start;
        return false;
    }

private:
    bool suffix() {
        std::size_t start = at_;
        while (at_ < s_.size() && is_upper(s_[at_]))
            ++at_;
        return at_ > start;
    }
    // A short parenthesis and the spaces before it.
    void aside() {
        std::size_t start = at_;
        spaces();
        if (at_ < s_.size() && s_[at_] == '(') {
            std::size_t close = s_.find(')', at_);
            if (close != std::string_view::npos && close - at_ <= 60 &&
                s_.substr(at_ + 1, close - at_ - 1).find('(') == std::string_view::npos) {
                at_ = close + 1;
                return;
            }
        }
        at_ = start;
    }

    std::string_view s_;
    std::size_t at_;
};

// "YYYY" of a four-digit year in which the EU or its predecessors made acts,
// or "YY" of a year before 1999 (Reg. (EEC) No 2913/92).
std::optional<int> year_of(std::string_view digits) {
    int n = number_of(digits);
    if (digits.size() == 4 && n >= 1952 && n <= 2099) return n;
    if (digits.size() == 2 && n >= 52) return 1900 + n;
    return std::nullopt;
}

// The CELEX number of an act of `type` numbered `n`. Regulations were
// numbered NUMBER/YEAR until 2014 and YEAR/NUMBER from 2015; an act cited
// with "No", or as an (EC) or (EEC) act, is of the old series.
std::optional<std::string> celex_of(char type, ActNumber n, bool old_series) {
    std::optional<int> year;
    std::string_view number;
    bool year_first = type != 'R' || (!old_series && n.first.size() == 4 &&
                                      number_of(n.first) >= 2015 && year_of(n.first));
    if (year_first) {
        year = year_of(n.first);
        number = n.second;
    } else {
        year = year_of(n.second);
        number = n.first;
        if (year && *year >= 2015) year.reset(); // NUMBER/YEAR after 2014 is no regulation
    }
    if (!year || number_of(number) == 0) return std::nullopt;
    return fmt::format("3{:04}{}{:04}", *year, type, number_of(number));
}

// A CELEX number written as such: 32014R0833, or a consolidated version
// 02006R0765-20250327.
std::optional<EuActCitation> celex_at(std::string_view s, std::size_t at) {
    if (at >= s.size() || (s[at] != '3' && s[at] != '0')) return std::nullopt;
    Cursor c(s, at + 1); // past the sector
    if (c.digits(4).size() != 4 || c.at() >= s.size() || !is_upper(s[c.at()])) return std::nullopt;
    c.reset(c.at() + 1); // past the type letter
    if (c.digits(4).size() != 4) return std::nullopt;
    std::size_t end = c.at();
    if (s[at] == '0' && c.word("-") && c.digits(8).size() == 8) end = c.at();
    c.reset(end);
    if (!c.ends_word()) return std::nullopt;
    return EuActCitation{at, end, std::string(s.substr(at, end - at))};
}

// The acts cited by a keyword at `at`: one, or for "Regs." a list.
std::vector<EuActCitation> acts_at(std::string_view s, std::size_t at) {
    for (const Keyword& k : keywords) {
        Cursor c(s, at);
        if (!c.word(k.word) || !c.ends_word() || !c.spaces()) continue;
        auto qualifier = c.qualifier();
        if (qualifier) c.spaces();
        bool old_series = c.number_sign() || qualifier == "EC" || qualifier == "EEC";
        std::vector<EuActCitation> out;
        std::size_t begin = at;
        while (auto n = c.act_number()) {
            auto celex = celex_of(k.type, *n, old_series);
            if (!celex) break;
            out.push_back({begin, c.at(), *celex});
            if (!k.list || !c.list_separator()) break;
            begin = c.at(); // a later act of a list is linked by its number alone
        }
        return out;
    }
    return {};
}

} // namespace

std::vector<EuActCitation> find_eu_acts(std::string_view text) {
    std::vector<EuActCitation> out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (i > 0 && is_alnum(text[i - 1])) {
            ++i;
            continue;
        }
        if (auto celex = celex_at(text, i)) {
            i = celex->end;
            out.push_back(std::move(*celex));
            continue;
        }
        auto acts = acts_at(text, i);
        if (acts.empty()) {
            ++i;
            continue;
        }
        i = acts.back().end;
        out.insert(out.end(), acts.begin(), acts.end());
    }
    return out;
}

std::string eurlex_url(std::string_view celex) {
    return fmt::format("https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{}", celex);
}

std::vector<TextPiece> link_eu_acts(std::string_view text) {
    std::vector<TextPiece> out;
    std::size_t plain = 0;
    for (const auto& act : find_eu_acts(text)) {
        if (act.begin > plain)
            out.push_back({std::string(text.substr(plain, act.begin - plain)), {}});
        out.push_back(
            {std::string(text.substr(act.begin, act.end - act.begin)), eurlex_url(act.celex)});
        plain = act.end;
    }
    if (plain < text.size()) out.push_back({std::string(text.substr(plain)), {}});
    return out;
}

} // namespace kader
