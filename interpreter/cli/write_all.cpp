#include "interpreter/cli/write_all.hpp"

#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace kader::cli {

bool write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        ssize_t written = ::write(fd, text.data(), text.size());
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
        text.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

} // namespace kader::cli
