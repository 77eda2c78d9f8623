#include "interpreter/cli/write_runs.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstddef>
#include <poll.h>
#include <unistd.h>

namespace kader::cli {

bool write_runs(int fd, std::vector<iovec>& runs) {
    std::size_t first = 0;
    while (first < runs.size()) {
        if (runs[first].iov_len == 0) {
            ++first;
            continue;
        }
        const int count = static_cast<int>(std::min<std::size_t>(runs.size() - first, IOV_MAX));
        ssize_t written = writev(fd, runs.data() + first, count);
        if (written < 0) {
            if (errno == EINTR) continue;
            // A descriptor left non-blocking by whoever gave it (a shared
            // pipe): waits until it takes more, as a blocking one would.
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                pollfd ready{fd, POLLOUT, 0};
                if (::poll(&ready, 1, -1) < 0 && errno != EINTR) return false;
                continue;
            }
            return false;
        }
        if (written == 0) { // (not for files or pipes; never loop on it)
            errno = EIO;
            return false;
        }
        // Past the pieces written whole; into the one written in part.
        auto left = static_cast<std::size_t>(written);
        for (; left > 0 && left >= runs[first].iov_len; ++first)
            left -= runs[first].iov_len;
        if (left > 0) {
            runs[first].iov_base = static_cast<char*>(runs[first].iov_base) + left;
            runs[first].iov_len -= left;
        }
    }
    return true;
}

} // namespace kader::cli
