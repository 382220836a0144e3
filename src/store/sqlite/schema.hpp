#pragma once

// Brings a database up to the schema this build knows (migrations.hpp), recording each applied
// migration in schema_migrations(version, name, applied_at).

#include <SQLiteCpp/Database.h>

namespace taperlab::store::sqlite {

class Connection;

// Applies, in order, each migration the database has not recorded, each in its own transaction
// (a crash leaves the database at the previous version, never half-migrated). Throws StorageError
// when the database was written by a newer taperlab (its schema version is above ours).
void migrate(Connection& connection);

// The highest applied migration, 0 for an empty database.
int schema_version(SQLite::Database& db);

}  // namespace taperlab::store::sqlite
