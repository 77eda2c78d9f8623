// The REPL's `whynot` (also typed `why not`): the smallest change of facts
// that moves the verdict of the current case, as `kader whynot` finds it.
#include "interpreter/repl/session.hpp"
#include "interpreter/repl/text.hpp"

#include "interpreter/whynot.hpp"

#include <charconv>
#include <fmt/format.h>

namespace kader::repl {

namespace {

struct Word {
    std::string text;
    std::size_t at = 0; // offset in the line
};

std::vector<Word> words_of(const std::string& args, std::size_t at) {
    std::vector<Word> out;
    for (std::size_t i = 0; i < args.size();) {
        while (i < args.size() && is_space(args[i]))
            ++i;
        std::size_t j = i;
        while (j < args.size() && !is_space(args[j]))
            ++j;
        if (j > i) out.push_back({args.substr(i, j - i), at + i});
        i = j;
    }
    return out;
}

std::optional<std::size_t> whole_number(const std::string& s, std::size_t low, std::size_t high) {
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || end != s.data() + s.size() || n < low || n > high) return std::nullopt;
    return n;
}

const char* const target_help =
    "name a verdict (allow, license_required, escalate, deny, prohibited), `lower` or `higher`";

// `TARGET [changes N] [budget N] [json]`: the search's options, or the error.
std::optional<WhyNotOptions> parse_options(const std::vector<Word>& words, bool& json,
                                           InputError& error) {
    WhyNotOptions o;
    auto target = parse_why_not_target(words[0].text);
    if (!target) {
        error = {fmt::format("`{}` is not a verdict", words[0].text), target_help, words[0].at,
                 words[0].text.size()};
        return std::nullopt;
    }
    o.target = *target;
    for (std::size_t i = 1; i < words.size(); ++i) {
        const Word& w = words[i];
        if (w.text == "json") {
            json = true;
            continue;
        }
        bool changes = w.text == "changes", budget = w.text == "budget";
        std::size_t high = changes ? why_not_max_changes_limit : why_not_budget_limit;
        auto n = (changes || budget) && i + 1 < words.size()
                     ? whole_number(words[i + 1].text, 1, high)
                     : std::nullopt;
        if (!n) {
            error = {changes || budget
                         ? fmt::format("`{}` needs a whole number from 1 to {}", w.text, high)
                         : fmt::format("`whynot` takes `changes N`, `budget N` and `json`, not "
                                       "`{}`",
                                       w.text),
                     {},
                     w.at,
                     w.text.size()};
            return std::nullopt;
        }
        if (changes)
            o.max_changes = static_cast<int>(*n);
        else
            o.budget = *n;
        ++i;
    }
    return o;
}

} // namespace

Reply Session::whynot(const std::string& line, const std::string& args, std::size_t at) {
    std::vector<Word> words = words_of(args, at);
    if (words.empty())
        return fail(line, {"`whynot` needs the verdict to reach", target_help, at, 1});
    bool json = false;
    InputError error;
    auto options = parse_options(words, json, error);
    if (!options) return fail(line, error);
    options->as_of = as_of_;
    Reply r;
    if (!decision_now(r)) return r;
    Diagnostics diags;
    auto result = why_not(program_, *case_, *options, "case", diags);
    if (!result) {
        // The case was decided above, so what is left is the target itself:
        // the verdict the case already has, or none lower or higher.
        if (diags.list().empty()) return {"error: no search was made\n", true};
        const Diagnostic& d = diags.list().front();
        return fail(line, {d.message, d.help, words[0].at, words[0].text.size(), Code::repl_state});
    }
    if (json) return {to_json(*result).dump(2) + "\n"};
    return {render_why_not_text(*result, {"changes N", "budget N"})};
}

} // namespace kader::repl
