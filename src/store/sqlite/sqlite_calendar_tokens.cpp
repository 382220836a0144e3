// SqliteRepository: the calendar subscription tokens (migration 0006_calendar_tokens). Only the
// token's hash is stored (auth/tokens.hpp), and neither the token nor its hash goes into an audit
// entry or an error message: both can reach a log.

#include "core/base/error.hpp"
#include "store/sqlite/columns.hpp"
#include "store/sqlite/sqlite_repository_impl.hpp"

namespace taperlab::store {

using sqlite::bind_value;

namespace {

constexpr const char* kTokenColumns = "person_id, token_hash, created_at";

CalendarToken token_from(SQLite::Statement& row) {
  CalendarToken t;
  t.person_id = row.getColumn(0).getInt64();
  t.token_hash = row.getColumn(1).getString();
  t.created_at = row.getColumn(2).getString();
  return t;
}

}  // namespace

void SqliteRepository::set_calendar_token(const CalendarToken& token) {
  // An empty hash would match a lookup of an empty one: a bug in the caller, refused here.
  if (token.token_hash.empty()) throw ValidationError("token_hash", "must not be empty");
  if (token.created_at.empty()) throw ValidationError("created_at", "must not be empty");
  impl_->write("store a calendar subscription", [&] {
    impl_->require_person(token.person_id);
    const bool replaced = [&] {
      SQLite::Statement& query =
          impl_->statement("SELECT 1 FROM calendar_tokens WHERE person_id = ?1");
      bind_value(query, 1, token.person_id);
      const bool found = query.executeStep();
      query.reset();
      return found;
    }();
    SQLite::Statement& upsert = impl_->statement(
        "INSERT INTO calendar_tokens (person_id, token_hash, created_at) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (person_id) DO UPDATE SET token_hash = excluded.token_hash, "
        "created_at = excluded.created_at");
    bind_value(upsert, 1, token.person_id);
    bind_value(upsert, 2, token.token_hash);
    bind_value(upsert, 3, token.created_at);
    impl_->execute(upsert, token.person_id);
    impl_->audit(token.person_id, replaced ? "replace" : "create", "calendar_token",
                 token.person_id, "");
  });
}

std::optional<CalendarToken> SqliteRepository::calendar_token_of(PersonId person) {
  return impl_->read("read a calendar subscription", [&]() -> std::optional<CalendarToken> {
    SQLite::Statement& query = impl_->statement(std::string("SELECT ") + kTokenColumns +
                                                " FROM calendar_tokens WHERE person_id = ?1");
    bind_value(query, 1, person);
    if (!query.executeStep()) return std::nullopt;
    return token_from(query);
  });
}

std::optional<CalendarToken> SqliteRepository::find_calendar_token(const std::string& token_hash) {
  return impl_->read("read a calendar subscription", [&]() -> std::optional<CalendarToken> {
    if (token_hash.empty()) return std::nullopt;
    SQLite::Statement& query = impl_->statement(std::string("SELECT ") + kTokenColumns +
                                                " FROM calendar_tokens WHERE token_hash = ?1");
    bind_value(query, 1, token_hash);
    if (!query.executeStep()) return std::nullopt;
    return token_from(query);
  });
}

void SqliteRepository::delete_calendar_token(PersonId person) {
  impl_->write("revoke a calendar subscription", [&] {
    SQLite::Statement& remove =
        impl_->statement("DELETE FROM calendar_tokens WHERE person_id = ?1");
    bind_value(remove, 1, person);
    remove.exec();
    // Revoking twice is fine, and only a real revocation is an event worth auditing.
    if (impl_->db().getChanges() > 0) {
      impl_->audit(person, "delete", "calendar_token", person, "");
    }
  });
}

}  // namespace taperlab::store
