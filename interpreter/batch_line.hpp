#pragma once
// One line of `kader batch`: a case as one JSON line in, one JSON line out
// (the decision, or an error object). Shared by the command and its fuzz
// target, so that what is fuzzed is what runs. Never throws.
#include "interpreter/decide.hpp"
#include "interpreter/render.hpp"
#include "lang/program.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace kader {

// A batch line longer than this is refused without being parsed.
inline constexpr std::size_t max_batch_line_bytes = 16u << 20;

struct BatchLine {
    std::size_t number = 0;                 // 1-based line number in the input
    std::string text;                       // the line, without its newline
    bool too_long = false;                  // cut at max_batch_line_bytes; the rest was skipped
    bool failed = false;                    // the line is not a case that can be decided
    bool internal = false;                  // a defect in Kader, not in the line
    std::optional<DecisionSummary> decided; // when `output` is a decision
};

// Appends the line's output to `out`: one line of JSON without its newline,
// the decision or {"line": N, "error": "...", "code": "..."}. Sets `failed`,
// `internal` and `decided`. One line never affects another.
// `fragments` (for `program`) keeps the rules' parts of the JSON from line to line.
void decide_batch_line(const std::shared_ptr<const Program>& program, const DecideOptions& options,
                       BatchLine& line, JsonFragments& fragments, std::string& out);

// The lines a thread reads, decides and writes stage by stage (below).
inline constexpr std::size_t batch_group_lines = 16;

// The same for several lines, their outputs one after the other, each
// followed by its newline (JSON Lines, ready to be written as they lie);
// `ends[i]` (when `ends` is not empty: as many as `lines`) is where line i's
// output ends in `out`, before its newline. The lines go through each stage
// in groups of batch_group_lines; each line's output is what
// decide_batch_line gives it.
void decide_batch_lines(const std::shared_ptr<const Program>& program, const DecideOptions& options,
                        std::span<BatchLine> lines, JsonFragments& fragments, std::string& out,
                        std::span<std::size_t> ends);

} // namespace kader
