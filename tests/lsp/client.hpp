#pragma once
// A scripted editor for the tests of `kader lsp`: starts the server as a
// child process and speaks the protocol to it over pipes, as VS Code would.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace lt {

using json = nlohmann::json;
namespace fs = std::filesystem;

std::string uri(const fs::path& path); // file:///...

class Client {
public:
    // `kader lsp ARGS`.
    explicit Client(const std::vector<std::string>& args);
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    // Sends a request and waits for its answer (the whole response object);
    // the notifications that come before it are kept.
    json request(const std::string& method, json params);
    void notify(const std::string& method, json params);
    // Sends bytes as they are, framing and all.
    void send_raw(const std::string& bytes);
    // The next notification of `method` (waiting for it when none is kept).
    json next_notification(const std::string& method);
    // The diagnostics last published for `uri` for what was sent so far.
    json diagnostics_for(const std::string& uri);
    // Every publication of diagnostics for `uri` for what was sent so far, in order.
    std::vector<json> publications_for(const std::string& uri);
    // A notification framed as it goes over the wire, for sending several at once.
    static std::string framed(const std::string& method, const json& params);
    // `initialize` with `root` as the workspace folder, then `initialized`.
    json start(const fs::path& root);
    // Closes the server's input and waits for it: its exit code.
    int finish();
    std::string stderr_text() const;

private:
    json read_message();

    pid_t pid_ = -1;
    int to_server_ = -1, from_server_ = -1;
    fs::path stderr_file_;
    int next_id_ = 1;
    std::string buffer_;
    std::vector<json> notifications_;
};

} // namespace lt
