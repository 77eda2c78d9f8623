#pragma once
// Puts the decisions served on record in the decision log before they are
// shown (docs/audit.md: a decision is shown only once it is on record).
//
// DecisionLog is not thread-safe, and every append is a transaction synced to
// disk. Requests that arrive while an append is under way are gathered and
// appended together in the next transaction (a group commit): one sync for
// many requests, instead of one request at a time queueing behind the disk.
#include "interpreter/decision_log.hpp"
#include "lang/program.hpp"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

namespace kader::serve {

class DecisionRecorder {
public:
    explicit DecisionRecorder(std::unique_ptr<DecisionLog> log);

    // Appends the entries, all decided by `program` in `context`; returns once
    // they are durable. False, with the log's error in `diags`, when they could
    // not be written: then nothing of them is stored, and they must not be shown.
    bool record(const std::shared_ptr<const Program>& program, const LogContext& context,
                std::vector<LogEntry> entries, Diagnostics& diags);

private:
    struct Pending {
        const Program* program;
        const LogContext* context;
        std::vector<LogEntry> entries;
        bool done = false, written = false;
        Diagnostics diags;
    };
    std::vector<Pending*> take_group();
    void write_group(const std::vector<Pending*>& group);

    std::unique_ptr<DecisionLog> log_;
    std::mutex mutex_; // guards queue_, writing_ and the Pending flags
    std::condition_variable written_;
    std::deque<Pending*> queue_;
    bool writing_ = false; // a request is appending a group; the log is its alone
};

} // namespace kader::serve
