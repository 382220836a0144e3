#include "store/sqlite/schema.hpp"

#include <SQLiteCpp/Statement.h>

#include <string>

#include "core/base/error.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_errors.hpp"

namespace taperlab::store::sqlite {
namespace {

bool is_applied(SQLite::Database& db, int version) {
  SQLite::Statement query(db, "SELECT 1 FROM schema_migrations WHERE version = ?1");
  query.bind(1, version);
  return query.executeStep();
}

void refuse_newer_schema(SQLite::Database& db) {
  const int stored = schema_version(db);
  const int known = migrations().back().version;
  if (stored > known) {
    throw StorageError("database schema version " + std::to_string(stored) +
                       " is newer than this taperlab (" + std::to_string(known) +
                       "); update taperlab");
  }
}

}  // namespace

int schema_version(SQLite::Database& db) {
  return guarded("read the schema version", [&] {
    if (!db.tableExists("schema_migrations")) return 0;
    return db.execAndGet("SELECT coalesce(max(version), 0) FROM schema_migrations").getInt();
  });
}

void migrate(Connection& connection) {
  // connection.db() is asked for inside each transaction: with a group commit, the transaction
  // runs on the batched writer's handle, not the connection's own.
  guarded("create the migration table", [&] {
    connection.transaction([&] {
      connection.db().exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    });
  });
  refuse_newer_schema(connection.db());
  for (const Migration& migration : migrations()) {
    // Checked again inside the write transaction: another process may be migrating the same file.
    guarded("apply migration " + std::string(migration.name), [&] {
      connection.transaction([&] {
        SQLite::Database& db = connection.db();
        if (is_applied(db, migration.version)) return;
        db.exec(migration.sql);
        SQLite::Statement record(db,
                                 "INSERT INTO schema_migrations (version, name, applied_at) "
                                 "VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
        record.bind(1, migration.version);
        record.bind(2, migration.name);
        record.exec();
      });
    });
  }
}

}  // namespace taperlab::store::sqlite
