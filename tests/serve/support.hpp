#pragma once
// Support for the tests of `kader serve`: the server as a child process, the
// `kader` command, temporary folders and a small rule set.
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace st {

namespace fs = std::filesystem;
using json = nlohmann::json;

std::string source_dir();   // the repository
std::string kader_binary(); // build/kader
std::string read_file(const fs::path& path);
void write_file(const fs::path& path, const std::string& text);
std::string quoted(const std::string& s); // for a shell

struct Run {
    int exit_code = -1;
    std::string out;
};
// Runs `kader ARGS` through the shell, standard output captured, standard error dropped.
Run kader(const std::string& args);

// The example cases, examples/cases/*.json, sorted.
std::vector<fs::path> example_cases();
// A case file as one line of JSON Lines.
std::string one_line(const std::string& case_text);

class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// A rule module of a few rules over a small schema, for tests that change the
// rules or want decisions cheap: destination RU -> `ru_verdict`, destination
// CN -> escalate, anything else -> allow.
std::string small_rules(const std::string& ru_verdict = "prohibited");
std::string small_case(const std::string& id, const std::string& destination);

// `kader serve --port 0 ARGS` as a child process, started and read up to its
// first line; stopped with SIGTERM when destroyed.
class Server {
public:
    explicit Server(const std::vector<std::string>& args);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    int port() const { return port_; }
    const std::string& first_line() const { return first_line_; }
    httplib::Client client() const;
    void signal(int sig) const;
    // Sends `sig` and waits for the exit: the exit code, or 128 + a signal.
    int stop(int sig);
    std::string err() const; // what it wrote on standard error so far

private:
    TempDir dir_;
    pid_t pid_ = -1;
    int out_ = -1;
    int port_ = 0;
    std::string first_line_;
};

} // namespace st
