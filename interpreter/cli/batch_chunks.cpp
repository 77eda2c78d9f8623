#include "interpreter/cli/batch_chunks.hpp"

#include <algorithm>
#include <array>

namespace kader::cli {

namespace {

// Room kept by a chunk from one use to the next, at most: per line for its
// text, and for the outputs. A typical chunk needs far less.
constexpr std::size_t kept_text_room = 16 * 1024;
constexpr std::size_t kept_output_room = 8 << 20;

} // namespace

BatchLine& Chunk::next_place(std::size_t number) {
    if (size_ == lines_.size()) lines_.emplace_back();
    BatchLine& l = lines_[size_];
    l.number = number;
    return l;
}

void Chunk::decide(const std::shared_ptr<const Program>& program, const DecideOptions& options,
                   JsonFragments& fragments) {
    // A group at a time: the room for their ends is that many.
    std::array<std::size_t, batch_group_lines> ends;
    for (std::size_t from = written_.size(); from < size_; from += batch_group_lines) {
        const std::size_t n = std::min(batch_group_lines, size_ - from);
        std::size_t offset = output_.size();
        decide_batch_lines(program, options, std::span(lines_).subspan(from, n), fragments, output_,
                           std::span(ends).first(n));
        for (std::size_t i = 0; i < n; ++i) {
            written_.push_back({offset, ends[i] - offset});
            offset = ends[i] + 1; // (after its newline)
        }
    }
}

std::string_view Chunk::output(std::size_t i) const {
    const Written& w = written_[i];
    return std::string_view(output_).substr(w.offset, w.size);
}

void Chunk::clear() {
    for (auto& l : lines())
        if (l.text.capacity() > kept_text_room) std::string().swap(l.text);
    if (output_.capacity() > kept_output_room) std::string().swap(output_);
    output_.clear();
    written_.clear();
    size_ = 0;
}

} // namespace kader::cli
