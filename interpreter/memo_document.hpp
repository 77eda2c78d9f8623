#pragma once
// Inside the memo: the outline is written once (memo_outline.cpp) against a
// small document interface that the Markdown and the HTML writer
// (render_memo.cpp) implement: headings, paragraphs, lists (with one level
// of sub-items) and tables of inline text.
#include "interpreter/render_memo.hpp"

#include <string>
#include <vector>

namespace kader::memo {

struct Piece {
    enum class Kind { plain, code, strong, link, verdict } kind;
    std::string text, url;
};
using Text = std::vector<Piece>;

struct Item {
    Text text;
    std::vector<Text> sub = {};
};

class Document {
public:
    virtual ~Document() = default;
    virtual void heading(int level, const Text& text) = 0;
    virtual void paragraph(const Text& text) = 0;
    virtual void list(const std::vector<Item>& items, bool numbered) = 0;
    virtual void table(const std::vector<std::string>& header,
                       const std::vector<std::vector<Text>>& rows) = 0;
    // A group that belongs together on paper (a provision).
    virtual void begin_group(const std::string& kind) = 0;
    virtual void end_group() = 0;
};

// Writes the memo's sections, in order, to `doc`.
void write_memo(const Memo& m, Document& doc);
// "Decision memo: case EX-02", the memo's heading and the page's title.
std::string memo_title(const Memo& m);
std::string upper_case(std::string s);

} // namespace kader::memo
