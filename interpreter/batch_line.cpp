#include "interpreter/batch_line.hpp"

#include "interpreter/case_reader.hpp"
#include "interpreter/render.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kader {

namespace {

// The error object written in place of a decision for a line that is not a case.
// `code` is the first error's, for programs that act on the kind of error.
std::string error_object(std::size_t number, const std::string& message, const std::string& code) {
    // The message quotes the case, which may hold bytes that are not UTF-8.
    return nlohmann::ordered_json{{"line", number}, {"error", message}, {"code", code}}.dump(
        -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

// Where a diagnostic of the line points: "line N", written in place
// (fmt::format parsed its format at run time; to_string and a
// concatenation made two strings; a line is a few microseconds).
std::string origin_of(const BatchLine& line) {
    constexpr std::string_view prefix = "line ";
    char text[32];
    std::memcpy(text, prefix.data(), prefix.size());
    char* end = std::to_chars(text + prefix.size(), text + sizeof text, line.number).ptr;
    return std::string(text, end);
}

// The error object of a line that is no case, from the first error of `diags`.
// `code` is the first error's, for programs that act on the kind of error.
std::string refusal(const BatchLine& line, const Diagnostics& diags) {
    // A batch line is a whole case on one line: its text under the message says little.
    std::string message = render(diags, {false, false});
    if (!message.empty() && message.back() == '\n') message.pop_back();
    const auto& list = diags.list();
    auto first = std::find_if(list.begin(), list.end(),
                              [](const Diagnostic& d) { return d.severity == Severity::error; });
    return error_object(line.number, message,
                        code_name(first != list.end() ? first->code : Code::internal));
}

std::string internal_error(const BatchLine& line, const char* what) {
    return error_object(
        line.number,
        fmt::format("error[{}]: internal error: {} (a defect in Kader: please report it)",
                    code_name(Code::internal), what),
        code_name(Code::internal));
}

// Where each line of a group is on its way through the stages (reading
// starts it at `refused`, until its case is read).
enum class Stage : std::uint8_t { to_decide, to_write, refused, internal };

// The room a thread reads and decides a group of lines in, kept from one
// group to the next: the blocks of its cases and records keep their room
// (made anew, they were a dozen allocations per line).
struct GroupRoom {
    std::array<CaseData, batch_group_lines> cases;
    std::array<DecisionRecord, batch_group_lines> decisions;
    std::array<Diagnostics, batch_group_lines> diags;
    std::array<Stage, batch_group_lines> stages{};
    std::array<std::string, batch_group_lines> origins;  // "line N", where diagnostics point
    std::array<std::string, batch_group_lines> internal; // the error object of a defect
};

// Runs one stage of line k; an exception there is a defect in Kader, and
// the line's output says so. No other line is affected.
template <class Step> void guarded(GroupRoom& g, std::size_t k, const BatchLine& line, Step step) {
    try {
        step();
    } catch (const std::exception& e) {
        g.stages[k] = Stage::internal;
        g.internal[k] = internal_error(line, e.what());
    }
}

void read_line(const std::shared_ptr<const Program>& program, BatchLine& line, GroupRoom& g,
               std::size_t k) {
    Diagnostics& diags = g.diags[k];
    diags = Diagnostics{};
    g.origins[k] = origin_of(line);
    g.stages[k] = Stage::refused;
    if (line.too_long) {
        diags.error(Code::line_too_long, whole_input(g.origins[k]),
                    fmt::format("the line is longer than {} MiB, the most a batch line may hold",
                                max_batch_line_bytes >> 20),
                    "a batch file holds one case per line");
        return;
    }
    pad_case_text(line.text); // read in place, not copied
    if (read_case_string(*program, line.text, g.origins[k], diags, g.cases[k]))
        g.stages[k] = Stage::to_decide;
}

void decide_line(const std::shared_ptr<const Program>& program, const DecideOptions& options,
                 GroupRoom& g, std::size_t k) {
    g.stages[k] = Stage::refused;
    if (decide(program, g.cases[k], options, g.origins[k], g.diags[k], g.decisions[k]))
        g.stages[k] = Stage::to_write;
}

// The error object of a defect met with line k, as the line's output.
void write_internal(BatchLine& line, const GroupRoom& g, std::size_t k, std::string& out) {
    out += g.internal[k];
    line.decided.reset();
    line.failed = line.internal = true;
}

void write_line(BatchLine& line, GroupRoom& g, std::size_t k, JsonFragments& fragments,
                std::string& out) {
    DecisionRecord& decision = g.decisions[k];
    switch (g.stages[k]) {
    case Stage::to_write:
        render_json(decision, fragments, out);
        line.decided = summary_of(decision);
        break;
    case Stage::internal:
        write_internal(line, g, k, out);
        break;
    default:
        out += refusal(line, g.diags[k]);
        line.failed = true;
        break;
    }
}

} // namespace

// The lines of a group go through the stages together: every line read,
// then every case decided, then every output written. Line after line, the
// code of reading, deciding and writing did not fit the core's instruction
// cache together, and each stage fetched its code again for every line
// (callgrind's cache simulation: 383 first-level instruction misses per
// case). One line never stops the others: whatever goes wrong with it
// becomes its error object.
void decide_batch_lines(const std::shared_ptr<const Program>& program, const DecideOptions& options,
                        std::span<BatchLine> lines, JsonFragments& fragments, std::string& out,
                        std::span<std::size_t> ends) {
    thread_local GroupRoom g;
    for (std::size_t at = 0; at < lines.size(); at += batch_group_lines) {
        const std::size_t n = std::min(batch_group_lines, lines.size() - at);
        std::span<BatchLine> group = lines.subspan(at, n);
        for (std::size_t k = 0; k < n; ++k) {
            // A line may be decided again (`kader batch` keeps its lines' room).
            BatchLine& line = group[k];
            line.failed = line.internal = false;
            line.decided.reset();
            guarded(g, k, line, [&] { read_line(program, line, g, k); });
        }
        for (std::size_t k = 0; k < n; ++k)
            if (g.stages[k] == Stage::to_decide)
                guarded(g, k, group[k], [&] { decide_line(program, options, g, k); });
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t start = out.size();
            guarded(g, k, group[k], [&] { write_line(group[k], g, k, fragments, out); });
            if (g.stages[k] == Stage::internal && !group[k].internal) {
                out.resize(start); // what was written before it went wrong is no output
                write_internal(group[k], g, k, out);
            }
            if (!ends.empty()) ends[at + k] = out.size();
            out += '\n';
        }
    }
    // The records let their program go once the lines are written, not
    // held for the thread's life (rules may be reloaded); not after each
    // line, where each case let it go and took it again (decide keeps a
    // record's program), two atomic changes of its count of owners.
    for (DecisionRecord& d : g.decisions)
        d.program.reset();
}

void decide_batch_line(const std::shared_ptr<const Program>& program, const DecideOptions& options,
                       BatchLine& line, JsonFragments& fragments, std::string& out) {
    decide_batch_lines(program, options, std::span<BatchLine>(&line, 1), fragments, out, {});
    out.pop_back(); // its newline
}

} // namespace kader
