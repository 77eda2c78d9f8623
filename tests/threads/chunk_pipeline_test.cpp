// `kader batch` spreads its chunks over threads (run_chunks): whichever
// thread decides a chunk, and however long each takes, every line is read
// once, decided, and written once, in input order; a write that fails or a
// step that throws ends the run on every thread. (The steps run on other
// threads than the test's, and Catch's assertions are for the test's
// thread alone: the steps note what they saw, and the test checks it.)
#include "kader_catch.hpp"

#include "interpreter/cli/chunk_pipeline.hpp"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using kader::cli::Chunk;
using kader::cli::ChunkSteps;
using kader::cli::run_chunks;

// An input of numbered lines, read a chunk at a time.
struct Input {
    std::size_t lines = 0, read = 0, chunks = 0;
    void fill(Chunk& chunk) {
        while (!chunk.full() && read < lines) {
            ++read;
            chunk.next_place(read).text = std::to_string(read);
            chunk.keep();
        }
        if (!chunk.empty()) ++chunks;
    }
};

// Work of a length that differs from chunk to chunk, so that chunks are
// done out of the order they were read.
void work_for(std::size_t first_line) {
    volatile std::size_t x = 0;
    for (std::size_t i = 0, n = (first_line * 7919) % 50000; i < n; ++i)
        x = x + i;
}

// A decided line is marked as a failed one (which a real decision would set).
void mark_decided(Chunk& chunk) {
    work_for(chunk.lines().front().number);
    for (auto& l : chunk.lines())
        l.failed = true;
}

} // namespace

TEST_CASE("run_chunks writes every line once and in input order, whatever the threads") {
    for (std::size_t threads : {1, 2, 3, 8}) {
        INFO(threads << " threads");
        Input input{.lines = 5000};
        std::size_t started = 0, most_held = 0;
        std::atomic<std::size_t> written_chunks = 0; // (read on the thread that reads)
        std::atomic<bool> read_before_start = false, read_into_full = false,
                          thread_out_of_range = false, written_undecided = false;
        std::vector<std::size_t> written;
        std::vector<std::atomic<std::size_t>> decided_on(threads);
        ChunkSteps steps;
        steps.started = [&](std::size_t n) { started = n; };
        steps.read = [&](Chunk& chunk) {
            read_before_start = read_before_start || started == 0;
            read_into_full = read_into_full || !chunk.empty();
            input.fill(chunk);
            // Chunks read and not yet written: held at once.
            most_held = std::max(most_held, input.chunks - written_chunks);
        };
        steps.decide = [&](Chunk& chunk, std::size_t thread) {
            if (thread >= threads) {
                thread_out_of_range = true;
                return;
            }
            mark_decided(chunk);
            ++decided_on[thread];
        };
        steps.write = [&](const Chunk& chunk) {
            for (const auto& l : chunk.lines()) {
                written_undecided = written_undecided || !l.failed;
                written.push_back(l.number);
            }
            ++written_chunks;
            return true;
        };
        CHECK(run_chunks(threads, 7, steps));
        CHECK(started == threads);
        CHECK_FALSE(read_before_start);
        CHECK_FALSE(read_into_full);
        CHECK_FALSE(thread_out_of_range);
        CHECK_FALSE(written_undecided); // each chunk decided before it is written
        REQUIRE(written.size() == input.lines);
        for (std::size_t i = 0; i < written.size(); ++i)
            REQUIRE(written[i] == i + 1);
        std::size_t decided = 0;
        for (auto& n : decided_on)
            decided += n;
        CHECK(decided == input.chunks);
        CHECK(most_held <= threads + 2);
    }
}

TEST_CASE("run_chunks of an empty input decides and writes nothing") {
    for (std::size_t threads : {1, 4}) {
        Input input;
        ChunkSteps steps;
        std::atomic<int> decided = 0, written = 0;
        steps.read = [&](Chunk& chunk) { input.fill(chunk); };
        steps.decide = [&](Chunk&, std::size_t) { ++decided; };
        steps.write = [&](const Chunk&) {
            ++written;
            return true;
        };
        CHECK(run_chunks(threads, 16, steps));
        CHECK(decided == 0);
        CHECK(written == 0);
    }
}

TEST_CASE("run_chunks stops at a write that fails: nothing after it is written") {
    for (std::size_t threads : {1, 2, 4}) {
        INFO(threads << " threads");
        Input input{.lines = 10000};
        std::vector<std::size_t> writes;
        ChunkSteps steps;
        steps.read = [&](Chunk& chunk) { input.fill(chunk); };
        steps.decide = [](Chunk& chunk, std::size_t) { mark_decided(chunk); };
        steps.write = [&](const Chunk& chunk) {
            writes.push_back(chunk.lines().front().number);
            return writes.size() < 3; // the third write finds the disk full
        };
        CHECK_FALSE(run_chunks(threads, 10, steps));
        CHECK(writes == std::vector<std::size_t>{1, 11, 21});
        // The threads stop too: no more is read than the chunks they held.
        CHECK(input.chunks <= 3 + threads + 2);
    }
}

TEST_CASE("run_chunks ends the run on every thread when a step throws, and throws it") {
    for (std::size_t threads : {1, 3}) {
        for (std::string step : {"started", "read", "decide", "write"}) {
            INFO(threads << " threads, " << step);
            Input input{.lines = 2000};
            ChunkSteps steps;
            auto fail_at = [&](const std::string& at, std::size_t first_line) {
                if (at == step && first_line == 41) throw std::runtime_error(step + " failed");
            };
            steps.started = [&](std::size_t) { fail_at("started", 41); };
            steps.read = [&](Chunk& chunk) {
                input.fill(chunk);
                if (!chunk.empty()) fail_at("read", chunk.lines().front().number);
            };
            steps.decide = [&](Chunk& chunk, std::size_t) {
                mark_decided(chunk);
                fail_at("decide", chunk.lines().front().number);
            };
            std::size_t written = 0;
            steps.write = [&](const Chunk& chunk) {
                fail_at("write", chunk.lines().front().number);
                written += chunk.lines().size();
                return true;
            };
            CHECK_THROWS_WITH(run_chunks(threads, 10, steps), step + " failed");
            CHECK(written <= 40); // nothing after the chunk that failed
            CHECK(input.read < input.lines);
        }
    }
}
