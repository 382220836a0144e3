// PostgresRepository: accounts, their sessions, the sign-in attempts the rate limit counts
// (migration 0002_accounts) and the calendar subscriptions (0006_calendar_tokens). Audit entries
// name the user by id under their person; emails, password hashes and tokens never go into an
// entry or an error message, because both end up in logs.

#include "store/postgres/postgres_impl.hpp"

namespace taperlab::store {

namespace pg = postgres;

namespace {

constexpr const char* kUserColumns = "id, email, password_hash, person_id, role, created_at";

User user_from(const pqxx::row& row, int first = 0) {
  User u;
  u.id = pg::int64_field(row[first]);
  u.email = pg::text_field(row[first + 1]);
  u.password_hash = pg::text_field(row[first + 2]);
  u.person_id = pg::int64_field(row[first + 3]);
  u.role = pg::text_field(row[first + 4]);
  u.created_at = pg::text_field(row[first + 5]);
  return u;
}

constexpr const char* kSessionColumns = "token_hash, user_id, csrf_token, created_at, expires_at";

AuthSession session_from(const pqxx::row& row, int first = 0) {
  AuthSession s;
  s.token_hash = pg::text_field(row[first]);
  s.user_id = pg::int64_field(row[first + 1]);
  s.csrf_token = pg::text_field(row[first + 2]);
  s.created_at = pg::text_field(row[first + 3]);
  s.expires_at = pg::text_field(row[first + 4]);
  return s;
}

// An empty email, hash or token is a bug in the caller, and stored it could match by accident.
void require_nonempty(const std::string& value, const char* field) {
  if (value.empty()) throw ValidationError(field, "must not be empty");
}

// The person a user belongs to, for the audit entry; nullopt when the user does not exist.
std::optional<PersonId> person_of_user(PostgresRepository::Impl& impl, UserId user) {
  const pqxx::result r = impl.run("SELECT person_id FROM users WHERE id = $1", user);
  if (r.empty()) return std::nullopt;
  return pg::int64_field(r[0][0]);
}

// Emails compare without regard to ASCII case: the unique index users_email_key is on this
// expression, so the lookup uses it.
constexpr const char* kEmailMatches = "lower(email COLLATE \"C\") = lower($1 COLLATE \"C\")";

// The failures counted after the key's last success in the window (reset_by_success), or all.
constexpr const char* kCountedSinceSuccess =
    "SELECT count(*) FROM login_attempts WHERE key = $1 AND at >= $2 AND succeeded = 0 "
    "AND id > coalesce((SELECT max(id) FROM login_attempts WHERE key = $1 AND at >= $2 "
    "AND succeeded = 1), 0)";
constexpr const char* kCountedAll =
    "SELECT count(*) FROM login_attempts WHERE key = $1 AND at >= $2 AND succeeded = 0";

// pg_advisory_xact_lock key of begin_attempts: "taperlab" in ASCII, then 2.
constexpr std::int64_t kAttemptsLock = 0x7461706572'6c6102;

constexpr const char* kTokenColumns = "person_id, token_hash, created_at";

CalendarToken token_from(const pqxx::row& row) {
  CalendarToken t;
  t.person_id = pg::int64_field(row[0]);
  t.token_hash = pg::text_field(row[1]);
  t.created_at = pg::text_field(row[2]);
  return t;
}

}  // namespace

UserId PostgresRepository::add_user(const User& user) {
  require_nonempty(user.email, "email");
  require_nonempty(user.password_hash, "password_hash");
  require_nonempty(user.role, "role");
  return impl_->write("add a user", [&] {
    impl_->require_person(user.person_id);
    // ON CONFLICT DO NOTHING: a taken address returns no row, whatever process took it.
    const pqxx::result r =
        impl_->run_for(user.person_id,
                       "INSERT INTO users (email, password_hash, person_id, role, created_at) "
                       "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id",
                       user.email, user.password_hash, user.person_id, user.role, user.created_at);
    // Without the address: the message may reach a log.
    if (r.empty()) throw Conflict("an account with this email address already exists");
    const UserId id = pg::int64_field(r[0][0]);
    impl_->audit(user.person_id, "create", "user", id, "");
    return id;
  });
}

std::optional<User> PostgresRepository::find_user_by_email(const std::string& email) {
  return impl_->read("read a user", [&]() -> std::optional<User> {
    const pqxx::result r = impl_->run(
        std::string("SELECT ") + kUserColumns + " FROM users WHERE " + kEmailMatches, email);
    if (r.empty()) return std::nullopt;
    return user_from(r[0]);
  });
}

std::optional<User> PostgresRepository::find_user(UserId id) {
  return impl_->read("read a user", [&]() -> std::optional<User> {
    const pqxx::result r =
        impl_->run(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = $1", id);
    if (r.empty()) return std::nullopt;
    return user_from(r[0]);
  });
}

void PostgresRepository::add_auth_session(const AuthSession& session) {
  require_nonempty(session.token_hash, "token_hash");
  require_nonempty(session.csrf_token, "csrf_token");
  require_nonempty(session.expires_at, "expires_at");
  impl_->write("add a session", [&] {
    const auto person = person_of_user(*impl_, session.user_id);
    if (!person) throw NotFound("user " + std::to_string(session.user_id) + " not found");
    try {
      impl_->run(std::string("INSERT INTO auth_sessions (") + kSessionColumns +
                     ") VALUES ($1, $2, $3, $4, $5)",
                 session.token_hash, session.user_id, session.csrf_token, session.created_at,
                 session.expires_at);
    } catch (const pqxx::sql_error& e) {
      if (!pg::is_sqlstate(e, pg::kForeignKeyViolation)) throw;
      throw NotFound("user " + std::to_string(session.user_id) + " not found");
    }
    impl_->audit(*person, "sign_in", "user", session.user_id, "");
  });
}

std::optional<AuthSession> PostgresRepository::find_auth_session(const std::string& token_hash) {
  return impl_->read("read a session", [&]() -> std::optional<AuthSession> {
    const pqxx::result r = impl_->run(
        std::string("SELECT ") + kSessionColumns + " FROM auth_sessions WHERE token_hash = $1",
        token_hash);
    if (r.empty()) return std::nullopt;
    return session_from(r[0]);
  });
}

std::optional<SignedIn> PostgresRepository::find_signed_in(const std::string& token_hash) {
  return impl_->read("read a session", [&]() -> std::optional<SignedIn> {
    // Every request of a signed-in person starts here: one statement instead of three.
    const pqxx::result r = impl_->run(
        "SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, "
        "u.id, u.email, u.password_hash, u.person_id, u.role, u.created_at, "
        "p.id, p.name, p.profile, p.created_on, p.time_zone "
        "FROM auth_sessions s JOIN users u ON u.id = s.user_id "
        "JOIN people p ON p.id = u.person_id WHERE s.token_hash = $1",
        token_hash);
    if (r.empty()) return std::nullopt;
    return SignedIn{session_from(r[0], 0), user_from(r[0], 5), pg::person_from(r[0], 11)};
  });
}

void PostgresRepository::delete_auth_session(const std::string& token_hash) {
  impl_->write("delete a session", [&] {
    // DELETE ... RETURNING: of two processes signing the same session out, one audits it.
    const pqxx::result r = impl_->run(
        "DELETE FROM auth_sessions s USING users u WHERE s.token_hash = $1 AND u.id = s.user_id "
        "RETURNING s.user_id, u.person_id",
        token_hash);
    if (r.empty()) return;  // already gone: signing out is idempotent
    impl_->audit(pg::int64_field(r[0][1]), "sign_out", "user", pg::int64_field(r[0][0]), "");
  });
}

int PostgresRepository::delete_auth_sessions_of(UserId user) {
  return impl_->write("delete a user's sessions", [&] {
    const auto person = person_of_user(*impl_, user);
    if (!person) return 0;  // no such user: no sessions either
    const auto removed = static_cast<int>(
        impl_->run("DELETE FROM auth_sessions WHERE user_id = $1", user).affected_rows());
    if (removed > 0) impl_->audit(*person, "sign_out_everywhere", "user", user, "");
    return removed;
  });
}

void PostgresRepository::delete_expired_auth_sessions(const std::string& now_utc) {
  require_nonempty(now_utc, "now");
  // Housekeeping, not anyone's action: no audit entry.
  impl_->write("delete expired sessions",
               [&] { impl_->run("DELETE FROM auth_sessions WHERE expires_at <= $1", now_utc); });
}

void PostgresRepository::record_login_attempt(const std::string& key, const std::string& at_utc,
                                              bool succeeded) {
  require_nonempty(key, "key");
  require_nonempty(at_utc, "at");
  // No audit entry: an attempt belongs to no person (the key may name no account at all).
  impl_->write("record a sign-in attempt", [&] {
    impl_->run("INSERT INTO login_attempts (key, at, succeeded) VALUES ($1, $2, $3)", key, at_utc,
               succeeded);
  });
}

int PostgresRepository::failed_login_attempts_since(const std::string& key,
                                                    const std::string& since_utc) {
  return impl_->read("count sign-in attempts", [&] {
    // After the last success by id, not by time: attempts within one second keep their order.
    return pg::int_field(impl_->run(kCountedSinceSuccess, key, since_utc)[0][0]);
  });
}

AttemptGrant PostgresRepository::begin_attempts(const std::vector<AttemptLimit>& limits,
                                                const std::string& at_utc) {
  require_nonempty(at_utc, "at");
  for (const auto& limit : limits) {
    require_nonempty(limit.key, "key");
    require_nonempty(limit.since_utc, "since");
  }
  return impl_->write("begin a sign-in attempt", [&] {
    // Every process's begin_attempts takes this lock first and holds it to its commit, so no two
    // count the same attempts; each count below is a new READ COMMITTED snapshot taken after the
    // lock, so it sees the attempts of whoever held it before.
    impl_->run("SELECT pg_advisory_xact_lock($1)", kAttemptsLock);
    AttemptGrant grant;
    for (std::size_t i = 0; i < limits.size(); ++i) {
      const AttemptLimit& limit = limits[i];
      const int counted =
          pg::int_field(impl_->run(limit.reset_by_success ? kCountedSinceSuccess : kCountedAll,
                                   limit.key, limit.since_utc)[0][0]);
      if (counted >= limit.max_counted) {
        grant.full_limit = static_cast<int>(i);
        return grant;
      }
    }
    for (const auto& limit : limits) {
      grant.attempt_ids.push_back(pg::int64_field(
          impl_->run("INSERT INTO login_attempts (key, at, succeeded) VALUES ($1, $2, 0) "
                     "RETURNING id",
                     limit.key, at_utc)[0][0]));
    }
    return grant;
  });
}

void PostgresRepository::mark_attempts_succeeded(const std::vector<std::int64_t>& attempt_ids) {
  if (attempt_ids.empty()) return;
  impl_->write("mark sign-in attempts succeeded", [&] {
    for (const std::int64_t id : attempt_ids) {
      impl_->run("UPDATE login_attempts SET succeeded = 1 WHERE id = $1", id);
    }
  });
}

void PostgresRepository::delete_login_attempts_before(const std::string& before_utc) {
  require_nonempty(before_utc, "before");
  impl_->write("delete old sign-in attempts",
               [&] { impl_->run("DELETE FROM login_attempts WHERE at < $1", before_utc); });
}

void PostgresRepository::set_calendar_token(const CalendarToken& token) {
  // An empty hash would match a lookup of an empty one: a bug in the caller, refused here.
  require_nonempty(token.token_hash, "token_hash");
  require_nonempty(token.created_at, "created_at");
  impl_->write("store a calendar subscription", [&] {
    impl_->require_person(token.person_id);
    const bool replaced =
        !impl_->run("SELECT 1 FROM calendar_tokens WHERE person_id = $1", token.person_id).empty();
    impl_->run_for(token.person_id,
                   "INSERT INTO calendar_tokens (person_id, token_hash, created_at) "
                   "VALUES ($1, $2, $3) ON CONFLICT (person_id) DO UPDATE SET "
                   "token_hash = excluded.token_hash, created_at = excluded.created_at",
                   token.person_id, token.token_hash, token.created_at);
    impl_->audit(token.person_id, replaced ? "replace" : "create", "calendar_token",
                 token.person_id, "");
  });
}

std::optional<CalendarToken> PostgresRepository::calendar_token_of(PersonId person) {
  return impl_->read("read a calendar subscription", [&]() -> std::optional<CalendarToken> {
    const pqxx::result r = impl_->run(
        std::string("SELECT ") + kTokenColumns + " FROM calendar_tokens WHERE person_id = $1",
        person);
    if (r.empty()) return std::nullopt;
    return token_from(r[0]);
  });
}

std::optional<CalendarToken> PostgresRepository::find_calendar_token(
    const std::string& token_hash) {
  return impl_->read("read a calendar subscription", [&]() -> std::optional<CalendarToken> {
    if (token_hash.empty()) return std::nullopt;
    const pqxx::result r = impl_->run(
        std::string("SELECT ") + kTokenColumns + " FROM calendar_tokens WHERE token_hash = $1",
        token_hash);
    if (r.empty()) return std::nullopt;
    return token_from(r[0]);
  });
}

void PostgresRepository::delete_calendar_token(PersonId person) {
  impl_->write("revoke a calendar subscription", [&] {
    // Revoking twice is fine, and only a real revocation is an event worth auditing.
    if (impl_->run("DELETE FROM calendar_tokens WHERE person_id = $1", person).affected_rows() >
        0) {
      impl_->audit(person, "delete", "calendar_token", person, "");
    }
  });
}

}  // namespace taperlab::store
