#include "store/schema.hpp"

#include <array>
#include <string>

#include "store/database.hpp"
#include "store/search_index.hpp"

namespace gongwen {
namespace {

// Migration N brings a database from user_version N to N+1. Append only: never edit a
// migration that has shipped.
constexpr std::array<const char*, 3> migrations = {
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
    // 2: the full-text index over section bodies (store/section_bodies.hpp). FTS5 with the
    // trigram tokenizer over the folded text (store/script_fold.hpp): any substring of three
    // or more characters is found exactly, in either script, without a word list; shorter
    // terms are matched on section_bodies by a scan. The index is contentless: the text is
    // stored once, in section_bodies, and the triggers keep the index in step inside whatever
    // transaction changes a row. docs/schema.md explains the choice, docs/performance/store.md
    // the measurements.
    R"sql(
CREATE TABLE section_bodies (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    section     INTEGER,
    heading     TEXT NOT NULL,
    body        TEXT NOT NULL,
    folded      TEXT
);
CREATE INDEX section_bodies_document ON section_bodies (document_id);

CREATE VIRTUAL TABLE section_bodies_fts USING fts5(text, content = '', tokenize = 'trigram');

CREATE TRIGGER section_bodies_insert AFTER INSERT ON section_bodies BEGIN
    INSERT INTO section_bodies_fts (rowid, text) VALUES (new.id, coalesce(new.folded, new.body));
END;
CREATE TRIGGER section_bodies_delete AFTER DELETE ON section_bodies BEGIN
    INSERT INTO section_bodies_fts (section_bodies_fts, rowid, text)
    VALUES ('delete', old.id, coalesce(old.folded, old.body));
END;
CREATE TRIGGER section_bodies_update AFTER UPDATE ON section_bodies BEGIN
    INSERT INTO section_bodies_fts (section_bodies_fts, rowid, text)
    VALUES ('delete', old.id, coalesce(old.folded, old.body));
    INSERT INTO section_bodies_fts (rowid, text) VALUES (new.id, coalesce(new.folded, new.body));
END;

CREATE INDEX runs_document ON runs (document_id);
CREATE INDEX metrics_kind ON metrics (kind);
)sql",
    // 3: no merging of full-text segments inside the commits that store documents; the daemon
    // merges while idle (store/index_upkeep.hpp). Persisted in section_bodies_fts_config.
    R"sql(
INSERT INTO section_bodies_fts (section_bodies_fts, rank) VALUES ('automerge', 0);
)sql",
};

// Work a migration needs beyond its SQL, run in the same transaction right after it.
using MigrationStep = void (*)(Database&);
void index_stored_documents(Database& db) {
    SearchIndex(db).rebuild();
}
constexpr std::array<MigrationStep, migrations.size()> migration_steps = {
    nullptr,
    index_stored_documents,
    nullptr,
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

void require_current_schema(Database& db) {
    check_schema_version(db);
    const int v = user_version(db);
    if (v < schema_version())
        throw DatabaseError(db.file().string() + ": database schema version " + std::to_string(v) +
                            " is older than this gongwen's (" + std::to_string(schema_version()) +
                            "); start the daemon (gongwen run) once to upgrade it");
}

void migrate(Database& db) {
    check_schema_version(db);
    for (int v = user_version(db); v < schema_version(); ++v) {
        Transaction tx(db);
        // Re-check inside the write lock: another process may have migrated meanwhile.
        if (user_version(db) > v) continue;
        db.exec(migrations[static_cast<std::size_t>(v)]);
        if (const MigrationStep step = migration_steps[static_cast<std::size_t>(v)]) step(db);
        db.exec("PRAGMA user_version = " + std::to_string(v + 1));
        tx.commit();
    }
}

}  // namespace gongwen
