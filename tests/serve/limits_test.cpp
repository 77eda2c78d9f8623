// The limits of `kader serve`: the body size (--max-body), the read timeout
// (--timeout), and a stop that lets a streaming batch finish.
#include "support.hpp"

#include "kader_catch.hpp"

#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using st::json;

namespace {

json parse(const std::string& body) {
    auto j = json::parse(body, nullptr, false);
    INFO(body);
    REQUIRE_FALSE(j.is_discarded());
    return j;
}

// A TCP connection of its own, to send what httplib's client would not.
class RawConnection {
public:
    explicit RawConnection(int port) {
        fd_ = socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
    }
    ~RawConnection() { close(fd_); }
    void send_text(const std::string& text) {
        REQUIRE(::send(fd_, text.data(), text.size(), MSG_NOSIGNAL) ==
                static_cast<ssize_t>(text.size()));
    }
    // One answer (its head and a body of Content-Length bytes), or what came
    // before the server closed the connection or `seconds` passed.
    std::string receive_answer(int seconds) {
        timeval tv{seconds, 0};
        setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
        std::string out;
        char buf[4096];
        ssize_t n;
        while (!complete(out) && (n = recv(fd_, buf, sizeof(buf), 0)) > 0)
            out.append(buf, static_cast<std::size_t>(n));
        return out;
    }

private:
    static bool complete(const std::string& answer) {
        auto head_end = answer.find("\r\n\r\n");
        auto length_at = answer.find("Content-Length: ");
        if (head_end == std::string::npos || length_at == std::string::npos) return false;
        auto length = std::stoul(answer.substr(length_at + 16));
        return answer.size() >= head_end + 4 + length;
    }

    int fd_ = -1;
};

} // namespace

TEST_CASE("a body over --max-body is a 413 and the server goes on", "[serve]") {
    st::Server server({"--max-body", "1000"});
    auto client = server.client();
    auto res = client.Post("/v1/decide", std::string(2000, ' '), "application/json");
    REQUIRE(res);
    CHECK(res->status == 413);
    auto j = parse(res->body);
    CHECK_THAT(j["error"].get<std::string>(), Catch::Contains("1000 bytes"));
    CHECK(j["diagnostics"] == json::array());
    // A chunked body has no length to check up front: it is counted as it comes. The server
    // answers 413, or, on a slow machine (sanitizers), may close the connection before the
    // client has sent the rest: both refuse the body, and the server goes on (checked below).
    auto chunked = server.client().Post(
        "/v1/batch",
        [](std::size_t offset, httplib::DataSink& sink) {
            std::string piece(500, ' ');
            sink.write(piece.data(), piece.size());
            if (offset >= 3000) sink.done();
            return true;
        },
        "application/json");
    if (chunked) CHECK(chunked->status == 413);
    // A compressed body is counted as it is decoded: 2000 spaces compress to far less than 1000.
    auto compressing = server.client();
    compressing.set_compress(true);
    auto bomb = compressing.Post("/v1/decide", std::string(2000, ' '), "application/json");
    REQUIRE(bomb);
    CHECK(bomb->status == 413);
    // A form is not a case; its body is read and dropped all the same.
    httplib::MultipartFormDataItems form = {{"case", "{}", "case.json", "application/json"}};
    auto multipart = server.client().Post("/v1/decide", form);
    REQUIRE(multipart);
    CHECK(multipart->status == 415);
    auto small = server.client().Post("/v1/decide", "{", "application/json");
    REQUIRE(small);
    CHECK(small->status == 400);
    CHECK(server.client().Get("/healthz")->status == 200);
}

TEST_CASE("a client that stops sending is answered and dropped after --timeout", "[serve]") {
    st::Server server({"--timeout", "1"});
    RawConnection slow(server.port());
    slow.send_text("POST /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"id\"");
    auto start = std::chrono::steady_clock::now();
    std::string answer = slow.receive_answer(30);
    auto waited = std::chrono::steady_clock::now() - start;
    CHECK_THAT(answer, Catch::StartsWith("HTTP/1.1 400 "));
    CHECK_THAT(answer, Catch::Contains("could not be read to its end"));
    CHECK(waited < std::chrono::seconds(5));
    // A connection that sends nothing at all is closed too.
    RawConnection silent(server.port());
    CHECK(silent.receive_answer(30).empty());
    CHECK(server.client().Get("/healthz")->status == 200);
}

TEST_CASE("SIGTERM during a streaming batch stops once the batch is answered in full", "[serve]") {
    st::TempDir dir;
    st::fs::create_directory(dir.path() / "rules");
    st::write_file(dir.path() / "rules" / "small.kader", st::small_rules());
    st::Server server({"--no-stdlib", "-r", (dir.path() / "rules").string()});
    std::string lines;
    for (int i = 0; i < 30000; ++i)
        lines += st::small_case("C" + std::to_string(i), i % 2 ? "RU" : "NL") + "\n";
    std::atomic<bool> streaming{false};
    std::string received;
    httplib::Request req;
    req.method = "POST";
    req.path = "/v1/batch";
    req.body = lines;
    req.set_header("Content-Type", "application/x-ndjson");
    req.content_receiver = [&](const char* data, std::size_t n, std::uint64_t, std::uint64_t) {
        received.append(data, n);
        streaming = true;
        return true;
    };
    int status = 0;
    std::thread sender([&] {
        auto res = server.client().send(req);
        status = res ? res->status : -1;
        streaming = true; // also when it failed, so that the test goes on
    });
    while (!streaming)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    int exit_code = server.stop(SIGTERM);
    sender.join();
    CHECK(status == 200);
    CHECK(std::count(received.begin(), received.end(), '\n') == 30000);
    CHECK(exit_code == 0);
}
