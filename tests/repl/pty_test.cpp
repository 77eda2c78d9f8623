// The terminal mode, driven through a pseudo-terminal: tab completion,
// history recalled with the up arrow (also in a later session, from the
// history file in $HOME), and Ctrl-C abandoning a line.
#include "support.hpp"

#include "kader_catch.hpp"
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

using namespace kader::test;

namespace {

class Terminal {
public:
    // `pager`: the $PAGER the REPL sees (by default none: output is printed).
    Terminal(const fs::path& dir, std::vector<std::string> args, const std::string& pager = "cat") {
        winsize size{};
        size.ws_row = 40;
        size.ws_col = 120;
        pid_ = forkpty(&fd_, nullptr, nullptr, &size);
        if (pid_ == 0) {
            if (chdir(dir.c_str()) != 0) _exit(126);
            setenv("HOME", dir.c_str(), 1);
            setenv("TERM", "xterm", 1);
            unsetenv("EDITRC");
            setenv("PAGER", pager.c_str(), 1);
            // Under the sanitizers: libedit keeps the names of added editor
            // functions (wcsdup) to the end; that is not the REPL's leak.
            std::string suppressions = (dir / "lsan.supp").string();
            if (FILE* f = std::fopen(suppressions.c_str(), "w")) {
                std::fputs("leak:wcsdup\n", f);
                std::fclose(f);
            }
            setenv("LSAN_OPTIONS",
                   ("suppressions=" + suppressions + ":print_suppressions=0").c_str(), 1);
            std::string binary = kader_binary();
            std::vector<char*> argv{binary.data()};
            for (auto& a : args)
                argv.push_back(a.data());
            argv.push_back(nullptr);
            execv(binary.c_str(), argv.data());
            _exit(127);
        }
    }
    ~Terminal() {
        if (pid_ > 0 && !exited_) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        if (fd_ >= 0) close(fd_);
    }

    // Types keys once the line editor reads the terminal key by key: libedit
    // shows the prompt a moment before it leaves the line-by-line mode, and
    // keys typed in that moment are read the terminal's way.
    void type(const std::string& keys) {
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        termios mode{};
        while (tcgetattr(fd_, &mode) == 0 && (mode.c_lflag & ICANON) &&
               std::chrono::steady_clock::now() < until)
            usleep(1000);
        std::size_t done = 0;
        while (done < keys.size()) {
            ssize_t n = write(fd_, keys.data() + done, keys.size() - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
    }

    // Reads until `text` appears after what earlier waits consumed.
    bool wait_for(const std::string& text, int seconds = 10) {
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        for (;;) {
            auto at = screen_.find(text, seen_);
            if (at != std::string::npos) {
                seen_ = at + text.size();
                return true;
            }
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                            until - std::chrono::steady_clock::now())
                            .count();
            if (left <= 0) return false;
            pollfd p{fd_, POLLIN, 0};
            if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
            char buffer[4096];
            ssize_t n = read(fd_, buffer, sizeof buffer);
            if (n <= 0) return false;
            // The terminal ends lines with \r\n; compare with \n only.
            for (ssize_t i = 0; i < n; ++i)
                if (buffer[i] != '\r') screen_ += buffer[i];
        }
    }

    int wait_exit() {
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < until) {
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                exited_ = true;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            // Drain the terminal so that the program never blocks writing to it.
            char buffer[4096];
            pollfd p{fd_, POLLIN, 0};
            if (poll(&p, 1, 10) > 0 && read(fd_, buffer, sizeof buffer) > 0) continue;
            usleep(10000);
        }
        return -1;
    }

    const std::string& screen() const { return screen_; }

private:
    pid_t pid_ = -1;
    int fd_ = -1;
    bool exited_ = false;
    std::string screen_;
    std::size_t seen_ = 0;
};

const std::string up = "\x1b[A";

// Waits for `text` on the terminal; on failure shows what the terminal got.
#define WAIT_FOR(t, text)                                                                          \
    do {                                                                                           \
        bool seen = (t).wait_for(text);                                                            \
        if (!seen) write_file(fs::path(KADER_REPL_WORK) / "pty-screen.txt", (t).screen());         \
        INFO("waiting for: " << (text) << "\nthe terminal showed:\n" << (t).screen());             \
        REQUIRE(seen);                                                                             \
    } while (false)

} // namespace

TEST_CASE("in a terminal, Tab completes and the up arrow recalls earlier lines, across sessions") {
    fs::path dir = fresh_workdir("pty");
    {
        Terminal t(dir, {"repl", "--no-stdlib", "-r", "rules", "cases/hk.json"});
        WAIT_FOR(t, "kader repl: 8 rules in 4 modules");
        WAIT_FOR(t, "kader HK-01> ");
        // `:he` + Tab completes to `:help `.
        t.type(":he\t");
        WAIT_FOR(t, "lp ");
        t.type("set\r");
        WAIT_FOR(t, "set PATH = VALUE\n  change a fact");
        WAIT_FOR(t, "kader HK-01> ");
        // Paths and values complete too.
        t.type("set parties[0].ro\t");
        WAIT_FOR(t, "le ");
        t.type("= \"interm\t");
        WAIT_FOR(t, "ediary\"");
        t.type("\r");
        WAIT_FOR(t, "parties[0].role: \"consignee\" -> \"intermediary\"");
        // The prompt marks a case with unsaved changes.
        WAIT_FOR(t, "kader HK-01*> ");
        // Several options are listed.
        t.type(":help wh\t");
        WAIT_FOR(t, "whatif  why");
        t.type("\x15"); // Ctrl-U: erase the line
        t.type("case.destination\r");
        WAIT_FOR(t, "\"HK\"");
        WAIT_FOR(t, "kader HK-01*> ");
        // Up arrow: the previous line comes back, and Enter runs it again.
        t.type(up);
        WAIT_FOR(t, "case.destination");
        t.type("\r");
        WAIT_FOR(t, "\"HK\"");
        WAIT_FOR(t, "kader HK-01*> ");
        // Ctrl-C abandons the line being typed, not the session.
        t.type("some half-typed line");
        WAIT_FOR(t, "half-typed line");
        t.type("\x03");
        WAIT_FOR(t, "^C");
        WAIT_FOR(t, "kader HK-01*> ");
        t.type("case.date\r");
        WAIT_FOR(t, "2024-06-03");
        WAIT_FOR(t, "kader HK-01*> ");
        // Ctrl-C also drops an entry continued over several lines: the next
        // line starts afresh instead of being glued to the abandoned one.
        t.type("any p in case.parties: (p.country ==\r");
        WAIT_FOR(t, "...> ");
        t.type("\x03");
        WAIT_FOR(t, "^C");
        WAIT_FOR(t, "kader HK-01*> ");
        t.type("case.destination\r");
        WAIT_FOR(t, "\"HK\"");
        WAIT_FOR(t, "kader HK-01*> ");
        t.type(":quit\r");
        int status = t.wait_exit();
        if (status != 0) write_file(fs::path(KADER_REPL_WORK) / "pty-screen.txt", t.screen());
        CHECK(status == 0);
        CHECK(t.screen().find("error") == std::string::npos); // the abandoned line did not run
    }
    std::string history = read_file(dir / ".kader_history");
    CHECK(history.find("case.destination") != std::string::npos);
    CHECK(history.find(":quit") != std::string::npos);
    {
        // A new session starts with the history of the last one.
        Terminal t(dir, {"repl", "--no-stdlib", "-r", "rules", "cases/hk.json"});
        WAIT_FOR(t, "kader HK-01> ");
        t.type(up + up);
        WAIT_FOR(t, "case.destination");
        t.type("\r");
        WAIT_FOR(t, "\"HK\"");
        WAIT_FOR(t, "kader HK-01> ");
        t.type("\x04"); // Ctrl-D on an empty line leaves
        int status = t.wait_exit();
        if (status != 0) write_file(fs::path(KADER_REPL_WORK) / "pty-screen.txt", t.screen());
        CHECK(status == 0);
    }
}

TEST_CASE("in a terminal, output longer than the screen goes through $PAGER") {
    fs::path dir = fresh_workdir("pty-pager");
    // The pager here copies what it gets to a file and says so.
    Terminal t(dir, {"repl", "--no-stdlib", "-r", "rules", "cases/hk.json"},
               "cat > paged.txt; echo PAGER-RAN");
    WAIT_FOR(t, "kader HK-01> ");
    // Short output is printed as it is.
    t.type("case.destination\r");
    WAIT_FOR(t, "\"HK\"");
    WAIT_FOR(t, "kader HK-01> ");
    CHECK_FALSE(fs::exists(dir / "paged.txt"));
    // `:rules` fits on 40 rows; the decision as JSON does not.
    t.type(":rules\r");
    WAIT_FOR(t, "kader HK-01> ");
    CHECK_FALSE(fs::exists(dir / "paged.txt"));
    t.type("eval full json\r");
    WAIT_FOR(t, "PAGER-RAN");
    WAIT_FOR(t, "kader HK-01> ");
    std::string paged = read_file(dir / "paged.txt");
    CHECK(paged.rfind("{", 0) == 0);
    CHECK(paged.find("\"verdict\": \"license_required\"") != std::string::npos);
    CHECK(std::count(paged.begin(), paged.end(), '\n') >= 40);
    t.type(":quit\r");
    CHECK(t.wait_exit() == 0);
}
