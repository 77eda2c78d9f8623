#include "interpreter/batch_line.hpp"

#include "interpreter/case_reader.hpp"
#include "interpreter/render.hpp"

#include <algorithm>
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

void decide_case(const std::shared_ptr<const Program>& program, const DecideOptions& options,
                 BatchLine& line, JsonFragments& fragments, std::string& out) {
    Diagnostics diags;
    // Where a diagnostic of the line points: "line N", written in place
    // (fmt::format parsed its format at run time; to_string and a
    // concatenation made two strings; a line is a few microseconds).
    constexpr std::string_view prefix = "line ";
    char text[32];
    std::memcpy(text, prefix.data(), prefix.size());
    char* end = std::to_chars(text + prefix.size(), text + sizeof text, line.number).ptr;
    const std::string origin(text, end);
    if (line.too_long)
        diags.error(Code::line_too_long, whole_input(origin),
                    fmt::format("the line is longer than {} MiB, the most a batch line may hold",
                                max_batch_line_bytes >> 20),
                    "a batch file holds one case per line");
    // Every case of a thread is read into one CaseData and decided into one
    // record, whose blocks keep their room from one line to the next (made
    // anew, they were a dozen allocations per line).
    thread_local CaseData c;
    thread_local DecisionRecord decision;
    if (!line.too_long) pad_case_text(line.text); // read in place, not copied
    bool decided = !line.too_long && read_case_string(*program, line.text, origin, diags, c) &&
                   decide(program, c, options, origin, diags, decision);
    if (!decided) {
        // A batch line is a whole case on one line: its text under the message says little.
        std::string message = render(diags, {false, false});
        if (!message.empty() && message.back() == '\n') message.pop_back();
        const auto& list = diags.list();
        auto first = std::find_if(list.begin(), list.end(), [](const Diagnostic& d) {
            return d.severity == Severity::error;
        });
        out += error_object(line.number, message,
                            code_name(first != list.end() ? first->code : Code::internal));
        line.failed = true;
        return;
    }
    render_json(decision, fragments, out);
    line.decided = summary_of(decision);
    decision.program.reset(); // (not held for the thread's life: rules may be reloaded)
}

} // namespace

// One line never stops the others: whatever goes wrong with it becomes its
// error object. An exception here is a defect in Kader, reported as such.
void decide_batch_line(const std::shared_ptr<const Program>& program, const DecideOptions& options,
                       BatchLine& line, JsonFragments& fragments, std::string& out) {
    // A line may be decided again (`kader batch` keeps its lines' room).
    line.failed = line.internal = false;
    line.decided.reset();
    const std::size_t start = out.size();
    try {
        decide_case(program, options, line, fragments, out);
    } catch (const std::exception& e) {
        out.resize(start); // what was written before it went wrong is no output
        out += error_object(
            line.number,
            fmt::format("error[{}]: internal error: {} (a defect in Kader: please report it)",
                        code_name(Code::internal), e.what()),
            code_name(Code::internal));
        line.failed = line.internal = true;
    }
}

} // namespace kader
