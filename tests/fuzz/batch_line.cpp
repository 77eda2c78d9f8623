// Fuzz target: `kader batch` lines -> one JSON output line each.
//
// The input is a batch file; each line that is not blank is decided by the
// function `kader batch` uses (interpreter/batch_line.hpp).
//
// Properties:
//  - every line gives exactly one output line (no newline inside) of valid JSON;
//  - a refused line gives {"line": N, "error": "..."} with its own number;
//  - no silent default: a line that is not strict JSON is refused;
//  - deciding a line is deterministic (the same output twice);
//  - the lines decided together, stage by stage in groups as `kader batch`
//    decides them (decide_batch_lines), give each the output it gets alone,
//    each on a line of its own.
#include "fuzz_support.hpp"
#include "strict_json.hpp"

#include "interpreter/batch_line.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <vector>

namespace kader::fuzz {

namespace {

void check_output(const BatchLine& line, const std::string& output) {
    if (output.find('\n') != std::string::npos)
        violated("a batch line gives one output line", output);
    auto out = nlohmann::json::parse(output, nullptr, false);
    if (out.is_discarded()) violated("a batch output line is valid JSON", output);
    if (!line.failed) {
        if (std::string problem = strict_json_problem(line.text); !problem.empty())
            violated("no silent default: a batch line that is not strict JSON is refused", problem);
        return;
    }
    if (!out.is_object() || out.value("line", std::size_t{0}) != line.number ||
        !out.contains("error") || !out["error"].is_string())
        violated("a refused batch line gives {\"line\": N, \"error\": TEXT}", output);
}

void check_batch(std::string_view text) {
    const auto& program = stdlib_program();
    DecideOptions options;
    std::size_t number = 0;
    // Kept from line to line, as `kader batch` keeps them; the second
    // decision of each line writes its own, so the two must agree.
    JsonFragments fragments(*program);
    std::vector<BatchLine> together;
    std::vector<std::string> alone;
    for (auto& text_line : lines_of(text)) {
        ++number;
        if (text_line.find_first_not_of(" \t\r") == std::string::npos) continue;
        BatchLine line;
        line.number = number;
        line.text = std::move(text_line);
        std::string output;
        decide_batch_line(program, options, line, fragments, output);
        check_output(line, output);
        if (line.internal) violated("no internal error on a batch line", output);
        BatchLine again;
        again.number = number;
        again.text = line.text;
        JsonFragments fresh(*program);
        // After other output, as `kader batch` writes it: the line's own is the same.
        std::string again_output = "before\n";
        decide_batch_line(program, options, again, fresh, again_output);
        if (again_output.substr(7) != output)
            violated("a batch line is decided deterministically",
                     output + "\n---- then ----\n" + again_output);
        together.push_back(std::move(again));
        alone.push_back(std::move(output));
    }
    std::string output;
    std::vector<std::size_t> ends(together.size());
    decide_batch_lines(program, options, together, fragments, output, ends);
    // (Each output of lines decided together ends with its newline.)
    for (std::size_t i = 0, start = 0; i < together.size(); start = ends[i] + 1, ++i) {
        if (output.substr(start, ends[i] - start) != alone[i])
            violated("lines decided together give each its output alone",
                     alone[i] + "\n---- together ----\n" + output.substr(start, ends[i] - start));
        if (output.size() <= ends[i] || output[ends[i]] != '\n')
            violated("lines decided together give each its output on a line of its own", output);
    }
}

} // namespace

} // namespace kader::fuzz

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    kader::fuzz::stdlib_program();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text = kader::fuzz::as_text(data, size);
    kader::fuzz::guarded("batch_line", [&] { kader::fuzz::check_batch(text); });
    return 0;
}
