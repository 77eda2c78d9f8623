#pragma once
// A thin RAII layer over SQLite's statements, for the decision log only.
#include <cstdint>
#include <sqlite3.h>
#include <string>
#include <string_view>

namespace kader::log_sql {

// Runs SQL without results; returns SQLite's result code.
inline int exec(sqlite3* db, const std::string& sql) {
    return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
}

class Statement {
public:
    Statement(sqlite3* db, const char* sql) {
        rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    int rc() const { return rc_; }
    // SQLITE_ROW, SQLITE_DONE or an error code; an unprepared statement
    // answers with the error that kept it from being prepared.
    int step() { return stmt_ ? sqlite3_step(stmt_) : rc_; }
    void reset() {
        if (!stmt_) return;
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    // Texts are copied (SQLITE_TRANSIENT): the caller's strings may go first.
    void bind(int i, std::string_view text) {
        if (stmt_)
            sqlite3_bind_text64(stmt_, i, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    }
    void bind(int i, const char* text) { bind(i, std::string_view(text)); }
    void bind(int i, const std::string& text) { bind(i, std::string_view(text)); }
    void bind(int i, std::int64_t n) {
        if (stmt_) sqlite3_bind_int64(stmt_, i, n);
    }
    int type(int col) const { return sqlite3_column_type(stmt_, col); }
    std::string text(int col) const {
        auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
                 : std::string();
    }
    std::int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }

private:
    sqlite3_stmt* stmt_ = nullptr;
    int rc_ = SQLITE_OK;
};

} // namespace kader::log_sql
