// A thin RAII layer over one SQLite connection. Each thread uses its own Database; SQLite in
// WAL mode serialises the writers and lets readers run beside them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace gongwen {

class DatabaseError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Binds as a BLOB rather than TEXT: raw input bytes are not necessarily UTF-8.
struct Blob {
    std::string_view bytes;
};

class Statement {
  public:
    enum class Type { integer, real, text, blob, null };

    Statement(sqlite3* db, std::string_view sql);
    // Prepares the first statement of `sql` and stores in `rest` what follows it, so that a
    // caller taking one statement from a user can refuse a second one.
    Statement(sqlite3* db, std::string_view sql, std::string_view& rest);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, std::uint64_t value) {
        return bind(index, static_cast<std::int64_t>(value));
    }
    Statement& bind(int index, double value);
    Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) {
        return bind(index, std::string_view(value));
    }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, std::nullptr_t);
    Statement& bind(int index, Blob value);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, nullptr);
    }
    // Binds all arguments in order, starting at 1.
    template <typename... Args>
    Statement& bind_all(const Args&... args) {
        int i = 0;
        (bind(++i, args), ...);
        return *this;
    }

    // True while a row is available.
    bool step();
    // Steps to completion, for statements that return no rows.
    void run();
    void reset();

    bool is_null(int col) const;
    std::int64_t int64(int col) const;
    double real(int col) const;
    std::string text(int col) const;
    std::optional<std::string> optional_text(int col) const;
    std::string blob(int col) const;
    int columns() const;
    std::string column_name(int col) const;
    // The storage class of a column of the current row.
    Type type(int col) const;
    // True when the statement cannot change the database (sqlite3_stmt_readonly).
    bool readonly() const;
    // True when the SQL held only whitespace or comments: there is nothing to run.
    bool empty() const { return stmt_ == nullptr; }

  private:
    sqlite3* db_;
    sqlite3_stmt* stmt_;
};

class Database {
  public:
    enum class Mode { read_write, read_only };
    // Opens (creating if needed, with its folder) and applies pending migrations.
    explicit Database(const std::filesystem::path& file, Mode mode = Mode::read_write);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(db_, sql); }
    std::int64_t last_insert_id() const;
    // Rows changed by the last statement.
    int changes() const;
    // Rows changed through this connection since it opened (sqlite3_total_changes64).
    std::int64_t total_changes() const;
    const std::filesystem::path& file() const { return file_; }
    sqlite3* handle() { return db_; }

  private:
    sqlite3* db_ = nullptr;
    std::filesystem::path file_;
};

// BEGIN IMMEDIATE … COMMIT, rolled back if not committed: readers never see half a document.
// Write transactions of one process take turns on a mutex before they ask SQLite for the
// write lock: a connection refused by SQLite sleeps in its busy handler for up to 100 ms at a
// time however soon the lock is free, which showed as latency when workers stored documents
// side by side. Other processes (the CLI) still meet the busy handler.
class Transaction {
  public:
    explicit Transaction(Database& db);
    ~Transaction();
    void commit();

  private:
    std::unique_lock<std::recursive_mutex> turn_;
    Database& db_;
    bool done_ = false;
};

// BEGIN (deferred) … COMMIT around reads: every statement inside sees the same committed
// state, however many writers commit meanwhile. Works on a read-only connection; inside a
// transaction already open it does nothing, that transaction is the snapshot.
class Snapshot {
  public:
    explicit Snapshot(Database& db);
    ~Snapshot();
    Snapshot(const Snapshot&) = delete;
    Snapshot& operator=(const Snapshot&) = delete;

  private:
    Database& db_;
    bool owns_;
};

}  // namespace gongwen
