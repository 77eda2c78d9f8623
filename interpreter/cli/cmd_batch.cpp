// kader batch: decide one case per JSON line, on several threads, writing
// the decisions in input order. Streams in chunks, so memory stays flat
// however many cases there are.
#include "interpreter/cli/chunk_pipeline.hpp"
#include "interpreter/cli/commands.hpp"
#include "interpreter/cli/write_all.hpp"
#include "interpreter/decide.hpp"
#include "interpreter/render.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>
#include <unistd.h>

namespace kader::cli {

namespace {

// Splits the input into lines a block at a time (memchr), not a byte at a
// time through the stream. Lines of at most `max_batch_line_bytes`; a longer
// one is returned cut and marked, and the rest of it skipped, so memory stays
// bounded.
class LineReader {
public:
    explicit LineReader(std::istream& in) : in_(*in.rdbuf()), block_(64 * 1024, '\0') {}

    // The next line, without its newline; false at the end of the input.
    bool next(std::string& text, bool& too_long) {
        text.clear();
        too_long = false;
        bool any = false;
        for (;;) {
            if (at_ == end_ && !refill()) return any;
            any = true;
            const char* start = block_.data() + at_;
            const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - at_));
            std::size_t n = newline ? static_cast<std::size_t>(newline - start) : end_ - at_;
            std::size_t room = max_batch_line_bytes - text.size();
            text.append(start, std::min(n, room));
            too_long |= n > room;
            at_ += n;
            if (newline) {
                ++at_;
                return true;
            }
        }
    }

private:
    bool refill() {
        std::streamsize got = in_.sgetn(block_.data(), static_cast<std::streamsize>(block_.size()));
        at_ = 0;
        end_ = got > 0 ? static_cast<std::size_t>(got) : 0;
        return end_ > 0;
    }

    std::streambuf& in_;
    std::string block_;
    std::size_t at_ = 0, end_ = 0;
};

// Appends the decided lines of a chunk to the log in one transaction.
bool log_chunk(DecisionLog& log, const Program& program, const DecideOptions& options,
               const std::string& path, const Chunk& chunk) {
    std::vector<LogEntry> entries;
    auto lines = chunk.lines();
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (const auto& l = lines[i]; l.decided)
            entries.push_back({*l.decided, l.text, std::string(chunk.output(i)),
                               fmt::format("{}: line {}", path, l.number)});
    Diagnostics diags;
    if (entries.empty() ||
        log.append(program, {"batch", options.as_of.has_value(), options.full}, entries, diags))
        return true;
    std::cerr << render(diags, stderr_style());
    return false;
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
    if (!explain_option(spec, args, options) || !as_of_option(spec, args, options.as_of))
        return exit_bad_input;
    auto program = load_or_report(args);
    if (!program) return exit_bad_input;
    bool log_ok = true;
    auto log = open_log_option(args, log_ok);
    if (!log_ok) return exit_bad_input;
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
    LineReader reader(in);
    // The next chunk of lines; blank lines carry no case.
    auto read_chunk = [&](Chunk& chunk) {
        while (!chunk.full()) {
            BatchLine& l = chunk.next_place(number + 1);
            if (!reader.next(l.text, l.too_long)) break;
            ++number;
            if (!l.too_long && l.text.find_first_not_of(" \t\r") == std::string::npos) continue;
            chunk.keep();
        }
    };
    // False when the log could not take the chunk (then nothing of it is
    // shown) or the output takes no more (a full disk): the batch stops.
    auto write_chunk = [&](const Chunk& chunk) {
        // A chunk's decisions are shown only once they are on record.
        if (log && !log_chunk(*log, *program, options, path, chunk)) return false;
        auto lines = chunk.lines();
        for (const BatchLine& l : lines) {
            any_failed |= l.failed;
            any_internal |= l.internal;
        }
        // Written from where they were made, newlines and all.
        if (!write_all(STDOUT_FILENO, chunk.outputs())) {
            std::cerr << fmt::format("kader batch: error: cannot write the decisions: {} "
                                     "(stopped after {} lines written)\n",
                                     std::strerror(errno), done);
            return false;
        }
        done += lines.size();
        if (progress) std::cerr << fmt::format("\r{} cases decided", done) << std::flush;
        return true;
    };
    std::cout.flush(); // (the decisions go to its file descriptor, after anything it holds)
    // What each thread decides with, on cache lines of its own: its fragments
    // are written with every decision, and beside another thread's they
    // would move between the cores with each.
    struct alignas(64) ThreadRoom {
        // The program, with a count of owners of the thread's own: a decision
        // holds the program, and with one count for all threads, every copy
        // and release moved its cache line from core to core.
        std::shared_ptr<const Program> program;
        JsonFragments fragments;
    };
    std::vector<ThreadRoom> rooms;
    rooms.reserve(threads);
    for (unsigned t = 0; t < threads; ++t)
        rooms.push_back(
            {std::shared_ptr<const Program>(program.get(), [keep = program](const Program*) {}),
             JsonFragments(*program)});
    ChunkSteps steps;
    steps.read = read_chunk;
    steps.decide = [&](Chunk& chunk, std::size_t t) {
        chunk.decide(rooms[t].program, options, rooms[t].fragments);
    };
    steps.write = write_chunk;
    steps.started = [&](std::size_t started) {
        if (started < threads)
            std::cerr << fmt::format("kader batch: warning: only {} of the {} threads asked for "
                                     "could be started; going on with {}\n",
                                     started, threads, started);
    };
    const bool stopped = !run_chunks(threads, log ? logged_chunk_lines : chunk_lines, steps);
    if (progress) std::cerr << '\n';
    std::cout.flush();
    if (stopped) return exit_bad_input;
    if (any_internal) return exit_internal;
    return any_failed ? exit_bad_input : exit_ok;
}

} // namespace kader::cli
