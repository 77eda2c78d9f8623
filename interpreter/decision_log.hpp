#pragma once
// The decision log: an append-only SQLite database of every decision made
// with `--log`, and of the rule sets they were made with (stored once per
// fingerprint), so that any logged decision can be shown and decided again
// years later. The schema is in docs/audit.md; the file is an ordinary
// SQLite database that users may query.
#include "interpreter/decision.hpp"
#include "interpreter/ruleset_snapshot.hpp"
#include "lang/diagnostic.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace kader {

// The version of the log's tables this Kader writes and reads.
inline constexpr int log_schema_version = 1;

// One decision to append: what the decision came to, its JSON as written,
// and the case as given.
struct LogEntry {
    DecisionSummary summary;
    std::string case_json;
    std::string decision_json;
    std::string origin; // where the case came from: "cases.jsonl: line 3"
};

// How the entries of one append were decided; the same for all of them.
struct LogContext {
    std::string command;      // "eval" or "batch"
    bool as_of_given = false; // --as-of was given (else the case's own date decided)
    bool full = false;        // --explain full
};

// One logged decision, as stored.
struct LoggedDecision {
    std::int64_t id = 0;
    std::string logged_at; // UTC, "2026-11-26T09:14:03Z"
    std::string command, origin, case_id, case_json, case_sha256, as_of;
    bool as_of_given = false, full = false, incomplete = false;
    std::string verdict;
    std::string goals_json;      // {"end_use": "deny", ...}
    std::string decision_json;   // the decision, byte for byte as written
    std::string ruleset;         // the rule set's fingerprint
    std::string engine;          // the Kader version that decided
    std::string data_files_json; // [{"set", "file", "source", "reliability", "sha256"}, ...]
};

struct LogFilter {
    std::optional<std::int64_t> id;
    std::optional<std::string> case_id;
    std::size_t limit = 0; // 0: all
};

struct LogOptions {
    int busy_ms = 10000; // how long to wait for another writer's lock
    // Limits the database's size in pages: lets tests see a full disk.
    std::optional<std::int64_t> max_pages;
};

class DecisionLog {
public:
    // Opens the log at `path`; for writing, creates it (and its tables) when
    // it does not exist. Null, with the error in `diags`, when the file
    // cannot be opened or is not a Kader decision log.
    static std::unique_ptr<DecisionLog> open(const std::string& path, bool for_writing,
                                             Diagnostics& diags, const LogOptions& options = {});
    ~DecisionLog();
    DecisionLog(const DecisionLog&) = delete;
    DecisionLog& operator=(const DecisionLog&) = delete;

    // Appends the entries, all decided by `program`, in one transaction,
    // storing the rule set too when the log does not hold it yet. On failure
    // nothing of this call is stored and every earlier entry is kept.
    bool append(const Program& program, const LogContext& context,
                const std::vector<LogEntry>& entries, Diagnostics& diags);

    // Calls `each` for the matching decisions in id order, until it returns
    // false. False, with the error in `diags`, when the log cannot be read.
    bool read(const LogFilter& filter, const std::function<bool(const LoggedDecision&)>& each,
              Diagnostics& diags);

    // The stored rule set with this fingerprint; nothing, with K1006 in
    // `diags`, when the log does not hold it.
    std::optional<RuleSetSnapshot> ruleset(const std::string& fingerprint, Diagnostics& diags);

    const std::string& path() const { return path_; }

private:
    DecisionLog(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}
    bool prepare_tables(bool for_writing, int busy_ms, Diagnostics& diags);
    int begin_writing(int busy_ms);
    bool readable() const;
    bool store_ruleset(const Program& program);
    void fail(Code code, const std::string& message, Diagnostics& diags) const;

    std::string path_;
    sqlite3* db_ = nullptr;
};

} // namespace kader
