#pragma once
// Room kept on a thread from one case to the next: a batch decides a case
// per line, and the blocks a case fills (its values, its explanation) would
// otherwise be allocated anew for each one.
#include <cstddef>

namespace kader::room {

// Room is kept only up to a bound: one large case does not hold on to its
// room for the rest of a run.
constexpr std::size_t most_kept_bytes = 64 * 1024;

template <class Block> bool worth_keeping(const Block& b) {
    return b.capacity() * sizeof(b[0]) <= most_kept_bytes;
}

// Whether a block has room made for it (an empty string has room for 15
// characters within itself, which is not room to pass on).
template <class Block> bool has_room(const Block& b) {
    return b.capacity() > Block().capacity();
}

// Takes `from`'s room into `to`, emptied, when `to` has none of its own.
template <class Block> void take(Block& to, Block& from) {
    if (has_room(to) || !has_room(from) || !worth_keeping(from)) return;
    to.swap(from);
    to.clear();
}

} // namespace kader::room
