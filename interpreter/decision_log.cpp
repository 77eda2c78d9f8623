// The decision log on SQLite: opening and creating it, appending decisions.
// Reading is in decision_log_read.cpp.
#include "interpreter/decision_log.hpp"

#include "interpreter/decision_log_sql.hpp"
#include "interpreter/version.hpp"
#include "lang/fingerprint.hpp"

#include <chrono>
#include <filesystem>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

namespace kader {

using log_sql::Statement;

namespace {

// Version 1 of the log's tables.
const char* const create_tables = R"sql(
CREATE TABLE kader_log (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE rulesets (
  fingerprint TEXT PRIMARY KEY,
  stored_at TEXT NOT NULL,
  engine TEXT NOT NULL
);
CREATE TABLE ruleset_files (
  fingerprint TEXT NOT NULL REFERENCES rulesets(fingerprint),
  kind TEXT NOT NULL CHECK (kind IN ('module', 'data')),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  builtin INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (fingerprint, kind, name)
);
CREATE TABLE decisions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  logged_at TEXT NOT NULL,
  command TEXT NOT NULL,
  origin TEXT NOT NULL,
  case_id TEXT NOT NULL,
  case_json TEXT NOT NULL,
  case_sha256 TEXT NOT NULL,
  as_of TEXT NOT NULL,
  as_of_given INTEGER NOT NULL,
  explain TEXT NOT NULL CHECK (explain IN ('brief', 'full')),
  verdict TEXT NOT NULL,
  incomplete INTEGER NOT NULL,
  goals TEXT NOT NULL,
  decision TEXT NOT NULL,
  ruleset TEXT NOT NULL REFERENCES rulesets(fingerprint),
  engine TEXT NOT NULL,
  data_files TEXT NOT NULL
);
CREATE INDEX decisions_by_case ON decisions(case_id);
)sql";

// Triggers that make the log append-only for every program that writes
// through SQLite, not just for Kader.
std::string append_only_triggers() {
    std::string sql;
    for (const char* table : {"kader_log", "rulesets", "ruleset_files", "decisions"})
        for (const char* change : {"UPDATE", "DELETE"})
            sql += fmt::format("CREATE TRIGGER {0}_no_{1} BEFORE {1} ON {0} BEGIN SELECT "
                               "RAISE(ABORT, 'the decision log is append-only'); END;\n",
                               table, change);
    return sql;
}

std::string utc_now() {
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

// Which data file, in which version, each loaded set was read from.
std::string data_files_json(const Program& program) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& set : program.sets) {
        if (set.data_file.empty()) continue;
        auto text = program.data_files.find(set.data_path);
        list.push_back({{"set", set.name},
                        {"file", set.data_file},
                        {"source", set.source},
                        {"reliability", set.reliability},
                        {"sha256", text == program.data_files.end() ? std::string()
                                                                    : sha256_of(text->second)}});
    }
    return list.dump();
}

std::string goals_json(const DecisionSummary& s) {
    nlohmann::ordered_json goals = nlohmann::ordered_json::object();
    for (int g = 0; g < ast::goal_count; ++g)
        goals[ast::to_string(static_cast<ast::Goal>(g))] =
            ast::to_string(s.goals[static_cast<std::size_t>(g)]);
    return goals.dump();
}

// Words for the SQLite error codes a user can do something about.
std::string why_not_written(sqlite3* db, int rc) {
    switch (rc & 0xff) {
    case SQLITE_FULL:
        return "the disk (or the log's size limit) is full";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "another program holds the log locked and did not let go in time";
    case SQLITE_READONLY:
        return "the log is read-only";
    case SQLITE_IOERR:
        return fmt::format("the disk reported an error ({})", sqlite3_errmsg(db));
    default:
        return sqlite3_errmsg(db);
    }
}

// "file:PATH?immutable=1", with the characters a URI gives meaning to escaped.
std::string immutable_uri(const std::string& path) {
    std::string uri = "file:";
    for (unsigned char c : path) {
        if (c == '?' || c == '#' || c == '%' || c < 0x20)
            uri += fmt::format("%{:02X}", c);
        else
            uri += static_cast<char>(c);
    }
    return uri + "?immutable=1";
}

} // namespace

// Whether the file can be read as it is: a WAL log on a read-only medium cannot.
bool DecisionLog::readable() const {
    log_sql::Statement q(db_, "SELECT count(*) FROM sqlite_master");
    return (q.step() & 0xff) != SQLITE_CANTOPEN;
}

void DecisionLog::fail(Code code, const std::string& message, Diagnostics& diags) const {
    diags.error(code, whole_input(path_), message);
}

std::unique_ptr<DecisionLog> DecisionLog::open(const std::string& path, bool for_writing,
                                               Diagnostics& diags, const LogOptions& options) {
    std::error_code ec;
    bool exists = std::filesystem::exists(path, ec);
    if (!for_writing && !exists) {
        diags.error(Code::log_unopenable, whole_input(path), "no such decision log");
        return nullptr;
    }
    if (exists && !std::filesystem::is_regular_file(path, ec)) {
        diags.error(Code::log_unopenable, whole_input(path), "this is not a file");
        return nullptr;
    }
    sqlite3* db = nullptr;
    int flags = for_writing ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
    int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    std::unique_ptr<DecisionLog> log(new DecisionLog(path, db));
    if (rc != SQLITE_OK) {
        log->fail(Code::log_unopenable,
                  fmt::format("cannot open this decision log: {}", sqlite3_errstr(rc)), diags);
        return nullptr;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, options.busy_ms);
    if (for_writing && sqlite3_db_readonly(db, "main") == 1) {
        log->fail(Code::log_write_failed,
                  "cannot write to this decision log: the file is read-only", diags);
        return nullptr;
    }
    if (!for_writing && !log->readable()) {
        // A log on a read-only medium (an archive) cannot get the shared-memory
        // file WAL readers use; nothing can write to it there, so reading it as
        // immutable is safe.
        sqlite3_close_v2(db);
        db = nullptr;
        rc = sqlite3_open_v2(immutable_uri(path).c_str(), &db,
                             SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
        log->db_ = db;
        if (rc != SQLITE_OK) {
            log->fail(Code::log_unopenable,
                      fmt::format("cannot open this decision log: {}", sqlite3_errstr(rc)), diags);
            return nullptr;
        }
    }
    if (options.max_pages)
        log_sql::exec(db, fmt::format("PRAGMA max_page_count = {}", *options.max_pages));
    if (!log->prepare_tables(for_writing, options.busy_ms, diags)) return nullptr;
    return log;
}

DecisionLog::~DecisionLog() {
    sqlite3_close_v2(db_);
}

// Checks that the file is a Kader log this version reads; for writing,
// creates the tables in an empty file. Creation runs in an immediate
// transaction, so two processes creating one log at once do not collide.
// Switches the log to WAL and opens the immediate transaction that creates
// the tables. Switching a new file to WAL reads its header, then upgrades to
// a write lock; SQLite does not wait for a lock it upgrades to (two upgraders
// would wait for each other for ever), so a second process setting up the
// same new log gets SQLITE_BUSY at once, without the busy timeout. That step
// is tried again here until the timeout has passed.
int DecisionLog::begin_writing(int busy_ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_ms);
    for (;;) {
        int rc = log_sql::exec(db_, "PRAGMA journal_mode = WAL");
        if (rc == SQLITE_OK) rc = log_sql::exec(db_, "PRAGMA synchronous = FULL");
        if (rc == SQLITE_OK) rc = log_sql::exec(db_, "BEGIN IMMEDIATE");
        bool busy = (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
        if (!busy || std::chrono::steady_clock::now() >= deadline) return rc;
        sqlite3_sleep(5);
    }
}

bool DecisionLog::prepare_tables(bool for_writing, int busy_ms, Diagnostics& diags) {
    auto version = [&](int& out) -> int {
        Statement q(db_, "SELECT value FROM kader_log WHERE key = 'schema_version'");
        if (q.rc() != SQLITE_OK) return q.rc();
        int rc = q.step();
        if (rc != SQLITE_ROW) return SQLITE_CORRUPT;
        out = std::atoi(q.text(0).c_str());
        return SQLITE_OK;
    };
    if (for_writing) {
        int rc = begin_writing(busy_ms);
        if (rc != SQLITE_OK) {
            bool not_db = (rc & 0xff) == SQLITE_NOTADB;
            fail(not_db ? Code::log_unopenable : Code::log_write_failed,
                 not_db ? "this file is not a SQLite database, so not a decision log"
                        : fmt::format("cannot write to this decision log: {}",
                                      why_not_written(db_, rc)),
                 diags);
            return false;
        }
        Statement count(db_, "SELECT count(*) FROM sqlite_master");
        bool empty = count.step() == SQLITE_ROW && count.int64(0) == 0;
        if (empty) {
            rc = log_sql::exec(db_, create_tables + append_only_triggers());
            if (rc == SQLITE_OK)
                rc = log_sql::exec(
                    db_, fmt::format("INSERT INTO kader_log VALUES ('schema_version', '{}'), "
                                     "('created_by', 'kader {}')",
                                     log_schema_version, engine_version()));
        }
        if (rc == SQLITE_OK) rc = log_sql::exec(db_, "COMMIT");
        if (rc != SQLITE_OK) {
            log_sql::exec(db_, "ROLLBACK");
            fail(Code::log_write_failed,
                 fmt::format("cannot create the decision log: {}", why_not_written(db_, rc)),
                 diags);
            return false;
        }
    }
    int found = 0;
    int rc = version(found);
    if ((rc & 0xff) == SQLITE_NOTADB) {
        fail(Code::log_unopenable, "this file is not a SQLite database, so not a decision log",
             diags);
        return false;
    }
    if (rc != SQLITE_OK) {
        fail(Code::log_not_kader,
             "this SQLite database is not a Kader decision log (it has no kader_log table)", diags);
        return false;
    }
    if (found != log_schema_version) {
        fail(Code::log_not_kader,
             fmt::format("this decision log has schema version {}; this Kader reads version {}",
                         found, log_schema_version),
             diags);
        return false;
    }
    return true;
}

// Stores the rule set's texts once per fingerprint: content-addressed, so
// a million logged decisions of one rule set store it once.
bool DecisionLog::store_ruleset(const Program& program) {
    Statement add(db_, "INSERT OR IGNORE INTO rulesets VALUES (?, ?, ?)");
    add.bind(1, program.fingerprint);
    add.bind(2, utc_now());
    add.bind(3, engine_version());
    if (add.step() != SQLITE_DONE) return false;
    if (sqlite3_changes(db_) == 0) return true; // stored before
    Statement file(db_, "INSERT INTO ruleset_files VALUES (?, ?, ?, ?, ?, ?, ?)");
    auto put = [&](const char* kind, std::size_t position, const RuleSetSnapshot::File& f) {
        file.reset();
        file.bind(1, program.fingerprint);
        file.bind(2, kind);
        file.bind(3, static_cast<std::int64_t>(position));
        file.bind(4, f.name);
        file.bind(5, static_cast<std::int64_t>(f.builtin));
        file.bind(6, sha256_of(f.text));
        file.bind(7, f.text);
        return file.step() == SQLITE_DONE;
    };
    RuleSetSnapshot snapshot = snapshot_of(program);
    for (std::size_t i = 0; i < snapshot.modules.size(); ++i)
        if (!put("module", i, snapshot.modules[i])) return false;
    for (std::size_t i = 0; i < snapshot.data.size(); ++i)
        if (!put("data", i, snapshot.data[i])) return false;
    return true;
}

bool DecisionLog::append(const Program& program, const LogContext& context,
                         const std::vector<LogEntry>& entries, Diagnostics& diags) {
    int rc = log_sql::exec(db_, "BEGIN IMMEDIATE");
    auto give_up = [&] {
        rc = sqlite3_extended_errcode(db_);
        std::string why = why_not_written(db_, rc);
        log_sql::exec(db_, "ROLLBACK");
        fail(Code::log_write_failed,
             fmt::format("{} decision{} not logged: {}; every earlier entry is kept",
                         entries.size(), entries.size() == 1 ? " was" : "s were", why),
             diags);
        return false;
    };
    if (rc != SQLITE_OK) return give_up();
    if (!store_ruleset(program)) return give_up();
    Statement insert(db_, "INSERT INTO decisions (logged_at, command, origin, case_id, case_json, "
                          "case_sha256, as_of, as_of_given, explain, verdict, incomplete, goals, "
                          "decision, ruleset, engine, data_files) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    std::string now = utc_now(), data = data_files_json(program);
    for (const auto& e : entries) {
        insert.reset();
        insert.bind(1, now);
        insert.bind(2, context.command);
        insert.bind(3, e.origin);
        insert.bind(4, e.summary.case_id);
        insert.bind(5, e.case_json);
        insert.bind(6, sha256_of(e.case_json));
        insert.bind(7, ast::format_date(e.summary.as_of));
        insert.bind(8, static_cast<std::int64_t>(context.as_of_given));
        insert.bind(9, context.full ? "full" : "brief");
        insert.bind(10, ast::to_string(e.summary.verdict));
        insert.bind(11, static_cast<std::int64_t>(e.summary.incomplete));
        insert.bind(12, goals_json(e.summary));
        insert.bind(13, e.decision_json);
        insert.bind(14, program.fingerprint);
        insert.bind(15, engine_version());
        insert.bind(16, data);
        if (insert.step() != SQLITE_DONE) return give_up();
    }
    if (log_sql::exec(db_, "COMMIT") != SQLITE_OK) return give_up();
    return true;
}

} // namespace kader
