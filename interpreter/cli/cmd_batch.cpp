// kader batch: decide one case per JSON line, on several threads, writing
// the decisions in input order. Streams in chunks, so memory stays flat
// however many cases there are.
#include "interpreter/case_reader.hpp"
#include "interpreter/cli/commands.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/render.hpp"

#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>
#include <unistd.h>

namespace kader::cli {

namespace {

constexpr std::size_t chunk_lines = 4096;
constexpr std::size_t max_batch_line_bytes = 16u << 20;

struct Line {
    std::size_t number;
    std::string text;
    std::string output;
    bool failed = false;
    bool too_long = false; // cut at max_batch_line_bytes; the rest of the line was skipped
    bool internal = false; // a defect in Kader, not in the line
};

// Reads lines of at most `max_batch_line_bytes`; a longer one is returned
// cut and marked, and the rest of it skipped, so memory stays bounded.
bool next_line(std::istream& in, std::string& text, bool& too_long) {
    text.clear();
    too_long = false;
    std::streambuf* buf = in.rdbuf();
    bool any = false;
    for (;;) {
        int c = buf->sbumpc();
        if (c == std::char_traits<char>::eof()) return any;
        any = true;
        if (c == '\n') return true;
        if (text.size() < max_batch_line_bytes)
            text.push_back(static_cast<char>(c));
        else
            too_long = true;
    }
}

// The error object written in place of a decision for a line that is not a case.
std::string error_object(std::size_t number, const std::string& message) {
    // The message quotes the line, which may hold bytes that are not UTF-8.
    return nlohmann::ordered_json{{"line", number}, {"error", message}}.dump(
        -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void decide_case(const std::shared_ptr<const Program>& program, const DecideOptions& options,
                 Line& line) {
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
    if (c && !options.as_of && !c->has_date) {
        diags.add({Severity::error,
                   {},
                   "the case has no `date` and no `--as-of DATE` was given",
                   {},
                   origin});
        c.reset();
    }
    if (!c) {
        std::string message = render(diags);
        if (!message.empty() && message.back() == '\n') message.pop_back();
        line.output = error_object(line.number, message);
        line.failed = true;
        return;
    }
    line.output = render_json(decide(program, *c, options));
}

// One line never stops the others: whatever goes wrong with it becomes its
// error object. An exception here is a defect in Kader, reported as such.
void decide_line(const std::shared_ptr<const Program>& program, const DecideOptions& options,
                 Line& line) {
    try {
        decide_case(program, options, line);
    } catch (const std::exception& e) {
        line.output = error_object(
            line.number, fmt::format("internal error: {} (a defect in Kader: please report it)",
                                     e.what()));
        line.failed = line.internal = true;
    }
}

void decide_chunk(const std::shared_ptr<const Program>& program, const DecideOptions& options,
                  std::vector<Line>& lines, unsigned threads) {
    auto work = [&](unsigned t) {
        for (std::size_t i = t; i < lines.size(); i += threads)
            decide_line(program, options, lines[i]);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(work, t);
    work(0);
    for (auto& th : pool)
        th.join();
}

} // namespace

int run_batch(const CommandSpec& spec, const Args& args) {
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    if (auto j = args.value("-j")) {
        try {
            std::size_t used = 0;
            int n = std::stoi(*j, &used);
            if (used != j->size() || n < 1 || n > 256) throw std::invalid_argument(*j);
            threads = static_cast<unsigned>(n);
        } catch (const std::exception&) {
            usage_error(spec, fmt::format("`-j {}`: give a number of threads from 1 to 256", *j));
            return exit_bad_input;
        }
    }
    DecideOptions options;
    if (!as_of_option(spec, args, options.as_of)) return exit_bad_input;
    auto program = load_or_report(args);
    if (!program) return exit_bad_input;
    const std::string& path = args.positional.front();
    std::ifstream file;
    if (path != "-") {
        file.open(path, std::ios::binary);
        if (!file) {
            std::cerr << fmt::format("{}: error: cannot read this file\n", path);
            return exit_bad_input;
        }
    }
    std::istream& in = path == "-" ? std::cin : file;
    bool progress = isatty(STDERR_FILENO);
    bool any_failed = false, any_internal = false;
    std::size_t number = 0, done = 0;
    std::vector<Line> lines;
    std::string text;
    auto flush = [&] {
        decide_chunk(program, options, lines, threads);
        std::string out;
        for (auto& l : lines) {
            any_failed |= l.failed;
            any_internal |= l.internal;
            out += l.output;
            out += '\n';
        }
        std::cout << out;
        done += lines.size();
        lines.clear();
        if (progress) std::cerr << fmt::format("\r{} cases decided", done) << std::flush;
    };
    bool too_long = false;
    while (next_line(in, text, too_long)) {
        ++number;
        if (!too_long && text.find_first_not_of(" \t\r") == std::string::npos)
            continue; // blank lines carry no case
        lines.push_back({number, std::move(text), {}, false, too_long, false});
        if (lines.size() == chunk_lines) flush();
    }
    if (!lines.empty()) flush();
    if (progress) std::cerr << '\n';
    std::cout.flush();
    if (any_internal) return exit_internal;
    return any_failed ? exit_bad_input : exit_ok;
}

} // namespace kader::cli
