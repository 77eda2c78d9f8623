#pragma once
// The question an officer sends the exporter for a missing fact. The schema
// may carry one per field (`contract_date: optional date ask "When was the
// contract concluded?"`); without it, a question is made from the field's
// name. Renderers use these; JSON output keeps the paths.
#include "lang/program.hpp"

#include <string>
#include <string_view>

namespace kader {

struct Question {
    // The question, a sentence starting with a capital and ending in `?`:
    // the schema's `ask`, or one made from the field's name.
    std::string text;
    // True when the schema has no `ask` for the field (or the path names
    // no field of the schema): the text was made from the field's name.
    bool generated = false;
    // Which element of which list the question concerns, in officer words,
    // 1-based and lower case: "item 1", "party 2", "item 1, flag 3"; empty
    // for a fact of the case itself. Kept apart from `text` so that a
    // renderer can group the questions per item or name the item its own way.
    std::string about;
};

// The question for the fact at `json_path`, a path as in a decision's
// missing facts: `contract_date`, `exporter.us_persons`,
// `items[0].params.node_nm`, `parties[1].sector`, `items[2]`. Indices are
// stripped to find the schema field; a path the schema does not know (or a
// program without a schema) gets a question made from the path's words.
// Never throws on a malformed path.
Question question_for(const Program& program, std::string_view json_path);

// `about` and `text` as one line for a reader: "Item 1: Which technology
// node (nm) does the item serve?"; just the text when `about` is empty.
std::string question_line(const Question& q);

} // namespace kader
