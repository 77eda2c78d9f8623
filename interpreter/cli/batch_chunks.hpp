#pragma once
// The chunks of lines `kader batch` streams through: each read, decided and
// written by one thread (chunk_pipeline.hpp says which).
#include "interpreter/batch_line.hpp"

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kader::cli {

// The lines of a chunk. Small enough that a chunk's texts and outputs (a
// few hundred KiB) stay in the core's cache from being read to being
// decided and written: at 2,048 lines they did not, and `batch -j 1` took
// 4 % longer. Large enough that handing chunks between threads costs
// nothing measurable. With `--log`, a chunk is one transaction, and each
// commit waits for the disk: there a chunk is larger.
inline constexpr std::size_t chunk_lines = 256;
inline constexpr std::size_t logged_chunk_lines = 2048;

// Lines of a batch, and their outputs. The outputs are written one after
// the other, as JSON Lines, into room of the chunk's own, which it keeps
// from use to use; the lines keep the room of their texts too. So once the
// first chunks are through, a line costs no allocation for its text or
// output. On cache lines of its own: the sizes of its lines and outputs
// change with every line, and beside a chunk on another thread they would
// move between the cores with each.
class alignas(64) Chunk {
public:
    explicit Chunk(std::size_t capacity) : capacity_(capacity) {}

    std::span<BatchLine> lines() { return {lines_.data(), size_}; }
    std::span<const BatchLine> lines() const { return {lines_.data(), size_}; }
    bool empty() const { return size_ == 0; }
    bool full() const { return size_ == capacity_; }

    // The place of the next line, numbered `number`; keep() takes it in.
    BatchLine& next_place(std::size_t number);
    void keep() { ++size_; }

    // Decides the lines not yet decided, a group at a time (decide_batch_lines).
    void decide(const std::shared_ptr<const Program>& program, const DecideOptions& options,
                JsonFragments& fragments);
    // Line i's output, once decided: one line of JSON, without its newline.
    std::string_view output(std::size_t i) const;
    // The outputs of the lines decided, in order, each with its newline.
    std::string_view outputs() const { return output_; }

    // Empties the chunk and keeps its room, up to a bound: a few long lines
    // do not hold on to their room for the rest of the run.
    void clear();

private:
    struct Written {
        std::size_t offset = 0, size = 0;
    };
    std::vector<BatchLine> lines_; // the first size_ are the chunk's
    std::vector<Written> written_; // per line decided: where its output is
    std::string output_;
    std::size_t capacity_; // lines
    std::size_t size_ = 0;
};

} // namespace kader::cli
