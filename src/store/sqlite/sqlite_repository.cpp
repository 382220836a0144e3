#include "store/sqlite/sqlite_repository.hpp"

#include <chrono>
#include <cstdint>

#include "core/base/error.hpp"
#include "core/journal/records_json.hpp"
#include "store/sqlite/columns.hpp"
#include "store/sqlite/person_rows.hpp"
#include "store/sqlite/schema.hpp"
#include "store/sqlite/sqlite_repository_impl.hpp"
#include "store/sqlite/wal.hpp"

namespace taperlab::store {

using sqlite::bind_json;
using sqlite::bind_value;

using sqlite::kPersonColumns;
using sqlite::person_from;

SqliteRepository::Impl::Impl(const std::filesystem::path& file, const SqliteOptions& options)
    : connection(file, options.busy_timeout_ms, options.group_commit) {
  sqlite::migrate(connection);
  // A large log left behind (a server that was killed, or one from before issue 24) is copied into
  // the database and cut to 0 bytes at open; not by the server's connections, whose group commit
  // keeps the log bounded, and not waiting long for another process's readers and writes. Twice
  // the limit: a running server's log reaches a little over the limit between its restarts, and
  // a CLI command opening the file meanwhile should not hold the server's writes back.
  if (!options.group_commit &&
      sqlite::wal_file_size(file) > 2 * static_cast<std::uintmax_t>(sqlite::kWalSizeLimit)) {
    sqlite::guarded("truncate the write-ahead log", [&] {
      sqlite::checkpoint(db(), sqlite::Checkpoint::truncate, std::chrono::milliseconds(200),
                         options.busy_timeout_ms);
    });
  }
}

void SqliteRepository::Impl::require_person(PersonId person) {
  SQLite::Statement& query = statement("SELECT 1 FROM people WHERE id = ?1");
  bind_value(query, 1, person);
  if (!query.executeStep()) throw NotFound("person " + std::to_string(person) + " not found");
}

void SqliteRepository::Impl::require_record(const char* table, const char* entity, RecordId id,
                                            PersonId person) {
  SQLite::Statement& query =
      statement(std::string("SELECT 1 FROM ") + table + " WHERE id = ?1 AND person_id = ?2");
  bind_value(query, 1, id);
  bind_value(query, 2, person);
  if (!query.executeStep()) {
    throw NotFound(std::string(entity) + " " + std::to_string(id) + " not found");
  }
}

int SqliteRepository::Impl::execute(SQLite::Statement& statement, PersonId person) {
  try {
    return statement.exec();
  } catch (const SQLite::Exception& e) {
    if (sqlite::is_foreign_key_violation(e)) {
      throw NotFound("person " + std::to_string(person) + " not found");
    }
    throw;
  }
}

void SqliteRepository::Impl::audit(PersonId person, std::string_view action,
                                   std::string_view entity, RecordId entity_id,
                                   const std::string& detail) {
  SQLite::Statement& insert = statement(
      "INSERT INTO audit_log (person_id, at, action, entity, entity_id, "
      "detail) VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?2, ?3, "
      "?4, ?5)");
  bind_value(insert, 1, person);
  bind_value(insert, 2, std::string(action));
  bind_value(insert, 3, std::string(entity));
  bind_value(insert, 4, entity_id);
  bind_value(insert, 5, detail);
  execute(insert, person);
}

SqliteRepository::SqliteRepository(const std::filesystem::path& file, SqliteOptions options)
    : impl_(std::make_unique<Impl>(file, options)) {}

SqliteRepository::~SqliteRepository() = default;

int SqliteRepository::schema_version() { return sqlite::schema_version(impl_->db()); }

void SqliteRepository::transaction(const std::function<void()>& work) {
  impl_->read("run a transaction", [&] { impl_->connection.transaction(work); });
}

void SqliteRepository::read_snapshot(const std::function<void()>& work) {
  impl_->read("read a snapshot", [&] { impl_->connection.read_snapshot(work); });
}

void SqliteRepository::sync_writes() { impl_->connection.sync_writes(); }

PersonId SqliteRepository::add_person(const Person& person) {
  parse_person(to_json(person));
  return impl_->write("add a person", [&] {
    SQLite::Statement& insert = impl_->statement(
        "INSERT INTO people (name, profile, created_on, time_zone) "
        "VALUES (?1, ?2, ?3, ?4)");
    bind_value(insert, 1, person.name);
    bind_json(insert, 2, to_json(person.profile), "person.profile");
    bind_value(insert, 3, person.created_on);
    bind_value(insert, 4, person.time_zone);
    insert.exec();
    const PersonId id = impl_->db().getLastInsertRowid();
    impl_->audit(id, "create", "person", id, "");
    return id;
  });
}

std::optional<Person> SqliteRepository::find_person(PersonId id) {
  return impl_->read("read a person", [&]() -> std::optional<Person> {
    SQLite::Statement& query =
        impl_->statement(std::string("SELECT ") + kPersonColumns + " FROM people WHERE id = ?1");
    bind_value(query, 1, id);
    if (!query.executeStep()) return std::nullopt;
    return person_from(query);
  });
}

std::vector<Person> SqliteRepository::people() {
  return impl_->read("list people", [&] {
    SQLite::Statement& query =
        impl_->statement(std::string("SELECT ") + kPersonColumns + " FROM people ORDER BY id");
    std::vector<Person> out;
    while (query.executeStep()) out.push_back(person_from(query));
    return out;
  });
}

void SqliteRepository::update_person(const Person& person) {
  parse_person(to_json(person));
  impl_->write("update a person", [&] {
    impl_->require_person(person.id);
    // created_on is when the person first came; it does not change.
    SQLite::Statement& update =
        impl_->statement("UPDATE people SET name = ?1, profile = ?2, time_zone = ?3 WHERE id = ?4");
    bind_value(update, 1, person.name);
    bind_json(update, 2, to_json(person.profile), "person.profile");
    bind_value(update, 3, person.time_zone);
    bind_value(update, 4, person.id);
    update.exec();
    impl_->audit(person.id, "update", "person", person.id, "");
  });
}

std::vector<AuditEntry> SqliteRepository::audit_log(PersonId person) {
  return impl_->read("read the audit log", [&] {
    SQLite::Statement& query = impl_->statement(
        "SELECT id, person_id, at, action, entity, entity_id, detail "
        "FROM audit_log WHERE person_id = ?1 ORDER BY id");
    bind_value(query, 1, person);
    std::vector<AuditEntry> out;
    while (query.executeStep()) {
      AuditEntry a;
      a.id = query.getColumn(0).getInt64();
      a.person_id = query.getColumn(1).getInt64();
      a.at = query.getColumn(2).getString();
      a.action = query.getColumn(3).getString();
      a.entity = query.getColumn(4).getString();
      a.entity_id = query.getColumn(5).getInt64();
      a.detail = query.getColumn(6).getString();
      out.push_back(std::move(a));
    }
    return out;
  });
}

void SqliteRepository::delete_person(PersonId person) {
  // ON DELETE CASCADE removes every record and audit entry of the person with this one row.
  impl_->write("delete a person", [&] {
    SQLite::Statement& remove = impl_->statement("DELETE FROM people WHERE id = ?1");
    bind_value(remove, 1, person);
    if (remove.exec() == 0) throw NotFound("person " + std::to_string(person) + " not found");
  });
}

std::int64_t SqliteRepository::auth_generation() {
  return impl_->read("read the sessions' change counter", [&] {
    SQLite::Statement& query = impl_->statement("SELECT n FROM auth_generation WHERE id = 1");
    if (!query.executeStep()) throw StorageError("the sessions' change counter is missing");
    return query.getColumn(0).getInt64();
  });
}

std::int64_t SqliteRepository::journal_version(PersonId person) {
  return impl_->read("read a journal's change counter", [&] {
    SQLite::Statement& query =
        impl_->statement("SELECT version FROM journal_versions WHERE person_id = ?1");
    bind_value(query, 1, person);
    return query.executeStep() ? query.getColumn(0).getInt64() : std::int64_t{0};
  });
}

}  // namespace taperlab::store
