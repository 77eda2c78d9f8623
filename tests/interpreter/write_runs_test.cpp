// `kader batch` writes each chunk's decisions with write_runs: every byte,
// in order, however many pieces; and a full disk is an error, not a
// silent loss.
#include "support.hpp"

#include "interpreter/cli/write_runs.hpp"

#include <cerrno>
#include <climits>
#include <fcntl.h>
#include <filesystem>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

// Pieces of `text`, cut at `cuts` (ascending), as write_runs takes them.
std::vector<iovec> pieces(std::string& text, const std::vector<std::size_t>& cuts) {
    std::vector<iovec> runs;
    std::size_t from = 0;
    for (std::size_t cut : cuts) {
        runs.push_back({text.data() + from, cut - from});
        from = cut;
    }
    runs.push_back({text.data() + from, text.size() - from});
    return runs;
}

std::string written_to_file(std::vector<iovec>& runs) {
    kt::TempDir dir;
    auto path = dir.path() / "out";
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(fd >= 0);
    CHECK(kader::cli::write_runs(fd, runs));
    ::close(fd);
    return kt::read_file(path);
}

} // namespace

TEST_CASE("write_runs writes every piece in order, more pieces than one call takes") {
    std::string text;
    for (int i = 0; i < 5000; ++i)
        text += "{\"case\":\"C" + std::to_string(i) + "\"}\n";
    std::vector<std::size_t> cuts;
    for (std::size_t at = 7; at < text.size(); at += 7 + at % 13)
        cuts.push_back(at);
    REQUIRE(cuts.size() > 2 * IOV_MAX); // three calls at least
    auto runs = pieces(text, cuts);
    CHECK(written_to_file(runs) == text);
}

TEST_CASE("write_runs skips empty pieces and writes nothing for none") {
    std::string text = "abc";
    std::vector<iovec> runs = {{text.data(), 0},
                               {text.data(), 1},
                               {text.data() + 1, 0},
                               {text.data() + 1, 2},
                               {text.data() + 3, 0}};
    CHECK(written_to_file(runs) == text);
    std::vector<iovec> none;
    CHECK(written_to_file(none).empty());
}

TEST_CASE("write_runs writes through a pipe that takes a little at a time") {
    // A pipe holds 64 KiB: a writer of 1 MiB is held up until the reader
    // makes room, and the reader gets every byte in order. Non-blocking (as
    // a pipe shared with another program may be left), each call writes
    // what fits, ends inside a piece, and the next one waits for room.
    std::string text;
    for (int i = 0; text.size() < (1 << 20); ++i)
        text += std::to_string(i) + ",";
    auto runs = pieces(text, {1, 2, 70000, 70001, 500000});
    for (bool blocking : {true, false}) {
        INFO(blocking);
        auto runs_left = runs;
        int ends[2];
        REQUIRE(::pipe(ends) == 0);
        if (!blocking) REQUIRE(::fcntl(ends[1], F_SETFL, O_NONBLOCK) == 0);
        std::string got;
        std::thread reader([&] {
            char buffer[4096];
            for (ssize_t n; (n = ::read(ends[0], buffer, sizeof buffer)) > 0;)
                got.append(buffer, static_cast<std::size_t>(n));
        });
        bool ok = kader::cli::write_runs(ends[1], runs_left);
        ::close(ends[1]);
        reader.join();
        ::close(ends[0]);
        CHECK(ok);
        CHECK(got == text);
    }
}

TEST_CASE("write_runs says when the output takes no more") {
    if (!std::filesystem::exists("/dev/full")) {
        WARN("no /dev/full here: not checked");
        return;
    }
    std::string text(100000, 'x');
    auto runs = pieces(text, {10, 5000});
    int fd = ::open("/dev/full", O_WRONLY);
    REQUIRE(fd >= 0);
    errno = 0;
    CHECK_FALSE(kader::cli::write_runs(fd, runs));
    CHECK(errno == ENOSPC);
    ::close(fd);
}
