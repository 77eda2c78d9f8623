#pragma once
// Helpers of the REPL tests: scripted sessions (`sessions/NAME.in`, with
// the expected transcript in `NAME.out`), a fresh working folder holding
// the fixtures, and running the `kader` binary.
#include "interpreter/repl/session.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace kader::test {

namespace fs = std::filesystem;

fs::path tests_dir(); // tests/repl in the source tree
fs::path sessions_dir();
std::string kader_binary();

// A new folder holding a copy of tests/repl/fixtures (rule files and cases),
// for the sessions to read and write in.
fs::path fresh_workdir(const std::string& name);

// A script's first line may start with `#!` and give the arguments of
// `kader repl`: `#! --no-stdlib -r rules cases/hk.json`.
struct Script {
    std::vector<std::string> args;  // as given to `kader repl`
    std::vector<std::string> lines; // every line, the `#!` line included
};
Script read_script(const fs::path& path);

// The rule sources and the case file named by the arguments.
RuleSources rule_sources(const std::vector<std::string>& args, std::string& case_file);

// Runs a script through a Session in the current folder: the transcript
// shows each line after the prompt it was typed at, then the reply.
// `failed` tells whether any command failed.
std::string transcript(const Script& script, bool& failed);

// Fingerprints change with any rule file: shown as sha256:<fingerprint>.
std::string normalize(std::string text);

// The transcript without the prompt lines: what `kader repl` prints when
// its input is not a terminal.
std::string without_prompts(const std::string& transcript);

std::string read_file(const fs::path& path);
void write_file(const fs::path& path, const std::string& text);

// Runs `kader ARGS` in `dir` with standard input from `input` (and HOME set
// to `dir`); returns standard output, the exit status and standard error.
struct Run {
    std::string out, err;
    int status = -1;
};
Run run_kader(const fs::path& dir, const std::vector<std::string>& args, const fs::path& input);

// Changes the working folder for the lifetime of the object.
class InDir {
public:
    explicit InDir(const fs::path& dir) : old_(fs::current_path()) { fs::current_path(dir); }
    ~InDir() { fs::current_path(old_); }

private:
    fs::path old_;
};

} // namespace kader::test
