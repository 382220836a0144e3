// copy_sqlite_to_postgres: a clinic's SQLite file into PostgreSQL, row by row, in one transaction
// of the target. Both schemas come from the same numbered migrations with the same table and
// column names and the same text forms, so each value moves as it is; doubles move as the
// shortest text that reads back bit for bit.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <algorithm>
#include <set>

#include "store/copy_database.hpp"
#include "store/postgres/postgres_impl.hpp"
#include "store/postgres/postgres_repository.hpp"
#include "store/sqlite/sqlite_errors.hpp"
#include "store/sqlite/sqlite_repository.hpp"

namespace taperlab::store {

namespace {

// Every table of the schema, parents before children. journal_versions and auth_generation, the
// change counters, come last: the triggers move them while the rows go in, and then they take the
// file's values, so that no version goes back for anyone.
const std::vector<std::string>& copy_order() {
  static const std::vector<std::string> tables = {"people",
                                                  "regimens",
                                                  "decisions",
                                                  "plan_versions",
                                                  "dose_log",
                                                  "check_ins",
                                                  "questionnaire_responses",
                                                  "cognitive_sessions",
                                                  "audit_log",
                                                  "users",
                                                  "auth_sessions",
                                                  "login_attempts",
                                                  "calendar_tokens",
                                                  "clinician_link_codes",
                                                  "clinician_links",
                                                  "decision_reviews",
                                                  "journal_versions",
                                                  "auth_generation"};
  return tables;
}

std::set<std::string> sqlite_tables(SQLite::Database& db) {
  SQLite::Statement query(db,
                          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                          "'sqlite_%' AND name <> 'schema_migrations'");
  std::set<std::string> out;
  while (query.executeStep()) out.insert(query.getColumn(0).getString());
  return out;
}

std::vector<std::string> sqlite_columns(SQLite::Database& db, const std::string& table) {
  SQLite::Statement query(db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid");
  query.bind(1, table);
  std::vector<std::string> out;
  while (query.executeStep()) out.push_back(query.getColumn(0).getString());
  return out;
}

std::int64_t sqlite_count(SQLite::Database& db, const std::string& table) {
  return db.execAndGet("SELECT count(*) FROM \"" + table + "\"").getInt64();
}

// One value of a row in PostgreSQL's text input form.
postgres::Param value_of(const SQLite::Column& c, const std::string& table) {
  switch (c.getType()) {
    case SQLITE_NULL:
      return std::nullopt;
    case SQLITE_INTEGER:
      return postgres::param(static_cast<std::int64_t>(c.getInt64()));
    case SQLITE_FLOAT:
      return postgres::param(c.getDouble());
    case SQLITE_TEXT:
      return std::string(static_cast<const char*>(c.getBlob()),
                         static_cast<std::size_t>(c.getBytes()));
    default:
      throw StorageError("table " + table + " holds a binary value, which no taperlab column has");
  }
}

}  // namespace

std::vector<CopiedTable> copy_sqlite_to_postgres(const std::filesystem::path& from,
                                                 const std::string& to) {
  std::error_code missing;
  if (!std::filesystem::is_regular_file(from, missing)) {
    throw NotFound("there is no SQLite journal at " + from.string());
  }
  // Both brought to this build's schema (each refuses one written by a newer taperlab).
  { SqliteRepository migrate_source(from); }
  PostgresRepository target(to);

  return sqlite::guarded("read the SQLite journal", [&] {
    SQLite::Database source(from, SQLite::OPEN_READONLY);
    source.exec("BEGIN");  // one snapshot of the file for the whole copy
    const std::set<std::string> found = sqlite_tables(source);
    for (const std::string& table : found) {
      if (std::find(copy_order().begin(), copy_order().end(), table) == copy_order().end()) {
        throw StorageError("the file has a table this taperlab cannot copy (" + table +
                           "); update taperlab");
      }
    }
    std::vector<CopiedTable> copied;
    PostgresRepository::Impl& pg = target.impl();  // the statements of its one connection
    pg.write("copy the journal", [&] {
      // Writers elsewhere wait until the copy is committed or gone.
      pg.run_simple("LOCK TABLE people, users, login_attempts IN EXCLUSIVE MODE");
      for (const std::string& table : copy_order()) {
        if (table == "auth_generation" || table == "journal_versions") continue;
        if (!pg.run("SELECT 1 FROM " + pg.session->quote_name(table) + " LIMIT 1").empty()) {
          throw Conflict("the target database already holds data (table " + table +
                         "); copy into an empty database");
        }
      }
      // decisions and plan_versions refer to each other: checked at the commit.
      pg.run_simple("SET CONSTRAINTS ALL DEFERRED");
      for (const std::string& table : copy_order()) {
        if (found.count(table) == 0) continue;  // a file from before its migration: none
        const std::vector<std::string> columns = sqlite_columns(source, table);
        std::string names;
        std::string placeholders;
        for (std::size_t i = 0; i < columns.size(); ++i) {
          names += (i ? ", " : "") + pg.session->quote_name(columns[i]);
          placeholders += (i ? ", $" : "$") + std::to_string(i + 1);
        }
        const std::string quoted = pg.session->quote_name(table);
        const std::string insert =
            table == "auth_generation"
                ? "UPDATE auth_generation SET n = $2 WHERE id = $1"
                : "INSERT INTO " + quoted + " (" + names + ") VALUES (" + placeholders + ")";
        // The counters the triggers moved while the rows went in give way to the file's.
        if (table == "journal_versions") pg.run_simple("DELETE FROM journal_versions");
        SQLite::Statement rows(source, "SELECT * FROM \"" + table + "\"");
        std::vector<postgres::Param> values(columns.size());
        while (rows.executeStep()) {
          for (int i = 0; i < static_cast<int>(columns.size()); ++i) {
            values[static_cast<std::size_t>(i)] = value_of(rows.getColumn(i), table);
          }
          pg.run_params(insert, values);
        }
        // New rows go on from the highest id copied, not from 1.
        if (std::find(columns.begin(), columns.end(), "id") != columns.end() &&
            table != "auth_generation") {
          pg.run("SELECT setval(pg_get_serial_sequence($1, 'id'), max(id)) FROM " + quoted +
                     " HAVING max(id) IS NOT NULL",
                 table);
        }
        const std::int64_t in_file = sqlite_count(source, table);
        const std::int64_t in_target =
            postgres::int64_field(pg.run("SELECT count(*) FROM " + quoted)[0][0]);
        if (in_file != in_target) {
          throw StorageError("table " + table + ": " + std::to_string(in_file) +
                             " rows in the file but " + std::to_string(in_target) +
                             " in the target; nothing was copied");
        }
        copied.push_back({table, in_target});
      }
    });
    source.exec("COMMIT");
    return copied;
  });
}

}  // namespace taperlab::store
