#include "interpreter/cli/batch_chunks.hpp"

#include <algorithm>
#include <array>
#include <system_error>

namespace kader::cli {

namespace {

// Room kept by a chunk from one use to the next, at most: per line text, and
// per thread for its outputs. A typical chunk needs far less.
constexpr std::size_t kept_text_room = 16 * 1024;
constexpr std::size_t kept_output_room = 8 << 20;

// Lines are taken a group at a time: one counter touched per line kept both
// cores waiting on its cache line, and neighbouring lines decided on
// different threads shared theirs. A group goes through reading, deciding
// and writing stage by stage (decide_batch_lines).
constexpr std::size_t lines_taken = batch_group_lines;

// Before a thread sleeps until the next chunk (or until the others are
// done), it looks a while: the other side is usually a few microseconds
// away, and waking a thread that slept took longer than that, once per
// chunk on each side.
template <class Ready> bool spin_until(Ready ready) {
    constexpr int looks = 4000;
    for (int i = 0; i < looks; ++i) {
        if (ready()) return true;
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
    }
    return false;
}

} // namespace

BatchLine& Chunk::next_place(std::size_t number) {
    if (size_ == lines_.size()) {
        lines_.emplace_back();
        written_.emplace_back();
    }
    BatchLine& l = lines_[size_];
    l.number = number;
    return l;
}

void Chunk::decide(std::size_t first, std::size_t end, std::size_t t,
                   const std::shared_ptr<const Program>& program, const DecideOptions& options,
                   JsonFragments& fragments) {
    std::string& out = outputs_[t].text;
    // At most lines_taken at a time: the room for their ends is that many,
    // whatever range a caller gives.
    std::array<std::size_t, lines_taken> ends;
    for (std::size_t from = first; from < end; from += lines_taken) {
        const std::size_t n = std::min(lines_taken, end - from);
        std::size_t offset = out.size();
        decide_batch_lines(program, options, std::span(lines_).subspan(from, n), fragments, out,
                           std::span(ends).first(n));
        for (std::size_t i = 0; i < n; ++i) {
            written_[from + i] = {t, offset, ends[i] - offset};
            offset = ends[i] + 1; // (after its newline)
        }
    }
}

bool Chunk::follows(std::size_t i) const {
    const Written &w = written_[i], &before = written_[i - 1];
    return w.thread == before.thread && w.offset == before.offset + before.size + 1;
}

std::string_view Chunk::output(std::size_t i) const {
    const Written& w = written_[i];
    return std::string_view(outputs_[w.thread].text).substr(w.offset, w.size);
}

void Chunk::clear() {
    for (auto& l : lines())
        if (l.text.capacity() > kept_text_room) std::string().swap(l.text);
    for (auto& out : outputs_) {
        if (out.text.capacity() > kept_output_room) std::string().swap(out.text);
        out.text.clear();
    }
    size_ = 0;
}

Deciders::Deciders(const std::shared_ptr<const Program>& program, const DecideOptions& options,
                   std::vector<JsonFragments>& fragments)
    : options_(options), fragments_(fragments) {
    // Owners of their own that keep the one program alive (the deleter holds it).
    for (std::size_t t = 0; t < fragments.size(); ++t)
        programs_.emplace_back(program.get(), [keep = program](const Program*) {});
    helpers_.reserve(fragments.size());
    for (std::size_t t = 1; t < fragments.size(); ++t) {
        try {
            helpers_.emplace_back([this, t] { serve(t); });
        } catch (const std::system_error&) {
            break; // the system gives no more threads: the batch goes on with fewer
        }
    }
}

Deciders::~Deciders() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
}

void Deciders::decide(Chunk& chunk, const std::function<void()>& meanwhile) {
    {
        std::lock_guard lock(mutex_);
        chunk_ = &chunk;
        next_ = 0;
        busy_ = helpers_.size();
        ++round_;
    }
    wake_.notify_all();
    try {
        if (meanwhile) meanwhile();
    } catch (...) {
        wait_for_helpers(); // they still use the chunk
        throw;
    }
    work(0);
    wait_for_helpers();
}

void Deciders::work(std::size_t t) {
    const std::size_t n = chunk_->lines().size();
    for (std::size_t i = next_.fetch_add(lines_taken); i < n; i = next_.fetch_add(lines_taken))
        chunk_->decide(i, std::min(n, i + lines_taken), t, programs_[t], options_, fragments_[t]);
}

void Deciders::serve(std::size_t t) {
    std::uint64_t seen = 0;
    for (;;) {
        spin_until([&] { return round_.load(std::memory_order_acquire) != seen; });
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stop_ || round_ != seen; });
            if (stop_) return;
            seen = round_;
        }
        work(t);
        std::lock_guard lock(mutex_);
        if (busy_.fetch_sub(1) == 1) done_.notify_one();
    }
}

void Deciders::wait_for_helpers() {
    spin_until([&] { return busy_.load(std::memory_order_acquire) == 0; });
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return busy_ == 0; });
}

} // namespace kader::cli
