#include "support.hpp"

#include <fstream>
#include <regex>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace kader::test {

fs::path tests_dir() {
    return KADER_REPL_TESTS;
}
fs::path sessions_dir() {
    return tests_dir() / "sessions";
}
std::string kader_binary() {
    return KADER_BINARY;
}

fs::path fresh_workdir(const std::string& name) {
    fs::path dir = fs::path(KADER_REPL_WORK) / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy(tests_dir() / "fixtures", dir, fs::copy_options::recursive);
    return dir;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

Script read_script(const fs::path& path) {
    Script s;
    std::istringstream in(read_file(path));
    for (std::string line; std::getline(in, line);)
        s.lines.push_back(line);
    if (!s.lines.empty() && s.lines.front().rfind("#!", 0) == 0) {
        std::istringstream words(s.lines.front().substr(2));
        for (std::string w; words >> w;)
            s.args.push_back(w);
    }
    return s;
}

RuleSources rule_sources(const std::vector<std::string>& args, std::string& case_file) {
    RuleSources rules;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--no-stdlib")
            rules.stdlib = false;
        else if (args[i] == "-r" && i + 1 < args.size())
            rules.paths.push_back(args[++i]);
        else
            case_file = args[i];
    }
    return rules;
}

std::string transcript(const Script& script, bool& failed) {
    std::string case_file;
    repl::Session session(rule_sources(script.args, case_file));
    repl::Reply started = session.start();
    std::string out = started.text;
    failed = started.error;
    if (!session.ready()) return out;
    if (!case_file.empty()) {
        repl::Reply r = session.run(":case " + case_file);
        out += r.text;
        failed = failed || r.error;
    }
    for (std::size_t i = 0; i < script.lines.size(); ++i) {
        if (i == 0 && !script.args.empty()) continue; // the `#!` line
        std::string prompt = session.prompt();
        // As `kader repl` runs a script: errors name the script's line.
        session.set_script_line(static_cast<std::uint32_t>(i + 1));
        repl::Reply r = session.run(script.lines[i]);
        out += prompt + script.lines[i] + "\n" + r.text;
        failed = failed || r.error;
        if (r.quit) return out;
    }
    repl::Reply r = session.run("");
    out += r.text;
    return out;
}

std::string normalize(std::string text) {
    // (std::regex is avoided: GCC warns inside it under the sanitizers.)
    std::string out;
    std::size_t at = 0;
    for (std::size_t hit; (hit = text.find("sha256:", at)) != std::string::npos;) {
        std::size_t end = hit + 7;
        while (end < text.size() && std::isxdigit(static_cast<unsigned char>(text[end])))
            ++end;
        if (end - hit - 7 < 6) {
            out += text.substr(at, end - at);
            at = end;
            continue;
        }
        if (text.compare(end, 3, "...") == 0) end += 3;
        out += text.substr(at, hit - at) + "sha256:<fingerprint>";
        at = end;
    }
    return out + text.substr(at);
}

namespace {

// `kader> `, `kader HK-01> `, `kader HK-01* as of 2022-01-01> ` or `...> `
// at the start of a line.
bool is_prompt_line(const std::string& line) {
    static const std::regex prompt(R"(^(\.\.\.|kader( [^ >]+( as of \d{4}-\d\d-\d\d)?)?)> )");
    return std::regex_search(line, prompt);
}

} // namespace

std::string without_prompts(const std::string& text) {
    std::istringstream in(text);
    std::string out;
    for (std::string line; std::getline(in, line);)
        if (!is_prompt_line(line)) out += line + "\n";
    return out;
}

Run run_kader(const fs::path& dir, const std::vector<std::string>& args, const fs::path& input) {
    fs::path out_file = dir / ".stdout", err_file = dir / ".stderr";
    pid_t pid = fork();
    if (pid == 0) {
        if (chdir(dir.c_str()) != 0) _exit(126);
        setenv("HOME", dir.c_str(), 1);
        if (!freopen(input.c_str(), "r", stdin) || !freopen(out_file.c_str(), "w", stdout) ||
            !freopen(err_file.c_str(), "w", stderr))
            _exit(126);
        std::vector<char*> argv;
        std::string binary = kader_binary();
        argv.push_back(binary.data());
        std::vector<std::string> copy = args;
        for (auto& a : copy)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(binary.c_str(), argv.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    Run r;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(out_file);
    r.err = read_file(err_file);
    fs::remove(out_file);
    fs::remove(err_file);
    return r;
}

} // namespace kader::test
