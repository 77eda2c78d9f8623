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

struct Line {
    std::size_t number;
    std::string text;
    std::string output;
    bool failed = false;
};

void decide_line(const std::shared_ptr<const Program>& program, const DecideOptions& options,
                 Line& line) {
    Diagnostics diags;
    std::string origin = fmt::format("line {}", line.number);
    auto c = read_case_text(*program, line.text, origin, diags);
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
        // The message quotes the line, which may hold bytes that are not UTF-8.
        line.output = nlohmann::ordered_json{{"line", line.number}, {"error", message}}.dump(
            -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        line.failed = true;
        return;
    }
    line.output = render_json(decide(program, *c, options));
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
    bool any_failed = false;
    std::size_t number = 0, done = 0;
    std::vector<Line> lines;
    std::string text;
    auto flush = [&] {
        decide_chunk(program, options, lines, threads);
        std::string out;
        for (auto& l : lines) {
            any_failed |= l.failed;
            out += l.output;
            out += '\n';
        }
        std::cout << out;
        done += lines.size();
        lines.clear();
        if (progress) std::cerr << fmt::format("\r{} cases decided", done) << std::flush;
    };
    while (std::getline(in, text)) {
        ++number;
        if (text.find_first_not_of(" \t\r") == std::string::npos)
            continue; // blank lines carry no case
        lines.push_back({number, std::move(text), {}, false});
        if (lines.size() == chunk_lines) flush();
    }
    if (!lines.empty()) flush();
    if (progress) std::cerr << '\n';
    std::cout.flush();
    return any_failed ? exit_bad_input : exit_ok;
}

} // namespace kader::cli
