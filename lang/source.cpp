#include "lang/source.hpp"

namespace kader {

Source::Source(std::string name_, std::string text_)
    : name(std::move(name_)), text(std::move(text_)) {
    // A byte order mark is how some editors mark UTF-8; it is not part of the rules.
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    line_starts.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') line_starts.push_back(i + 1);
}

std::string_view Source::line(std::size_t number) const {
    if (number == 0 || number > line_starts.size()) return {};
    std::size_t begin = line_starts[number - 1];
    std::size_t end = number < line_starts.size() ? line_starts[number] - 1 : text.size();
    if (end > begin && text[end - 1] == '\r') --end;
    return std::string_view(text).substr(begin, end - begin);
}

} // namespace kader
