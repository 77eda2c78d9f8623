#include "support.hpp"

#include "kader_catch.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace st {

std::string source_dir() {
    return KADER_SOURCE_DIR;
}
std::string kader_binary() {
    return KADER_BINARY;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

std::string quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

Run kader(const std::string& args) {
    Run r;
    std::string command = quoted(kader_binary()) + " " + args + " 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::array<char, 65536> buf;
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0)
        r.out.append(buf.data(), n);
    int status = pclose(pipe);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::vector<fs::path> example_cases() {
    std::vector<fs::path> cases;
    for (const auto& e : fs::directory_iterator(fs::path(source_dir()) / "examples" / "cases"))
        if (e.path().extension() == ".json") cases.push_back(e.path());
    std::sort(cases.begin(), cases.end());
    return cases;
}

std::string one_line(const std::string& case_text) {
    std::string line;
    for (char c : case_text)
        if (c != '\n' && c != '\r') line += c;
    return line;
}

TempDir::TempDir() {
    std::string pattern = (fs::temp_directory_path() / "kader-serve-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

std::string small_rules(const std::string& ru_verdict) {
    return R"(module small

schema case {
  id: optional string
  date: date
  destination: country
  items: nonempty list of record {
    code: optional code
  }
}

rule russia
  goal sanctions
  basis "Test basis: destination Russia"
  when case.destination == "RU"
  then )" + ru_verdict +
           R"( "destination {case.destination}"

rule china
  goal end_use
  basis "Test basis: destination China"
  when case.destination == "CN"
  then escalate "destination {case.destination}"
)";
}

std::string small_case(const std::string& id, const std::string& destination) {
    return json{{"id", id},
                {"date", "2024-01-01"},
                {"destination", destination},
                {"items", {{{"code", "3A001"}}}}}
        .dump();
}

namespace {

// Reads one line from `fd`, waiting at most `seconds` in all.
std::string read_line(int fd, int seconds) {
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0) continue;
        char c;
        ssize_t n = read(fd, &c, 1);
        if (n <= 0) break; // the server ended
        if (c == '\n') return line;
        line += c;
    }
    return line;
}

} // namespace

Server::Server(const std::vector<std::string>& args) {
    // A server that closes a connection (413) while the client still sends must
    // not end the test.
    std::signal(SIGPIPE, SIG_IGN);
    std::vector<std::string> argv = {kader_binary(), "serve", "--port", "0"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> cargv;
    for (auto& a : argv)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);
    int fds[2];
    REQUIRE(pipe2(fds, O_CLOEXEC) == 0); // other servers of the test must not inherit it
    std::string err_path = (dir_.path() / "stderr").string();
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
        // The child, until exec: async-signal-safe calls only. If the test
        // dies without stopping the server, the server is stopped with it.
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (dup2(fds[1], STDOUT_FILENO) < 0 || err < 0 || dup2(err, STDERR_FILENO) < 0) _exit(127);
        execv(argv[0].c_str(), cargv.data());
        _exit(127);
    }
    close(fds[1]);
    out_ = fds[0];
    // Loading the standard library takes a moment, longer under a sanitizer.
    first_line_ = read_line(out_, 120);
    INFO("stderr: " << err());
    REQUIRE_THAT(first_line_, Catch::StartsWith("kader serve: listening on http://127.0.0.1:"));
    auto colon = first_line_.rfind(':', first_line_.find(" (rules"));
    port_ = std::stoi(first_line_.substr(colon + 1));
    REQUIRE(port_ > 0);
}

Server::~Server() {
    if (pid_ > 0) stop(SIGTERM);
    if (out_ >= 0) close(out_);
}

httplib::Client Server::client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(10, 0);
    c.set_read_timeout(120, 0);
    c.set_write_timeout(60, 0);
    return c;
}

void Server::signal(int sig) const {
    kill(pid_, sig);
}

int Server::stop(int sig) {
    if (pid_ <= 0) return -1;
    kill(pid_, sig);
    int status = 0;
    // A clean stop waits for open keep-alive connections (5 s at most).
    for (int i = 0; i < 600; ++i) {
        pid_t r = waitpid(pid_, &status, WNOHANG);
        if (r == pid_) break;
        if (i == 599) {
            kill(pid_, SIGKILL);
            waitpid(pid_, &status, 0);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    pid_ = -1;
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

std::string Server::err() const {
    return read_file(dir_.path() / "stderr");
}

} // namespace st
