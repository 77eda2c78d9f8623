#include "client.hpp"

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <optional>
#include <poll.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace lt {

namespace {

// No answer within this time is a failure, not a hang of the suite.
constexpr int timeout_ms = 60'000;

} // namespace

std::string uri(const fs::path& path) {
    return "file://" + fs::absolute(path).lexically_normal().string();
}

Client::Client(const std::vector<std::string>& args) {
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) throw std::runtime_error("pipe failed");
    stderr_file_ =
        fs::temp_directory_path() / ("kader-lsp-test-" + std::to_string(getpid()) + "-" +
                                     std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addopen(&actions, 2, stderr_file_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addclose(&actions, in[1]);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::vector<std::string> argv_text = {KADER_BINARY, "lsp"};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, KADER_BINARY, &actions, nullptr, argv.data(), environ) != 0)
        throw std::runtime_error("cannot start kader lsp");
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]);
    close(out[1]);
    to_server_ = in[1];
    from_server_ = out[0];
    signal(SIGPIPE, SIG_IGN);
}

Client::~Client() {
    if (to_server_ >= 0) close(to_server_);
    if (from_server_ >= 0) close(from_server_);
    if (pid_ > 0) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
    std::error_code ec;
    fs::remove(stderr_file_, ec);
}

void Client::send_raw(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = write(to_server_, bytes.data() + done, bytes.size() - done);
        if (n <= 0) throw std::runtime_error("the server stopped reading");
        done += static_cast<std::size_t>(n);
    }
}

std::string Client::framed(const std::string& method, const json& params) {
    std::string body = json{{"jsonrpc", "2.0"}, {"method", method}, {"params", params}}.dump();
    return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

void Client::notify(const std::string& method, json params) {
    send_raw(framed(method, params));
}

json Client::read_message() {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
        auto header_end = buffer_.find("\r\n\r\n");
        if (header_end != std::string::npos) {
            auto at = buffer_.find("Content-Length: ");
            if (at == std::string::npos || at > header_end)
                throw std::runtime_error("a message without Content-Length: " + buffer_);
            std::size_t length = std::stoul(buffer_.substr(at + 16));
            if (buffer_.size() >= header_end + 4 + length) {
                json message = json::parse(buffer_.substr(header_end + 4, length));
                buffer_.erase(0, header_end + 4 + length);
                return message;
            }
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd p{from_server_, POLLIN, 0};
        if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0)
            throw std::runtime_error("no message from the server within a minute");
        char chunk[65536];
        ssize_t n = read(from_server_, chunk, sizeof chunk);
        if (n <= 0) throw std::runtime_error("the server closed its output");
        buffer_.append(chunk, static_cast<std::size_t>(n));
    }
}

json Client::request(const std::string& method, json params) {
    int id = next_id_++;
    std::string body =
        json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}.dump();
    send_raw("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
    for (;;) {
        json m = read_message();
        if (m.contains("id") && m["id"] == id && !m.contains("method")) return m;
        notifications_.push_back(std::move(m));
    }
}

json Client::next_notification(const std::string& method) {
    for (;;) {
        for (auto it = notifications_.begin(); it != notifications_.end(); ++it)
            if (it->value("method", "") == method) {
                json m = *it;
                notifications_.erase(it);
                return m;
            }
        notifications_.push_back(read_message());
    }
}

std::vector<json> Client::publications_for(const std::string& file_uri) {
    // The server answers in order: once this answer is here, so is every
    // publication of the changes sent before it.
    request("kader/sync", json::object());
    std::vector<json> found;
    for (auto it = notifications_.begin(); it != notifications_.end();) {
        if (it->value("method", "") == "textDocument/publishDiagnostics" &&
            (*it)["params"]["uri"] == file_uri) {
            found.push_back((*it)["params"]["diagnostics"]);
            it = notifications_.erase(it);
        } else {
            ++it;
        }
    }
    return found;
}

json Client::diagnostics_for(const std::string& file_uri) {
    auto found = publications_for(file_uri);
    if (found.empty()) throw std::runtime_error("no diagnostics were published for " + file_uri);
    return found.back();
}

json Client::start(const fs::path& root) {
    json answer = request(
        "initialize",
        {{"processId", getpid()}, {"rootUri", uri(root)}, {"capabilities", json::object()}});
    notify("initialized", json::object());
    return answer;
}

int Client::finish() {
    close(to_server_);
    to_server_ = -1;
    int status = 0;
    for (int waited = 0; waited < timeout_ms / 10; ++waited) {
        pid_t done = waitpid(pid_, &status, WNOHANG);
        if (done == pid_) {
            pid_ = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        usleep(10'000);
    }
    throw std::runtime_error("the server did not end");
}

std::string Client::stderr_text() const {
    std::ifstream in(stderr_file_);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace lt
