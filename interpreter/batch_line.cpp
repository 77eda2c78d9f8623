#include "interpreter/batch_line.hpp"

#include "interpreter/case_reader.hpp"
#include "interpreter/render.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kader {

namespace {

// The error object written in place of a decision for a line that is not a case.
std::string error_object(std::size_t number, const std::string& message) {
    // The message quotes the line, which may hold bytes that are not UTF-8.
    return nlohmann::ordered_json{{"line", number}, {"error", message}}.dump(
        -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void decide_case(const std::shared_ptr<const Program>& program, const DecideOptions& options,
                 BatchLine& line) {
    Diagnostics diags;
    std::string origin = fmt::format("line {}", line.number);
    if (line.too_long)
        diags.add({Severity::error,
                   {},
                   fmt::format("the line is longer than {} MiB, the most a batch line may hold",
                               max_batch_line_bytes >> 20),
                   "a batch file holds one case per line",
                   origin});
    auto c = line.too_long ? std::nullopt : read_case_text(*program, line.text, origin, diags);
    auto decision = c ? decide(program, *c, options, origin, diags) : std::nullopt;
    if (!decision) {
        std::string message = render(diags);
        if (!message.empty() && message.back() == '\n') message.pop_back();
        line.output = error_object(line.number, message);
        line.failed = true;
        return;
    }
    line.output = render_json(*decision);
}

} // namespace

// One line never stops the others: whatever goes wrong with it becomes its
// error object. An exception here is a defect in Kader, reported as such.
void decide_batch_line(const std::shared_ptr<const Program>& program, const DecideOptions& options,
                       BatchLine& line) {
    try {
        decide_case(program, options, line);
    } catch (const std::exception& e) {
        line.output = error_object(
            line.number,
            fmt::format("internal error: {} (a defect in Kader: please report it)", e.what()));
        line.failed = line.internal = true;
    }
}

} // namespace kader
