// The server's loop: read a message, answer it, and after a change to a
// rule file check the rule set again and publish what changed. Changes that
// arrive faster than the rule set is checked (an editor sends one per
// keystroke) are checked together: once no message waits, or before a
// request is answered, so every answer sees the latest text. Requests are
// answered in order; a malformed request gets an error answer and the
// session goes on. A broken frame ends it: the stream cannot be trusted after.
#include "interpreter/lsp/server.hpp"

#include "interpreter/lsp/features.hpp"
#include "interpreter/version.hpp"

#include <fmt/format.h>
#include <ostream>

namespace kader::lsp {

namespace {

class Server {
public:
    Server(const RuleSources& rules, std::ostream& out)
        : workspace_(rules), files_(workspace_), out_(out) {}

    // One message; false when the session is over.
    bool handle(const json& message);
    int exit_code() const { return shut_down_ ? 0 : 1; }
    // Checks and publishes the changes not yet checked, if any.
    void catch_up();

private:
    json answer(const std::string& method, const json& params);
    void notice(const std::string& method, const json& params);
    json initialize(const json& params);
    std::optional<Place> place(const json& params);
    std::string file_of(const json& params);
    void republish();
    void send(const json& message) { write_message(out_, message); }

    Workspace workspace_;
    Files files_;
    std::ostream& out_;
    bool initialized_ = false, shut_down_ = false;
    bool stale_ = false; // a rule file changed since the last check
};

// A request the server cannot answer for a reason the client should see.
struct RequestError {
    ErrorCode code;
    std::string message;
};

json Server::initialize(const json& params) {
    if (params.contains("workspaceFolders") && params["workspaceFolders"].is_array()) {
        for (const auto& f : params["workspaceFolders"])
            if (auto path = path_of_uri(f.at("uri").get<std::string>()))
                workspace_.add_folder(*path);
    } else if (params.contains("rootUri") && params["rootUri"].is_string()) {
        if (auto path = path_of_uri(params["rootUri"].get<std::string>()))
            workspace_.add_folder(*path);
    }
    initialized_ = true;
    json capabilities = {
        {"textDocumentSync", {{"openClose", true}, {"change", 1}, {"save", true}}},
        {"hoverProvider", true},
        {"definitionProvider", true},
        {"referencesProvider", true},
        {"documentSymbolProvider", true},
        {"documentFormattingProvider", true},
        {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
        {"completionProvider", {{"triggerCharacters", {".", "\""}}}},
    };
    return {{"capabilities", capabilities},
            {"serverInfo", {{"name", "kader"}, {"version", engine_version()}}}};
}

std::string Server::file_of(const json& params) {
    auto uri = params.at("textDocument").at("uri").get<std::string>();
    auto file = files_.file(uri);
    if (!file) throw RequestError{ErrorCode::invalid_params, "not a file: URI: " + uri};
    return *file;
}

std::optional<Place> Server::place(const json& params) {
    std::string file = file_of(params);
    const Source* source = workspace_.source(file);
    if (!source) return std::nullopt; // not a rule file of the workspace
    return place_of(*source, file, params.at("position"));
}

void Server::republish() {
    const Analysis& a = workspace_.analyse();
    for (const auto& [file, list] : a.diagnostics)
        if (!workspace_.is_builtin(file))
            send(notification("textDocument/publishDiagnostics",
                              published_diagnostics(files_, workspace_, file, list)));
}

void Server::catch_up() {
    if (!stale_) return;
    stale_ = false;
    republish();
}

void Server::notice(const std::string& method, const json& params) {
    if (method == "textDocument/didOpen") {
        const auto& doc = params.at("textDocument");
        workspace_.open(file_of(params), doc.at("text").get<std::string>());
    } else if (method == "textDocument/didChange") {
        // Full synchronisation: the last change holds the whole text.
        const auto& changes = params.at("contentChanges");
        if (!changes.is_array() || changes.empty()) return;
        workspace_.open(file_of(params), changes.back().at("text").get<std::string>());
    } else if (method == "textDocument/didClose") {
        workspace_.close(file_of(params));
    } else if (method != "textDocument/didSave" && method != "workspace/didChangeWatchedFiles") {
        return; // $/cancelRequest, $/setTrace and other notices: nothing to do
    }
    stale_ = true;
}

json Server::answer(const std::string& method, const json& params) {
    if (method == "textDocument/hover") {
        auto at = place(params);
        return at ? hover(workspace_, *at) : json(nullptr);
    }
    if (method == "textDocument/definition") {
        auto at = place(params);
        return at ? definition(files_, workspace_, *at) : json(nullptr);
    }
    if (method == "textDocument/references") {
        auto at = place(params);
        bool with_declaration =
            params.contains("context") && params["context"].value("includeDeclaration", false);
        return at ? references(files_, workspace_, *at, with_declaration) : json::array();
    }
    if (method == "textDocument/completion") {
        auto at = place(params);
        return at ? completion(workspace_, *at) : json::array();
    }
    if (method == "textDocument/documentSymbol")
        return document_symbols(workspace_, file_of(params));
    if (method == "textDocument/formatting") {
        auto edits = formatting(workspace_, file_of(params));
        if (!edits)
            throw RequestError{ErrorCode::request_failed,
                               "the file has syntax errors: correct them, then format it"};
        return *edits;
    }
    if (method == "textDocument/codeAction")
        return code_actions(files_, workspace_, file_of(params), params.at("range"));
    throw RequestError{ErrorCode::method_not_found, fmt::format("no method `{}`", method)};
}

bool Server::handle(const json& message) {
    if (!message.is_object() || !message.contains("method") || !message["method"].is_string()) {
        if (message.is_object() && message.contains("id") && !message.contains("method"))
            return true; // an answer to a request of ours: none are sent
        send(error_response(message.is_object() && message.contains("id") ? message["id"]
                                                                          : json(nullptr),
                            ErrorCode::invalid_request, "a request needs a `method`"));
        return true;
    }
    std::string method = message["method"].get<std::string>();
    json params = message.value("params", json::object());
    bool request = message.contains("id");
    json id = request ? message["id"] : json(nullptr);
    try {
        if (method == "exit") return false;
        if (method == "initialize") {
            if (initialized_) throw RequestError{ErrorCode::invalid_request, "initialized already"};
            send(result_response(id, initialize(params)));
            return true;
        }
        if (!initialized_) {
            if (request)
                throw RequestError{ErrorCode::server_not_initialized, "send `initialize` first"};
            return true;
        }
        if (shut_down_ && request)
            throw RequestError{ErrorCode::invalid_request, "the server is shutting down"};
        if (method == "shutdown") {
            shut_down_ = true;
            send(result_response(id, nullptr));
        } else if (method == "initialized") {
            republish();
        } else if (request) {
            catch_up();
            send(result_response(id, answer(method, params)));
        } else {
            notice(method, params);
        }
    } catch (const RequestError& e) {
        if (request) send(error_response(id, e.code, e.message));
    } catch (const json::exception& e) {
        // Params of the wrong shape: the client's mistake, said in the answer.
        if (request) send(error_response(id, ErrorCode::invalid_params, e.what()));
    }
    return true;
}

} // namespace

int serve(const RuleSources& rules, std::istream& in, std::ostream& out, std::ostream& log) {
    Server server(rules, out);
    for (;;) {
        // in_avail() counts what the stream holds and, for a file or pipe,
        // what the system holds for it: a message that is waiting.
        if (in.rdbuf()->in_avail() <= 0) server.catch_up();
        Incoming next = read_message(in);
        if (next.kind == Incoming::end) return 1; // the editor went away without `exit`
        if (next.kind == Incoming::bad_frame) {
            log << "kader lsp: " << next.why << '\n';
            return 2;
        }
        json message = json::parse(next.body, nullptr, false);
        if (message.is_discarded()) {
            write_message(
                out, error_response(nullptr, ErrorCode::parse_error, "the message is not JSON"));
            continue;
        }
        if (!server.handle(message)) return server.exit_code();
    }
}

} // namespace kader::lsp
