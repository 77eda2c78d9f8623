#include "interpreter/repl/pager.hpp"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace kader::repl {

namespace {

std::size_t terminal_rows() {
    winsize w{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_row > 0) return w.ws_row;
    return 24;
}

void write_directly(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

// The pager command, or empty when output is not to be paged.
std::string pager_command() {
    const char* pager = std::getenv("PAGER");
    if (!pager) return "less -R";
    std::string command = pager;
    if (command.find_first_not_of(" \t") == std::string::npos || command == "cat") return {};
    return command;
}

// Runs the pager on `text`; false when it could not run (the text is then unseen).
bool run_pager(const std::string& command, const std::string& text) {
    std::fflush(stdout);
    // The user may quit the pager before it has read everything: a write to
    // the closed pipe must fail, not end the session.
    struct sigaction ignore {
    }, previous{};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &previous);
    FILE* pipe = popen(command.c_str(), "w");
    bool ran = false;
    if (pipe) {
        std::fwrite(text.data(), 1, text.size(), pipe);
        int status = pclose(pipe);
        // 127: the shell found no such command; nothing was shown.
        ran = status != -1 && !(WIFEXITED(status) && WEXITSTATUS(status) == 127);
    }
    sigaction(SIGPIPE, &previous, nullptr);
    return ran;
}

} // namespace

void show_paged(const std::string& text) {
    std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    std::string command = pager_command();
    // One line is kept for the prompt that follows.
    if (command.empty() || lines < terminal_rows() || !run_pager(command, text))
        write_directly(text);
}

} // namespace kader::repl
