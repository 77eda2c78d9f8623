#pragma once
// How `kader batch` spreads its chunks over threads. Each thread in turn
// takes a chunk, reads the next lines of the input into it, decides them
// and hands it on to be written; the chunks are read, and written, one at a
// time and in order, whichever thread holds them. So a chunk stays on the
// core that read it until it is written (its texts and outputs never move
// to another core's cache), no thread waits at the end of a chunk for
// another, and no part of the work is one thread's alone.
#include "interpreter/cli/batch_chunks.hpp"

#include <cstddef>
#include <functional>

namespace kader::cli {

struct ChunkSteps {
    // Reads the next lines of the input into an empty chunk; the input is
    // over when it leaves it empty. One chunk at a time, in order.
    std::function<void(Chunk&)> read;
    // Decides a chunk's lines on thread `thread` (0 is the calling thread).
    // Chunks at once, one per thread.
    std::function<void(Chunk&, std::size_t thread)> decide;
    // Writes a decided chunk; false stops the run (nothing after it is
    // written). One chunk at a time, in the order they were read.
    std::function<bool(const Chunk&)> write;
    // Told how many threads work, the calling one included, before any
    // work starts: fewer than asked for when the system would not start
    // them all.
    std::function<void(std::size_t threads)> started;
};

// Runs the steps over the whole input on `threads` threads, the calling one
// included, in chunks of `chunk_lines` lines; at most threads + 2 chunks are
// held at once, whatever the input. False when a write stopped the run. An
// exception from a step ends the run on every thread and is thrown here.
bool run_chunks(std::size_t threads, std::size_t chunk_lines, const ChunkSteps& steps);

} // namespace kader::cli
