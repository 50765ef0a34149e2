#include "store/database.hpp"

#include <sqlite3.h>

#include "store/schema.hpp"

namespace gongwen {

namespace {
[[noreturn]] void fail(sqlite3* db, const std::string& what) {
    throw DatabaseError(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}
}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db), stmt_(nullptr) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
        SQLITE_OK)
        fail(db, "SQL error in \"" + std::string(sql.substr(0, 80)) + "\"");
}

Statement::Statement(sqlite3* db, std::string_view sql, std::string_view& rest)
    : db_(db), stmt_(nullptr) {
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, &tail) !=
        SQLITE_OK)
        fail(db, "SQL error in \"" + std::string(sql.substr(0, 80)) + "\"");
    rest = tail ? sql.substr(static_cast<std::size_t>(tail - sql.data())) : std::string_view();
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) fail(db_, "bind");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) fail(db_, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    if (sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                            SQLITE_UTF8) != SQLITE_OK)
        fail(db_, "bind");
    return *this;
}

Statement& Statement::bind(int index, Blob value) {
    if (sqlite3_bind_blob64(stmt_, index, value.bytes.data(), value.bytes.size(),
                            SQLITE_TRANSIENT) != SQLITE_OK)
        fail(db_, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
    if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) fail(db_, "bind");
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, "SQL step");
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int col) const {
    return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}
std::int64_t Statement::int64(int col) const {
    return sqlite3_column_int64(stmt_, col);
}
double Statement::real(int col) const {
    return sqlite3_column_double(stmt_, col);
}

std::string Statement::text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
}

std::optional<std::string> Statement::optional_text(int col) const {
    if (is_null(col)) return std::nullopt;
    return text(col);
}

std::string Statement::blob(int col) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
}

int Statement::columns() const {
    return sqlite3_column_count(stmt_);
}
std::string Statement::column_name(int col) const {
    return sqlite3_column_name(stmt_, col);
}

Statement::Type Statement::type(int col) const {
    switch (sqlite3_column_type(stmt_, col)) {
        case SQLITE_INTEGER:
            return Type::integer;
        case SQLITE_FLOAT:
            return Type::real;
        case SQLITE_TEXT:
            return Type::text;
        case SQLITE_BLOB:
            return Type::blob;
        default:
            return Type::null;
    }
}

bool Statement::readonly() const {
    return sqlite3_stmt_readonly(stmt_) != 0;
}

Database::Database(const std::filesystem::path& file, Mode mode) : file_(file) {
    int flags = SQLITE_OPEN_NOMUTEX;
    if (mode == Mode::read_only) {
        flags |= SQLITE_OPEN_READONLY;
        if (!std::filesystem::exists(file))
            throw DatabaseError(file.string() + ": no database yet (has the daemon run?)");
    } else {
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
    }
    if (sqlite3_open_v2(file.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw DatabaseError(file.string() + ": cannot open database: " + msg);
    }
    sqlite3_busy_timeout(db_, 10'000);
    sqlite3_extended_result_codes(db_, 1);
    try {
        exec("PRAGMA foreign_keys = ON");
        if (mode == Mode::read_write) {
            exec("PRAGMA journal_mode = WAL");
            exec("PRAGMA synchronous = NORMAL");
            migrate(*this);
        } else {
            check_schema_version(*this);
        }
    } catch (...) {
        // The destructor does not run for a constructor that throws (a database from a newer
        // gongwen, a failed migration): close the connection here.
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw;
    }
}

Database::~Database() {
    sqlite3_close_v2(db_);
}

void Database::exec(std::string_view sql) {
    char* err = nullptr;
    const std::string s(sql);
    if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errmsg(db_);
        sqlite3_free(err);
        throw DatabaseError(file_.string() + ": " + msg);
    }
}

std::int64_t Database::last_insert_id() const {
    return sqlite3_last_insert_rowid(db_);
}
int Database::changes() const {
    return sqlite3_changes(db_);
}
std::int64_t Database::total_changes() const {
    return sqlite3_total_changes64(db_);
}

namespace {
// Recursive: a thread holding one connection's write transaction that opens another on a
// second connection must not deadlock here (SQLite then decides, as it did before).
std::recursive_mutex& writer_turn() {
    static std::recursive_mutex m;
    return m;
}
}  // namespace

Transaction::Transaction(Database& db) : turn_(writer_turn()), db_(db) {
    db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
            // Nothing more can be done; SQLite rolls back on close anyway.
        }
    }
}

Snapshot::Snapshot(Database& db) : db_(db), owns_(sqlite3_get_autocommit(db.handle()) != 0) {
    if (owns_) db_.exec("BEGIN DEFERRED");
}

Snapshot::~Snapshot() {
    if (!owns_) return;
    try {
        db_.exec("COMMIT");
    } catch (...) {
        // A read transaction has nothing to lose; closing the connection ends it anyway.
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
    turn_.unlock();
}

}  // namespace gongwen
