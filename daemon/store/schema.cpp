#include "store/schema.hpp"

#include <array>
#include <string>

#include "store/database.hpp"

namespace gongwen {
namespace {

// Migration N brings a database from user_version N to N+1. Append only: never edit a
// migration that has shipped.
constexpr std::array<const char*, 1> migrations = {
    R"sql(
CREATE TABLE documents (
    id                  INTEGER PRIMARY KEY,
    sha256              TEXT NOT NULL UNIQUE,
    source_path         TEXT NOT NULL,
    member              TEXT,
    bytes               INTEGER NOT NULL,
    encoding            TEXT,
    encoding_confidence REAL,
    script              TEXT,
    converted_to        TEXT,
    title               TEXT,
    published           TEXT,
    issuer              TEXT,
    period              TEXT,
    report_kind         TEXT,
    raw                 BLOB NOT NULL,
    original_text       TEXT NOT NULL,
    text                TEXT NOT NULL,
    json                TEXT NOT NULL,
    chain               TEXT NOT NULL,
    updated             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE files (
    id          INTEGER PRIMARY KEY,
    path        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    mtime_ns    INTEGER NOT NULL,
    sha256      TEXT,
    state       TEXT NOT NULL CHECK (state IN ('seen', 'queued', 'processing', 'done', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    error       TEXT,
    document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    moved_to    TEXT,
    first_seen  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (path, size, mtime_ns)
);
CREATE INDEX files_state ON files (state, id);
CREATE INDEX files_path ON files (path);

-- What each file contained: one row for a plain file (member ''), one per archive member.
CREATE TABLE members (
    file_id     INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    member      TEXT NOT NULL,
    document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('done', 'duplicate', 'failed', 'skipped')),
    error       TEXT,
    PRIMARY KEY (file_id, member)
);
CREATE INDEX members_document ON members (document_id);

CREATE TABLE runs (
    id            INTEGER PRIMARY KEY,
    file_id       INTEGER REFERENCES files(id) ON DELETE CASCADE,
    document_id   INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    member        TEXT,
    chain         TEXT NOT NULL,
    started       TEXT NOT NULL,
    micros        INTEGER NOT NULL,
    outcome       TEXT NOT NULL CHECK (outcome IN ('done', 'failed', 'duplicate')),
    failed_plugin TEXT,
    error         TEXT,
    plugin_micros TEXT
);
CREATE INDEX runs_file ON runs (file_id);

CREATE TABLE sections (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    level       INTEGER NOT NULL,
    marker      TEXT NOT NULL,
    heading     TEXT NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    PRIMARY KEY (document_id, idx)
);

CREATE TABLE metrics (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    value       REAL NOT NULL,
    value_max   REAL,
    unit        TEXT NOT NULL,
    approx      INTEGER NOT NULL,
    qualifier   TEXT,
    kind        TEXT NOT NULL,
    subject     TEXT,
    modality    TEXT NOT NULL,
    section     INTEGER,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    period      TEXT,
    scope       TEXT,
    direction   TEXT,
    basis       TEXT,
    PRIMARY KEY (document_id, idx)
);
CREATE INDEX metrics_subject ON metrics (subject);
CREATE INDEX metrics_unit ON metrics (unit);
CREATE INDEX metrics_period ON metrics (period);
CREATE INDEX metrics_scope ON metrics (scope);

CREATE TABLE diagnostics (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    plugin      TEXT NOT NULL,
    severity    TEXT NOT NULL,
    message     TEXT NOT NULL,
    PRIMARY KEY (document_id, idx)
);
)sql",
};

int user_version(Database& db) {
    auto st = db.prepare("PRAGMA user_version");
    st.step();
    return static_cast<int>(st.int64(0));
}

}  // namespace

int schema_version() {
    return static_cast<int>(migrations.size());
}

void check_schema_version(Database& db) {
    const int v = user_version(db);
    if (v > schema_version())
        throw DatabaseError(db.file().string() + ": database schema version " + std::to_string(v) +
                            " is newer than this gongwen understands (" +
                            std::to_string(schema_version()) + "); upgrade gongwen");
}

void migrate(Database& db) {
    check_schema_version(db);
    for (int v = user_version(db); v < schema_version(); ++v) {
        Transaction tx(db);
        // Re-check inside the write lock: another process may have migrated meanwhile.
        if (user_version(db) > v) continue;
        db.exec(migrations[static_cast<std::size_t>(v)]);
        db.exec("PRAGMA user_version = " + std::to_string(v + 1));
        tx.commit();
    }
}

}  // namespace gongwen
