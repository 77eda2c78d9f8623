// `kader batch` writes each chunk's decisions with write_all: every byte, in
// order, however little the output takes at a time; and a full disk is an
// error, not a silent loss.
#include "support.hpp"

#include "interpreter/cli/write_all.hpp"

#include <cerrno>
#include <fcntl.h>
#include <filesystem>
#include <string>
#include <thread>
#include <unistd.h>

namespace {

std::string written_to_file(std::string_view text) {
    kt::TempDir dir;
    auto path = dir.path() / "out";
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(fd >= 0);
    CHECK(kader::cli::write_all(fd, text));
    ::close(fd);
    return kt::read_file(path);
}

} // namespace

TEST_CASE("write_all writes every byte in order, and nothing for no text") {
    std::string text;
    for (int i = 0; i < 5000; ++i)
        text += "{\"case\":\"C" + std::to_string(i) + "\"}\n";
    CHECK(written_to_file(text) == text);
    CHECK(written_to_file("").empty());
}

TEST_CASE("write_all writes through a pipe that takes a little at a time") {
    // A pipe holds 64 KiB: a writer of 1 MiB is held up until the reader
    // makes room, and the reader gets every byte in order. Non-blocking (as
    // a pipe shared with another program may be left), each call writes
    // what fits, and the next one waits for room.
    std::string text;
    for (int i = 0; text.size() < (1 << 20); ++i)
        text += std::to_string(i) + ",";
    for (bool blocking : {true, false}) {
        INFO(blocking);
        int ends[2];
        REQUIRE(::pipe(ends) == 0);
        if (!blocking) REQUIRE(::fcntl(ends[1], F_SETFL, O_NONBLOCK) == 0);
        std::string got;
        std::thread reader([&] {
            char buffer[4096];
            for (ssize_t n; (n = ::read(ends[0], buffer, sizeof buffer)) > 0;)
                got.append(buffer, static_cast<std::size_t>(n));
        });
        bool ok = kader::cli::write_all(ends[1], text);
        ::close(ends[1]);
        reader.join();
        ::close(ends[0]);
        CHECK(ok);
        CHECK(got == text);
    }
}

TEST_CASE("write_all says when the output takes no more") {
    if (!std::filesystem::exists("/dev/full")) {
        WARN("no /dev/full here: not checked");
        return;
    }
    std::string text(100000, 'x');
    int fd = ::open("/dev/full", O_WRONLY);
    REQUIRE(fd >= 0);
    errno = 0;
    CHECK_FALSE(kader::cli::write_all(fd, text));
    CHECK(errno == ENOSPC);
    ::close(fd);
}
