#include "lang/file_input.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <istream>
#include <sys/stat.h>
#include <unistd.h>

namespace kader {

namespace {

std::string size_words(std::size_t bytes) {
    if (bytes >= (1u << 20)) return fmt::format("{} MiB", bytes >> 20);
    return fmt::format("{} bytes", bytes);
}

// Closes the descriptor however the read ends.
struct Descriptor {
    int fd;
    ~Descriptor() {
        if (fd >= 0) ::close(fd);
    }
};

} // namespace

std::optional<std::string> read_regular_file(const std::string& path, std::size_t limit,
                                             std::string& error) {
    // Opened first and checked with fstat on the open file, so that the file
    // checked is the file read.
    Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
    if (file.fd < 0) {
        error = errno == ENOENT ? "does not exist"
                                : fmt::format("cannot read it: {}", std::strerror(errno));
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(file.fd, &st) != 0) {
        error = fmt::format("cannot read it: {}", std::strerror(errno));
        return std::nullopt;
    }
    if (S_ISDIR(st.st_mode)) {
        error = "is a folder, not a file";
        return std::nullopt;
    }
    if (!S_ISREG(st.st_mode)) {
        error = "is not a regular file (a device, pipe or socket is not read)";
        return std::nullopt;
    }
    auto size = static_cast<std::size_t>(st.st_size);
    if (size > limit) {
        error = fmt::format("is {}; at most {} is read", size_words(size), size_words(limit));
        return std::nullopt;
    }
    std::string text(size, '\0');
    std::size_t got = 0;
    while (got < size) {
        ssize_t n = ::read(file.fd, text.data() + got, size - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            error = fmt::format("cannot read it: {}", std::strerror(errno));
            return std::nullopt;
        }
        if (n == 0) break; // the file shrank while being read
        got += static_cast<std::size_t>(n);
    }
    text.resize(got);
    return text;
}

std::optional<std::string> read_stream(std::istream& in, std::size_t limit, std::string& error) {
    std::string text;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > limit) {
            error = fmt::format("is longer than {}", size_words(limit));
            return std::nullopt;
        }
    }
    return text;
}

std::size_t first_invalid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t n = text.size(), i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xBF; // the range of the second byte
        if (c >= 0xC2 && c <= 0xDF)
            length = 2;
        else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0) low = 0xA0;  // no overlong forms
            if (c == 0xED) high = 0x9F; // no surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0) low = 0x90;
            if (c == 0xF4) high = 0x8F; // nothing past U+10FFFF
        } else
            return i;
        if (i + length > n || s[i + 1] < low || s[i + 1] > high) return i;
        for (std::size_t k = 2; k < length; ++k)
            if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
        i += length;
    }
    return std::string_view::npos;
}

} // namespace kader
