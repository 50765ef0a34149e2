// The database schema, migrated by version number (PRAGMA user_version) when a read-write
// connection opens. docs/schema.md describes every table.
#pragma once

namespace gongwen {

class Database;

int schema_version();
// Applies the migrations the file has not had yet, each in its own transaction.
void migrate(Database& db);
// Refuses a database written by a newer gongwen.
void check_schema_version(Database& db);
// Refuses (with how to fix it) a database not yet migrated to this gongwen's schema: the
// read-only commands cannot migrate it themselves.
void require_current_schema(Database& db);

}  // namespace gongwen
