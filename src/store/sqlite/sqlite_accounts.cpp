// SqliteRepository: accounts, their sessions and the sign-in attempts the rate limit counts
// (migration 0002_accounts). Audit entries name the user by id under their person; emails,
// password hashes and tokens never go into an entry or an error message, because both end up in
// logs.

#include "core/base/error.hpp"
#include "store/sqlite/columns.hpp"
#include "store/sqlite/person_rows.hpp"
#include "store/sqlite/sqlite_repository_impl.hpp"

namespace taperlab::store {

using sqlite::bind_value;

namespace {

constexpr const char* kUserColumns = "id, email, password_hash, person_id, role, created_at";

// The user in columns first .. first + 5, in kUserColumns' order.
User user_from(SQLite::Statement& row, int first = 0) {
  User u;
  u.id = row.getColumn(first).getInt64();
  u.email = row.getColumn(first + 1).getString();
  u.password_hash = row.getColumn(first + 2).getString();
  u.person_id = row.getColumn(first + 3).getInt64();
  u.role = row.getColumn(first + 4).getString();
  u.created_at = row.getColumn(first + 5).getString();
  return u;
}

constexpr const char* kSessionColumns = "token_hash, user_id, csrf_token, created_at, expires_at";

AuthSession session_from(SQLite::Statement& row, int first = 0) {
  AuthSession s;
  s.token_hash = row.getColumn(first).getString();
  s.user_id = row.getColumn(first + 1).getInt64();
  s.csrf_token = row.getColumn(first + 2).getString();
  s.created_at = row.getColumn(first + 3).getString();
  s.expires_at = row.getColumn(first + 4).getString();
  return s;
}

// An empty email, hash or token is a bug in the caller, and stored it could match by accident.
void require_text(const std::string& value, const char* field) {
  if (value.empty()) throw ValidationError(field, "must not be empty");
}

// The person a user belongs to, for the audit entry; nullopt when the user does not exist.
std::optional<PersonId> person_of(SqliteRepository::Impl& impl, UserId user) {
  SQLite::Statement& query = impl.statement("SELECT person_id FROM users WHERE id = ?1");
  bind_value(query, 1, user);
  if (!query.executeStep()) return std::nullopt;
  return query.getColumn(0).getInt64();
}

}  // namespace

UserId SqliteRepository::add_user(const User& user) {
  require_text(user.email, "email");
  require_text(user.password_hash, "password_hash");
  require_text(user.role, "role");
  return impl_->write("add a user", [&] {
    impl_->require_person(user.person_id);
    SQLite::Statement& insert = impl_->statement(
        "INSERT INTO users (email, password_hash, person_id, role, "
        "created_at) VALUES (?1, ?2, ?3, ?4, ?5)");
    bind_value(insert, 1, user.email);
    bind_value(insert, 2, user.password_hash);
    bind_value(insert, 3, user.person_id);
    bind_value(insert, 4, user.role);
    bind_value(insert, 5, user.created_at);
    try {
      impl_->execute(insert, user.person_id);
    } catch (const SQLite::Exception& e) {
      if (!sqlite::is_unique_violation(e)) throw;
      // Without the address: the message may reach a log.
      throw Conflict("an account with this email address already exists");
    }
    const UserId id = impl_->db().getLastInsertRowid();
    impl_->audit(user.person_id, "create", "user", id, "");
    return id;
  });
}

std::optional<User> SqliteRepository::find_user_by_email(const std::string& email) {
  return impl_->read("read a user", [&]() -> std::optional<User> {
    // The column's NOCASE collation applies to the comparison, and the UNIQUE index serves it.
    SQLite::Statement& query =
        impl_->statement(std::string("SELECT ") + kUserColumns + " FROM users WHERE email = ?1");
    bind_value(query, 1, email);
    if (!query.executeStep()) return std::nullopt;
    return user_from(query);
  });
}

std::optional<User> SqliteRepository::find_user(UserId id) {
  return impl_->read("read a user", [&]() -> std::optional<User> {
    SQLite::Statement& query =
        impl_->statement(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?1");
    bind_value(query, 1, id);
    if (!query.executeStep()) return std::nullopt;
    return user_from(query);
  });
}

void SqliteRepository::add_auth_session(const AuthSession& session) {
  require_text(session.token_hash, "token_hash");
  require_text(session.csrf_token, "csrf_token");
  require_text(session.expires_at, "expires_at");
  impl_->write("add a session", [&] {
    const auto person = person_of(*impl_, session.user_id);
    if (!person) throw NotFound("user " + std::to_string(session.user_id) + " not found");
    SQLite::Statement& insert = impl_->statement(std::string("INSERT INTO auth_sessions (") +
                                                 kSessionColumns + ") VALUES (?1, ?2, ?3, ?4, ?5)");
    bind_value(insert, 1, session.token_hash);
    bind_value(insert, 2, session.user_id);
    bind_value(insert, 3, session.csrf_token);
    bind_value(insert, 4, session.created_at);
    bind_value(insert, 5, session.expires_at);
    insert.exec();  // a clash of 256-bit random tokens would be a broken generator: StorageError
    impl_->audit(*person, "sign_in", "user", session.user_id, "");
  });
}

std::optional<AuthSession> SqliteRepository::find_auth_session(const std::string& token_hash) {
  return impl_->read("read a session", [&]() -> std::optional<AuthSession> {
    SQLite::Statement& query = impl_->statement(std::string("SELECT ") + kSessionColumns +
                                                " FROM auth_sessions WHERE token_hash = ?1");
    bind_value(query, 1, token_hash);
    if (!query.executeStep()) return std::nullopt;
    return session_from(query);
  });
}

std::optional<SignedIn> SqliteRepository::find_signed_in(const std::string& token_hash) {
  return impl_->read("read a session", [&]() -> std::optional<SignedIn> {
    // Every request of a signed-in person starts here: one statement instead of three.
    SQLite::Statement& query = impl_->statement(
        "SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, "
        "u.id, u.email, u.password_hash, u.person_id, u.role, u.created_at, "
        "p.id, p.name, p.profile, p.created_on, p.time_zone "
        "FROM auth_sessions s JOIN users u ON u.id = s.user_id "
        "JOIN people p ON p.id = u.person_id WHERE s.token_hash = ?1");
    bind_value(query, 1, token_hash);
    if (!query.executeStep()) return std::nullopt;
    return SignedIn{session_from(query, 0), user_from(query, 5), sqlite::person_from(query, 11)};
  });
}

void SqliteRepository::delete_auth_session(const std::string& token_hash) {
  impl_->write("delete a session", [&] {
    SQLite::Statement& query = impl_->statement(
        "SELECT s.user_id, u.person_id FROM auth_sessions s JOIN users u "
        "ON u.id = s.user_id WHERE s.token_hash = ?1");
    bind_value(query, 1, token_hash);
    if (!query.executeStep()) return;  // already gone: signing out is idempotent
    const UserId user = query.getColumn(0).getInt64();
    const PersonId person = query.getColumn(1).getInt64();
    query.reset();
    SQLite::Statement& remove = impl_->statement("DELETE FROM auth_sessions WHERE token_hash = ?1");
    bind_value(remove, 1, token_hash);
    remove.exec();
    impl_->audit(person, "sign_out", "user", user, "");
  });
}

int SqliteRepository::delete_auth_sessions_of(UserId user) {
  return impl_->write("delete a user's sessions", [&] {
    const auto person = person_of(*impl_, user);
    if (!person) return 0;  // no such user: no sessions either
    SQLite::Statement& remove = impl_->statement("DELETE FROM auth_sessions WHERE user_id = ?1");
    bind_value(remove, 1, user);
    const int removed = remove.exec();
    if (removed > 0) impl_->audit(*person, "sign_out_everywhere", "user", user, "");
    return removed;
  });
}

void SqliteRepository::delete_expired_auth_sessions(const std::string& now_utc) {
  require_text(now_utc, "now");
  // Housekeeping, not anyone's action: no audit entry.
  impl_->write("delete expired sessions", [&] {
    SQLite::Statement& remove =
        impl_->statement("DELETE FROM auth_sessions WHERE expires_at <= ?1");
    bind_value(remove, 1, now_utc);
    remove.exec();
  });
}

void SqliteRepository::record_login_attempt(const std::string& key, const std::string& at_utc,
                                            bool succeeded) {
  require_text(key, "key");
  require_text(at_utc, "at");
  // No audit entry: an attempt belongs to no person (the key may name no account at all).
  impl_->write("record a sign-in attempt", [&] {
    SQLite::Statement& insert =
        impl_->statement("INSERT INTO login_attempts (key, at, succeeded) VALUES (?1, ?2, ?3)");
    bind_value(insert, 1, key);
    bind_value(insert, 2, at_utc);
    bind_value(insert, 3, succeeded);
    insert.exec();
  });
}

int SqliteRepository::failed_login_attempts_since(const std::string& key,
                                                  const std::string& since_utc) {
  return impl_->read("count sign-in attempts", [&] {
    // After the last success by id, not by time: attempts within one second keep their order.
    SQLite::Statement& query = impl_->statement(
        "SELECT count(*) FROM login_attempts WHERE key = ?1 AND at >= ?2 "
        "AND succeeded = 0 AND id > coalesce((SELECT max(id) FROM "
        "login_attempts WHERE key = ?1 AND at >= ?2 AND succeeded = 1), 0)");
    bind_value(query, 1, key);
    bind_value(query, 2, since_utc);
    query.executeStep();
    return query.getColumn(0).getInt();
  });
}

namespace {

// The attempts `limit` counts now (see AttemptLimit); inside a transaction.
int counted_attempts(SqliteRepository::Impl& impl, const AttemptLimit& limit) {
  SQLite::Statement& query = impl.statement(
      limit.reset_by_success
          ? "SELECT count(*) FROM login_attempts WHERE key = ?1 AND at >= ?2 "
            "AND succeeded = 0 AND id > coalesce((SELECT max(id) FROM "
            "login_attempts WHERE key = ?1 AND at >= ?2 AND succeeded = 1), 0)"
          : "SELECT count(*) FROM login_attempts WHERE key = ?1 AND at >= ?2 AND succeeded = 0");
  bind_value(query, 1, limit.key);
  bind_value(query, 2, limit.since_utc);
  query.executeStep();
  const int n = query.getColumn(0).getInt();
  query.reset();
  return n;
}

}  // namespace

AttemptGrant SqliteRepository::begin_attempts(const std::vector<AttemptLimit>& limits,
                                              const std::string& at_utc) {
  require_text(at_utc, "at");
  for (const auto& limit : limits) {
    require_text(limit.key, "key");
    require_text(limit.since_utc, "since");
  }
  // One write transaction: BEGIN IMMEDIATE takes the database's write lock before counting, so
  // no other connection (of this process or another) can count the same attempts in between.
  return impl_->write("begin a sign-in attempt", [&] {
    AttemptGrant grant;
    for (std::size_t i = 0; i < limits.size(); ++i) {
      if (counted_attempts(*impl_, limits[i]) >= limits[i].max_counted) {
        grant.full_limit = static_cast<int>(i);
        return grant;
      }
    }
    SQLite::Statement& insert =
        impl_->statement("INSERT INTO login_attempts (key, at, succeeded) VALUES (?1, ?2, 0)");
    for (const auto& limit : limits) {
      bind_value(insert, 1, limit.key);
      bind_value(insert, 2, at_utc);
      insert.exec();
      insert.reset();
      grant.attempt_ids.push_back(impl_->db().getLastInsertRowid());
    }
    return grant;
  });
}

void SqliteRepository::mark_attempts_succeeded(const std::vector<std::int64_t>& attempt_ids) {
  if (attempt_ids.empty()) return;
  impl_->write("mark sign-in attempts succeeded", [&] {
    SQLite::Statement& update =
        impl_->statement("UPDATE login_attempts SET succeeded = 1 WHERE id = ?1");
    for (const std::int64_t id : attempt_ids) {
      bind_value(update, 1, id);
      update.exec();
      update.reset();
    }
  });
}

void SqliteRepository::delete_login_attempts_before(const std::string& before_utc) {
  require_text(before_utc, "before");
  impl_->write("delete old sign-in attempts", [&] {
    SQLite::Statement& remove = impl_->statement("DELETE FROM login_attempts WHERE at < ?1");
    bind_value(remove, 1, before_utc);
    remove.exec();
  });
}

}  // namespace taperlab::store
