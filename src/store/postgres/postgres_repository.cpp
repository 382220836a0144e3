// PostgresRepository: people, the audit log and the change counters.

#include "store/postgres/postgres_repository.hpp"

#include "core/journal/records_json.hpp"
#include "store/postgres/postgres_impl.hpp"

namespace taperlab::store {

using postgres::json_text;
using postgres::kPersonColumns;

PostgresRepository::PostgresRepository(const std::string& conninfo)
    : impl_(std::make_unique<Impl>(conninfo)) {}

PostgresRepository::~PostgresRepository() = default;

int PostgresRepository::schema_version() {
  return impl_->read("read the schema version", [&] {
    return postgres::int_field(
        impl_->run("SELECT coalesce(max(version), 0) FROM schema_migrations")[0][0]);
  });
}

void PostgresRepository::transaction(const std::function<void()>& work) {
  impl_->read("run a transaction", [&] { impl_->transaction(work); });
}

void PostgresRepository::read_snapshot(const std::function<void()>& work) {
  impl_->read("read a snapshot", [&] { impl_->read_snapshot(work); });
}

void PostgresRepository::sync_writes() {
  // Every COMMIT returned once it was durable (synchronous_commit).
}

std::int64_t PostgresRepository::auth_generation() {
  return impl_->read("read the sessions' change counter", [&] {
    const pqxx::result r = impl_->run("SELECT n FROM auth_generation WHERE id = 1");
    if (r.empty()) throw StorageError("the sessions' change counter is missing");
    return postgres::int64_field(r[0][0]);
  });
}

std::int64_t PostgresRepository::journal_version(PersonId person) {
  return impl_->read("read a journal's change counter", [&] {
    const pqxx::result r =
        impl_->run("SELECT version FROM journal_versions WHERE person_id = $1", person);
    return r.empty() ? std::int64_t{0} : postgres::int64_field(r[0][0]);
  });
}

PersonId PostgresRepository::add_person(const Person& person) {
  parse_person(to_json(person));
  return impl_->write("add a person", [&] {
    const PersonId id = postgres::int64_field(
        impl_->run("INSERT INTO people (name, profile, created_on, time_zone) "
                   "VALUES ($1, $2, $3, $4) RETURNING id",
                   person.name, json_text(to_json(person.profile), "person.profile"),
                   person.created_on, person.time_zone)[0][0]);
    impl_->audit(id, "create", "person", id, "");
    return id;
  });
}

std::optional<Person> PostgresRepository::find_person(PersonId id) {
  return impl_->read("read a person", [&]() -> std::optional<Person> {
    const pqxx::result r =
        impl_->run(std::string("SELECT ") + kPersonColumns + " FROM people WHERE id = $1", id);
    if (r.empty()) return std::nullopt;
    return postgres::person_from(r[0]);
  });
}

std::vector<Person> PostgresRepository::people() {
  return impl_->read("list people", [&] {
    const pqxx::result r =
        impl_->run(std::string("SELECT ") + kPersonColumns + " FROM people ORDER BY id");
    std::vector<Person> out;
    out.reserve(r.size());
    for (const auto& row : r) out.push_back(postgres::person_from(row));
    return out;
  });
}

void PostgresRepository::update_person(const Person& person) {
  parse_person(to_json(person));
  impl_->write("update a person", [&] {
    impl_->require_person(person.id);
    // created_on is when the person first came; it does not change.
    const pqxx::result r = impl_->run(
        "UPDATE people SET name = $1, profile = $2, time_zone = $3 WHERE id = $4 RETURNING id",
        person.name, json_text(to_json(person.profile), "person.profile"), person.time_zone,
        person.id);
    if (r.empty()) throw NotFound("person " + std::to_string(person.id) + " not found");
    impl_->audit(person.id, "update", "person", person.id, "");
  });
}

std::vector<AuditEntry> PostgresRepository::audit_log(PersonId person) {
  return impl_->read("read the audit log", [&] {
    const pqxx::result r = impl_->run(
        "SELECT id, person_id, at, action, entity, entity_id, detail FROM audit_log "
        "WHERE person_id = $1 ORDER BY id",
        person);
    std::vector<AuditEntry> out;
    out.reserve(r.size());
    for (const auto& row : r) {
      AuditEntry a;
      a.id = postgres::int64_field(row[0]);
      a.person_id = postgres::int64_field(row[1]);
      a.at = postgres::text_field(row[2]);
      a.action = postgres::text_field(row[3]);
      a.entity = postgres::text_field(row[4]);
      a.entity_id = postgres::int64_field(row[5]);
      a.detail = postgres::text_field(row[6]);
      out.push_back(std::move(a));
    }
    return out;
  });
}

void PostgresRepository::delete_person(PersonId person) {
  // ON DELETE CASCADE removes every record and audit entry of the person with this one row.
  impl_->write("delete a person", [&] {
    if (impl_->run("DELETE FROM people WHERE id = $1 RETURNING id", person).empty()) {
      throw NotFound("person " + std::to_string(person) + " not found");
    }
  });
}

}  // namespace taperlab::store
