#pragma once
// Writing pieces of text that lie apart in memory to a file descriptor in
// one go: `kader batch` writes each chunk's decisions from where its
// threads made them (Chunk::write_outputs), in one writev, not copied into
// one block first nor written with a system call per piece.
#include <sys/uio.h>
#include <vector>

namespace kader::cli {

// Writes every byte of `runs`, in order, to `fd`: as many writev calls as it
// takes (at most IOV_MAX pieces each, and whatever a call leaves unwritten
// is written by the next), going on after an interrupted call, and waiting
// while a non-blocking `fd` is full. False, with errno set, when `fd` takes
// no more (a full disk, a closed pipe); `runs` is used up either way.
bool write_runs(int fd, std::vector<iovec>& runs);

} // namespace kader::cli
