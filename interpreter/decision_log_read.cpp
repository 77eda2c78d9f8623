// Reading the decision log: logged decisions and stored rule sets. Every
// column's type is checked, so that a log changed by other programs is
// reported as damaged instead of being misread.
#include "interpreter/decision_log.hpp"
#include "interpreter/decision_log_sql.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <sqlite3.h>

namespace kader {

using log_sql::Statement;

namespace {

const char* const decision_columns =
    "id, logged_at, command, origin, case_id, case_json, case_sha256, as_of, as_of_given, "
    "explain, verdict, incomplete, goals, decision, ruleset, engine, data_files";

// Whether the row's columns have the types the schema gives them.
bool well_typed(const Statement& row, int columns, std::initializer_list<int> integers) {
    for (int c = 0; c < columns; ++c) {
        bool integer = std::find(integers.begin(), integers.end(), c) != integers.end();
        if (row.type(c) != (integer ? SQLITE_INTEGER : SQLITE_TEXT)) return false;
    }
    return true;
}

LoggedDecision decision_from(const Statement& row) {
    LoggedDecision d;
    d.id = row.int64(0);
    d.logged_at = row.text(1);
    d.command = row.text(2);
    d.origin = row.text(3);
    d.case_id = row.text(4);
    d.case_json = row.text(5);
    d.case_sha256 = row.text(6);
    d.as_of = row.text(7);
    d.as_of_given = row.int64(8) != 0;
    d.full = row.text(9) == "full";
    d.verdict = row.text(10);
    d.incomplete = row.int64(11) != 0;
    d.goals_json = row.text(12);
    d.decision_json = row.text(13);
    d.ruleset = row.text(14);
    d.engine = row.text(15);
    d.data_files_json = row.text(16);
    return d;
}

} // namespace

bool DecisionLog::read(const LogFilter& filter,
                       const std::function<bool(const LoggedDecision&)>& each, Diagnostics& diags) {
    std::string sql = fmt::format("SELECT {} FROM decisions WHERE (?1 IS NULL OR id = ?1) AND "
                                  "(?2 IS NULL OR case_id = ?2) ORDER BY id",
                                  decision_columns);
    if (filter.limit) sql += fmt::format(" LIMIT {}", filter.limit);
    Statement q(db_, sql.c_str());
    if (filter.id) q.bind(1, *filter.id);
    if (filter.case_id) q.bind(2, *filter.case_id);
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) {
        if (!well_typed(q, 17, {0, 8, 11})) {
            fail(Code::log_damaged,
                 fmt::format("logged decision {} is damaged: a column holds a value of the wrong "
                             "type",
                             q.int64(0)),
                 diags);
            return false;
        }
        if (!each(decision_from(q))) return true;
    }
    if (rc != SQLITE_DONE) {
        fail(Code::log_damaged,
             fmt::format("cannot read the decision log: {}", sqlite3_errmsg(db_)), diags);
        return false;
    }
    return true;
}

std::optional<RuleSetSnapshot> DecisionLog::ruleset(const std::string& fingerprint,
                                                    Diagnostics& diags) {
    Statement q(db_, "SELECT kind, name, builtin, text FROM ruleset_files WHERE fingerprint = ? "
                     "ORDER BY kind DESC, position");
    q.bind(1, fingerprint);
    RuleSetSnapshot s;
    s.fingerprint = fingerprint;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) {
        if (!well_typed(q, 4, {2})) {
            fail(Code::log_damaged,
                 fmt::format("the stored rule set {} is damaged: a column holds a value of the "
                             "wrong type",
                             fingerprint),
                 diags);
            return std::nullopt;
        }
        RuleSetSnapshot::File f{q.text(1), q.text(3), q.int64(2) != 0};
        (q.text(0) == "module" ? s.modules : s.data).push_back(std::move(f));
    }
    if (rc != SQLITE_DONE) {
        fail(Code::log_damaged,
             fmt::format("cannot read the decision log: {}", sqlite3_errmsg(db_)), diags);
        return std::nullopt;
    }
    if (s.modules.empty()) {
        fail(Code::log_ruleset_missing,
             fmt::format("the log does not hold the rule set {}", fingerprint), diags);
        return std::nullopt;
    }
    return s;
}

} // namespace kader
