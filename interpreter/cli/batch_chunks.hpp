#pragma once
// The chunks of lines `kader batch` streams through, and the threads that
// decide them.
#include "interpreter/batch_line.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace kader::cli {

// The lines of a chunk. Small enough that a chunk's texts and outputs (a
// few hundred KiB) stay in the core's cache from being read or decided to
// being written: at 2,048 lines they did not, and `batch -j 1` took 4 %
// longer. Large enough that waking the threads per chunk costs nothing
// measurable. With `--log`, a chunk is one transaction, and each commit
// waits for the disk: there a chunk is larger.
inline constexpr std::size_t chunk_lines = 256;
inline constexpr std::size_t logged_chunk_lines = 2048;

// Lines of a batch, and their outputs. Each deciding thread writes the
// outputs of the lines it decides one after the other into room of its own,
// kept from chunk to chunk; the lines keep the room of their texts too. So
// once the first chunks are through, a line costs no allocation for its text
// or output, and no thread frees what another made: with `-j 2`, freeing the
// other thread's outputs held both threads up on malloc's locks.
class Chunk {
public:
    Chunk(std::size_t threads, std::size_t capacity) : outputs_(threads), capacity_(capacity) {}

    std::span<BatchLine> lines() { return {lines_.data(), size_}; }
    std::span<const BatchLine> lines() const { return {lines_.data(), size_}; }
    bool empty() const { return size_ == 0; }
    bool full() const { return size_ == capacity_; }

    // The place of the next line, numbered `number`; keep() takes it in.
    BatchLine& next_place(std::size_t number);
    void keep() { ++size_; }

    // Decides lines [first, end) on thread t: at most a few (batch_chunks.cpp, lines_taken).
    void decide(std::size_t first, std::size_t end, std::size_t t,
                const std::shared_ptr<const Program>& program, const DecideOptions& options,
                JsonFragments& fragments);
    // Line i's output, once decided: one line of JSON, without its newline.
    std::string_view output(std::size_t i) const;
    // The outputs of the chunk's lines in order, each with its newline, as
    // the runs of them that lie one after another in a thread's room:
    // `write` gets each run (one for the whole chunk, with one thread), to
    // write where they are, not gathered into one block first (a copy of
    // every decision).
    template <class Write> void write_outputs(Write write) const {
        if (size_ == 0) return;
        std::size_t first = 0;
        for (std::size_t i = 1; i <= size_; ++i) {
            if (i < size_ && follows(i)) continue;
            const Written& w = written_[first];
            const std::size_t end = written_[i - 1].offset + written_[i - 1].size + 1;
            write(std::string_view(outputs_[w.thread].text).substr(w.offset, end - w.offset));
            first = i;
        }
    }

    // Empties the chunk and keeps its room, up to a bound: a few long lines
    // do not hold on to their room for the rest of the run.
    void clear();

private:
    // Whether line i's output lies just after line i-1's, in the same room.
    bool follows(std::size_t i) const;

    struct Written {
        std::size_t thread = 0, offset = 0, size = 0;
    };
    std::vector<BatchLine> lines_; // the first size_ are the chunk's
    std::vector<Written> written_; // per line: where its output is
    // Per thread, each on a cache line of its own: a decision appended by one
    // thread would otherwise move the line with the other's string to it.
    struct alignas(64) Output {
        std::string text;
    };
    std::vector<Output> outputs_;
    std::size_t capacity_; // lines
    std::size_t size_ = 0;
};

// Threads that decide chunk after chunk, started once (a thread started per
// chunk took a new stack each time). The calling thread decides too, once
// `meanwhile` (the writing and reading of other chunks) is done. Each thread
// takes the next few undecided lines, so none waits while another still has
// lines to do. Thread t writes with fragments[t].
class Deciders {
public:
    Deciders(const std::shared_ptr<const Program>& program, const DecideOptions& options,
             std::vector<JsonFragments>& fragments);
    ~Deciders();
    Deciders(const Deciders&) = delete;
    Deciders& operator=(const Deciders&) = delete;

    // The threads deciding, the calling one included: fewer than asked for
    // when the system would not start them all.
    std::size_t threads() const { return helpers_.size() + 1; }
    void decide(Chunk& chunk, const std::function<void()>& meanwhile = {});

private:
    void work(std::size_t t);
    void serve(std::size_t t);
    void wait_for_helpers();

    // The program, once per thread: each with a count of owners of its own.
    // A decision holds the program; with one count for all threads, every
    // decision's copy and release moved its cache line from core to core.
    std::vector<std::shared_ptr<const Program>> programs_;
    const DecideOptions& options_;
    std::vector<JsonFragments>& fragments_;
    std::mutex mutex_;
    std::condition_variable wake_, done_;
    Chunk* chunk_ = nullptr;
    std::atomic<std::size_t> next_{0};
    // Changed under mutex_; atomic so that a thread can look at them
    // without it before it sleeps (spin_until).
    std::atomic<std::size_t> busy_{0};    // helpers still deciding this round
    std::atomic<std::uint64_t> round_{0}; // one per chunk
    bool stop_ = false;
    std::vector<std::jthread> helpers_; // last: they stop before the rest goes
};

} // namespace kader::cli
