#pragma once
// The reasons of a decision as one flat block, as evaluation records them:
// numbered entries for the expressions explained, the facts they read and
// the elements that decided them, linked by index, with paths kept as steps
// and texts in one buffer. Recording one costs no allocation of its own;
// the JSON renderer writes the block as it is, and reason_tree() (in
// decision.hpp) makes the tree of one reason for the renderers that walk one.
// Free of I/O.
#include "lang/ast.hpp"

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kader {

// A value as an explanation keeps it: typed and owned, so that renderers
// write numbers as numbers and dates as dates, and never parse text back.
struct ShownValue {
    // `record` last: the JSON renderer keeps a piece of text per kind.
    enum class Kind : std::uint8_t { unknown, boolean, number, string, date, list, record };
    Kind kind = Kind::unknown;
    bool boolean = false;
    double number = 0;
    ast::Days date = 0;
    std::string text;      // a string
    std::size_t count = 0; // a list: how many elements
};

// One step of the way to a value in the case: a field of the value before,
// or an element of a list. Evaluation keeps a step for every value it reads
// while explaining; a path is written out as text ("items[0].code") only for
// the facts an explanation shows.
struct PathStep {
    std::int32_t parent = 0; // the step before; 0: none (the case itself, or a list with no path)
    std::string_view name;   // the field; for an element of a list with no path, the list's text.
                             // (Text of the program, which outlives every decision.)
    std::int64_t index = -1; // the element's index; -1 for a field
};

// The path as an explanation shows it: "" for the case itself, fields
// joined by dots, elements by their index.
std::string path_text(const std::vector<PathStep>& steps, std::int32_t path);

// The same text, piece by piece through `put(std::string_view)`, for a
// writer that keeps it elsewhere (the JSON renderer, in a buffer of its own).
// Whether it wrote anything. The steps are gathered walking back and written
// from the first; a path deeper than a few dozen steps is written in turns.
template <class Put>
bool put_path(const std::vector<PathStep>& steps, std::int32_t path, Put& put) {
    constexpr int most = 16;
    std::int32_t chain[most];
    int n = 0;
    std::int32_t at = path;
    do {
        chain[n++] = at;
        at = steps[static_cast<std::size_t>(at)].parent;
    } while (at > 0 && n < most);
    bool written = at > 0 && put_path(steps, at, put);
    while (n > 0) {
        const PathStep& s = steps[static_cast<std::size_t>(chain[--n])];
        if (s.index < 0) { // a field (or, with no name, the case itself)
            if (written) put(".");
            put(s.name);
            written = written || !s.name.empty();
            continue;
        }
        if (s.parent == 0) put(s.name); // an element of a list with no path
        char digits[24] = {'['};
        auto end = std::to_chars(digits + 1, digits + sizeof digits - 1, s.index).ptr;
        *end++ = ']';
        put(std::string_view(digits, static_cast<std::size_t>(end - digits)));
        written = true;
    }
    return written;
}
// Whether two steps name the same place in the case (write the same path).
bool same_path(const std::vector<PathStep>& steps, std::int32_t a, std::int32_t b);

// A ShownValue whose text is kept in the block's buffer.
struct BlockValue {
    ShownValue::Kind kind = ShownValue::Kind::unknown;
    bool boolean = false;
    ast::Days date = 0;
    std::uint32_t text_at = 0, text_size = 0; // a string, in Explanation::texts
    double number = 0;
    std::size_t count = 0; // a list: how many elements
};

// A fact an expression read: its path (a step) and its value; `next` is the
// next fact of the same expression, -1 after the last.
struct BlockFact {
    std::int32_t path = 0;
    int next = -1;
    BlockValue value;
};

// The element of a list that decided a quantifier: its path and, when the
// element has one, the field that names it for people and that name.
struct BlockWitness {
    std::int32_t path = 0;
    std::string_view field; // a field name of the program's schema; empty when none
    std::uint32_t name_at = 0, name_size = 0; // in Explanation::texts
};

// One expression explained: the program node, the definition it called, its
// value, its facts and witness, and its parts (the sub-expressions that
// mattered), as a list linked through `next`.
struct ReasonEntry {
    int node = -1;       // Program::nodes index
    int definition = -1; // Program::defs index when the expression calls a definition
    int first_part = -1, last_part = -1, next = -1;
    int first_fact = -1, last_fact = -1;
    int witness = -1; // BlockWitness index
    BlockValue value;
};

struct Explanation {
    std::vector<ReasonEntry> reasons;
    std::vector<BlockFact> facts;
    std::vector<BlockWitness> witnesses;
    std::vector<PathStep> steps; // the paths of the facts and witnesses
    std::string texts;

    std::string_view text(std::uint32_t at, std::uint32_t size) const {
        return std::string_view(texts).substr(at, size);
    }
    std::string_view text(const BlockValue& v) const { return text(v.text_at, v.text_size); }
    const ReasonEntry& reason(int i) const { return reasons[static_cast<std::size_t>(i)]; }
    const BlockFact& fact(int i) const { return facts[static_cast<std::size_t>(i)]; }
    const BlockWitness& witness(int i) const { return witnesses[static_cast<std::size_t>(i)]; }
    std::string path_text(std::int32_t path) const { return kader::path_text(steps, path); }
    // Keeps `text` in the buffer; where it is kept.
    std::uint32_t keep(std::string_view text, std::uint32_t& size) {
        auto at = static_cast<std::uint32_t>(texts.size());
        texts.append(text);
        size = static_cast<std::uint32_t>(text.size());
        return at;
    }
    void clear() {
        reasons.clear();
        facts.clear();
        witnesses.clear();
        steps.clear();
        texts.clear();
    }

    // A block without room of its own makes room for what a usual
    // decision's reasons take, at once rather than grown step by step.
    void make_room();
    // Emptied for another decision, keeping its room up to a bound (one
    // large decision does not hold on to its room for the rest of a run): a
    // batch decides every case of a thread into one record, and growing the
    // blocks of each decision anew was a dozen allocations per case.
    void clear_for_reuse();
};

} // namespace kader
