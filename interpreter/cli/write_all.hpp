#pragma once
// Writing a block of text to a file descriptor whole: `kader batch` writes
// each chunk's decisions from where they were made, with one system call
// when the descriptor takes them all at once.
#include <string_view>

namespace kader::cli {

// Writes every byte of `text`, in order, to `fd`: as many calls as it takes
// (whatever a call leaves unwritten is written by the next), going on after
// an interrupted call, and waiting while a non-blocking `fd` is full. False,
// with errno set, when `fd` takes no more (a full disk, a closed pipe).
bool write_all(int fd, std::string_view text);

} // namespace kader::cli
