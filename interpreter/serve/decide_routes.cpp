// POST /v1/decide and POST /v1/batch: the decision path of `kader eval` and
// `kader batch`, over HTTP. The answers are the same bytes those commands write.
#include "interpreter/batch_line.hpp"
#include "interpreter/case_reader.hpp"
#include "interpreter/render.hpp"
#include "interpreter/serve/http.hpp"
#include "interpreter/serve/routes.hpp"

#include <fmt/format.h>
#include <iostream>

namespace kader::serve {

namespace {

// Names the body in diagnostics, as `<stdin>` does for `kader eval -`.
constexpr const char* body_name = "<request>";

// Lines decided, logged and written at a time: small enough that the first
// decisions of a large batch reach the client early.
constexpr std::size_t chunk_lines = 256;

// Where a logged case came from.
std::string origin_of(const httplib::Request& req) {
    return fmt::format("{} {} (client {})", req.method, req.path, req.remote_addr);
}

// The lines of a batch body, decided a chunk at a time while the answer is
// written, so that the answer to a large batch streams.
class BatchStream {
public:
    BatchStream(Service& s, std::shared_ptr<const Program> program, DecideOptions options,
                std::string body, std::string origin)
        : service_(s), program_(std::move(program)), options_(options), body_(std::move(body)),
          origin_(std::move(origin)) {
        ++service_.batches_in_flight;
    }
    ~BatchStream() { --service_.batches_in_flight; }
    BatchStream(const BatchStream&) = delete;
    BatchStream& operator=(const BatchStream&) = delete;

    // Decides (and logs) the next lines; false, with the log's error in
    // `diags`, when they could not be put on record: they are not shown then.
    bool next_chunk(Diagnostics& diags) {
        std::vector<BatchLine> lines;
        BatchLine line;
        while (lines.size() < chunk_lines && next_line(line))
            lines.push_back(std::move(line));
        // Each line's output is written straight into the answer; it is
        // taken back when the log cannot take the chunk.
        const std::size_t start = output_.size();
        std::vector<std::string_view> outputs;
        std::vector<std::pair<std::size_t, std::size_t>> written; // offset, size
        for (auto& l : lines) {
            std::size_t at = output_.size();
            decide_batch_line(program_, options_, l, fragments_, output_);
            written.emplace_back(at, output_.size() - at);
            output_ += '\n';
        }
        for (auto [at, size] : written)
            outputs.push_back(std::string_view(output_).substr(at, size));
        if (service_.recorder && !log(lines, outputs, diags)) {
            output_.resize(start);
            return false;
        }
        for (std::size_t i = 0; i < lines.size(); ++i)
            if (lines[i].internal) std::cerr << "kader serve: " << outputs[i] << '\n';
        return true;
    }
    bool finished() const { return position_ >= body_.size(); }
    bool has_output() const { return !output_.empty(); }
    std::string take_output() { return std::exchange(output_, {}); }

private:
    // The next line that is not blank, numbered as `kader batch` numbers it.
    bool next_line(BatchLine& out) {
        while (!finished()) {
            std::size_t end = std::min(body_.find('\n', position_), body_.size());
            std::string_view text(body_.data() + position_, end - position_);
            position_ = end + 1;
            ++number_;
            bool too_long = text.size() > max_batch_line_bytes;
            if (!too_long && text.find_first_not_of(" \t\r") == std::string_view::npos)
                continue; // blank lines carry no case
            out = {number_, too_long ? std::string() : std::string(text), too_long, false, false,
                   {}};
            return true;
        }
        return false;
    }

    bool log(const std::vector<BatchLine>& lines, const std::vector<std::string_view>& outputs,
             Diagnostics& diags) {
        std::vector<LogEntry> entries;
        for (std::size_t i = 0; i < lines.size(); ++i)
            if (const auto& l = lines[i]; l.decided)
                entries.push_back({*l.decided, l.text, std::string(outputs[i]),
                                   fmt::format("{}: line {}", origin_, l.number)});
        return service_.recorder->record(program_,
                                         {"serve", options_.as_of.has_value(), options_.full},
                                         std::move(entries), diags);
    }

    Service& service_;
    std::shared_ptr<const Program> program_;
    DecideOptions options_;
    std::string body_;
    std::string origin_;
    std::size_t position_ = 0, number_ = 0;
    std::string output_;
    JsonFragments fragments_{*program_}; // after program_, which it reads
};

// Writes the rest of a batch. The status line is out already: when the log
// fails, the error ends the answer and the chunked body is broken off, so that
// no client takes the answer for complete.
httplib::ContentProviderWithoutLength stream_rest(std::shared_ptr<BatchStream> stream) {
    return [stream](std::size_t, httplib::DataSink& sink) {
        try {
            while (!stream->has_output() && !stream->finished()) {
                Diagnostics diags;
                if (!stream->next_chunk(diags)) {
                    std::cerr << render(diags, {false, false});
                    std::string line = dump_line(
                        {{"error", rendered(diags)}, {"diagnostics", diagnostics_json(diags)}});
                    sink.write(line.data(), line.size());
                    return false;
                }
            }
            if (stream->has_output()) {
                std::string out = stream->take_output();
                return sink.write(out.data(), out.size());
            }
            sink.done();
            return true;
        } catch (const std::exception& e) {
            // Thrown here, it would end the server: the answer is broken off instead.
            std::cerr << "kader serve: internal error while writing a batch: " << e.what() << '\n';
            return false;
        }
    };
}

// A server that keeps a decision log keeps each decision with its reasons:
// `explain=rules` would leave them out of the record.
bool explain_can_be_logged(const Service& s, const DecideOptions& options, Diagnostics& diags) {
    if (!s.recorder || options.reasons) return true;
    diags.error(Code::bad_argument, whole_input("query"),
                "`explain=rules` leaves out the reasons a decision on record keeps, and this "
                "server keeps a decision log",
                "use explain=brief or explain=full");
    return false;
}

} // namespace

void decide_route(Service& s, const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader) {
    auto body = read_body(req, res, reader, s.max_body);
    if (!body) return;
    Diagnostics diags;
    auto query = parse_query(req, {"as_of", "explain", "format"}, diags);
    if (!query || !explain_can_be_logged(s, query->options, diags))
        return send_refused(res, 400, diags);
    auto program = s.rules.current(); // this request's rules, whatever reloads meanwhile
    auto c = read_case_text(*program, *body, body_name, diags);
    auto decided = c ? decide(program, *c, query->options, body_name, diags) : std::nullopt;
    if (!decided) return send_refused(res, 400, diags);
    std::string json = render_json(*decided);
    // A decision that should be on record is shown only once it is.
    LogContext context{"serve", query->options.as_of.has_value(), query->options.full};
    if (s.recorder && !s.recorder->record(
                          program, context,
                          {{summary_of(*decided), std::move(*body), json, origin_of(req)}}, diags))
        return send_refused(res, 503, diags);
    if (query->text)
        res.set_content(render_text(*decided), text_type);
    else
        res.set_content(json + '\n', json_type);
}

void batch_route(Service& s, const httplib::Request& req, httplib::Response& res,
                 const httplib::ContentReader& reader) {
    auto body = read_body(req, res, reader, s.max_body);
    if (!body) return;
    Diagnostics diags;
    auto query = parse_query(req, {"as_of", "explain"}, diags);
    if (!query || !explain_can_be_logged(s, query->options, diags))
        return send_refused(res, 400, diags);
    auto stream = std::make_shared<BatchStream>(s, s.rules.current(), query->options,
                                                std::move(*body), origin_of(req));
    // The first chunk is decided before the status goes out: a log that cannot
    // be written is still a 503 then.
    if (!stream->next_chunk(diags)) return send_refused(res, 503, diags);
    if (stream->finished())
        res.set_content(stream->take_output(), json_lines_type);
    else
        res.set_chunked_content_provider(json_lines_type, stream_rest(stream));
}

} // namespace kader::serve
