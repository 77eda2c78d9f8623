#include "interpreter/cli/chunk_pipeline.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace kader::cli {

namespace {

// The chunks of a run and where each is: free, being read and decided by a
// thread, decided and waiting for its turn to be written, being written.
// A chunk is numbered in the order it was read, and written in that order.
class Pipeline {
public:
    Pipeline(std::size_t threads, std::size_t chunk_lines, const ChunkSteps& steps)
        : steps_(steps), threads_(threads), chunk_lines_(chunk_lines), most_(threads + 2),
          decided_(most_, nullptr) {}

    bool run();

private:
    void work(std::size_t thread);
    Chunk* take();
    bool read(Chunk& chunk, std::size_t& number);
    void hand_on(Chunk& chunk, std::size_t number);
    void fail(std::exception_ptr error);

    const ChunkSteps& steps_;
    const std::size_t threads_, chunk_lines_;
    // Chunks held at most: one per thread, and two decided while the one
    // before them still is (a thread the system held up); a thread that
    // would need another waits for the next write.
    const std::size_t most_;

    std::mutex reading_;   // one chunk read at a time
    std::size_t read_ = 0; // chunks read (the next chunk's number)
    bool input_over_ = false;

    std::mutex mutex_; // the rest
    std::condition_variable changed_;
    std::vector<std::unique_ptr<Chunk>> chunks_;
    std::vector<Chunk*> free_;    // the last one freed first: it is still in the cache
    std::vector<Chunk*> decided_; // chunk n at n % most_ from being decided to being written
    std::size_t written_ = 0;     // chunks written (the next one to write)
    bool writing_ = false;        // a thread writes decided chunks, in turn, until none is next
    bool go_ = false, end_ = false, stop_ = false; // stop_: a write failed, or a step threw
    std::exception_ptr error_;
};

bool Pipeline::run() {
    std::vector<std::jthread> helpers;
    helpers.reserve(threads_ - 1);
    for (std::size_t t = 1; t < threads_; ++t) {
        try {
            helpers.emplace_back([this, t] { work(t); });
        } catch (const std::system_error&) {
            break; // the system gives no more threads: the run goes on with fewer
        }
    }
    try {
        if (steps_.started) steps_.started(helpers.size() + 1);
        std::lock_guard lock(mutex_);
        go_ = true;
    } catch (...) {
        fail(std::current_exception());
    }
    changed_.notify_all();
    work(0);
    for (auto& helper : helpers)
        helper.join();
    if (error_) std::rethrow_exception(error_);
    return !stop_; // (what stopped it, then, was a write)
}

void Pipeline::work(std::size_t thread) {
    try {
        while (Chunk* chunk = take()) {
            std::size_t number = 0;
            if (!read(*chunk, number)) return;
            steps_.decide(*chunk, thread);
            hand_on(*chunk, number);
        }
    } catch (...) {
        fail(std::current_exception());
    }
}

// A free chunk, once the run has started and one is free; null when the
// input is over or the run stopped.
Chunk* Pipeline::take() {
    std::unique_lock lock(mutex_);
    changed_.wait(
        lock, [&] { return stop_ || (go_ && (end_ || !free_.empty() || chunks_.size() < most_)); });
    if (stop_ || end_) return nullptr;
    if (free_.empty()) return chunks_.emplace_back(std::make_unique<Chunk>(chunk_lines_)).get();
    Chunk* chunk = free_.back();
    free_.pop_back();
    return chunk;
}

// Reads the next lines into `chunk` and numbers it; false, and the chunk
// freed, when the input is over.
bool Pipeline::read(Chunk& chunk, std::size_t& number) {
    {
        std::lock_guard lock(reading_);
        if (!input_over_) steps_.read(chunk);
        input_over_ = chunk.empty();
        if (!input_over_) {
            number = read_++;
            return true;
        }
    }
    {
        std::lock_guard lock(mutex_);
        end_ = true;
        free_.push_back(&chunk);
    }
    changed_.notify_all();
    return false;
}

// Hands a decided chunk on to be written. If it is the next to write and
// no thread is writing, this thread writes it, and each chunk after it that
// is decided by then; otherwise the thread that decides or writes the one
// before it will.
void Pipeline::hand_on(Chunk& chunk, std::size_t number) {
    std::unique_lock lock(mutex_);
    decided_[number % most_] = &chunk;
    if (writing_ || number != written_) return;
    writing_ = true;
    for (Chunk* next; !stop_ && (next = decided_[written_ % most_]);) {
        decided_[written_ % most_] = nullptr;
        lock.unlock();
        const bool ok = steps_.write(*next);
        next->clear();
        lock.lock();
        ++written_;
        free_.push_back(next);
        if (!ok) stop_ = true;
        changed_.notify_all();
    }
    writing_ = false;
}

void Pipeline::fail(std::exception_ptr error) {
    {
        std::lock_guard lock(mutex_);
        if (!error_) error_ = error;
        stop_ = true;
    }
    changed_.notify_all();
}

} // namespace

bool run_chunks(std::size_t threads, std::size_t chunk_lines, const ChunkSteps& steps) {
    return Pipeline(std::max<std::size_t>(threads, 1), chunk_lines, steps).run();
}

} // namespace kader::cli
