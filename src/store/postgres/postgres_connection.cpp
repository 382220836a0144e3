// PostgresRepository: the connection, its statements and transactions, the migrations, and the
// conversions between record members and PostgreSQL's text forms.

#include <libpq-fe.h>

#include <charconv>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include "core/journal/records_json.hpp"
#include "store/postgres/migrations.hpp"
#include "store/postgres/postgres_impl.hpp"

namespace taperlab::store::postgres {

Param param(int value) { return std::to_string(value); }
Param param(std::int64_t value) { return std::to_string(value); }
Param param(double value) {
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc()) throw std::logic_error("a double did not fit its buffer");
  return std::string(buffer, end);
}
Param param(bool value) { return std::string(value ? "1" : "0"); }
Param param(const std::string& value) { return value; }
Param param(CivilDate value) { return value.to_string(); }
Param param(TimeOfDay value) { return value.to_string(); }

std::int64_t int64_field(const pqxx::field& f) { return f.as<std::int64_t>(); }
int int_field(const pqxx::field& f) { return f.as<int>(); }
double double_field(const pqxx::field& f) {
  // PostgreSQL 12 and later print the shortest text that reads back as the same double.
  const char* text = f.c_str();
  const char* end = text + f.size();
  double value = 0.0;
  const auto [stop, error] = std::from_chars(text, end, value);
  if (error != std::errc() || stop != end) {
    throw ValidationError(f.name(), "is not a number");
  }
  return value;
}
std::string text_field(const pqxx::field& f) { return std::string(f.c_str(), f.size()); }
std::optional<int> optional_int(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<int>();
}
std::optional<std::int64_t> optional_int64(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::int64_t>();
}
std::optional<double> optional_double(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return double_field(f);
}
std::optional<bool> optional_bool(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<int>() != 0;
}
std::optional<TimeOfDay> optional_time(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return parse_time_of_day(text_field(f), f.name());
}
CivilDate date_field(const pqxx::field& f) { return parse_civil_date(text_field(f), f.name()); }
nlohmann::json json_field(const pqxx::field& f) {
  return nlohmann::json::parse(std::string_view(f.c_str(), f.size()));
}

std::string json_text(const nlohmann::json& value, const std::string& field) {
  return json_text_of([&] { return value.dump(); }, field);
}

namespace {

// The class of an SQLSTATE (its first two characters), in words (PostgreSQL's appendix A).
const char* sqlstate_class(const std::string& state) {
  const std::string c = state.substr(0, 2);
  if (c == "08") return "connection failure";
  if (c == "22") return "data exception";
  if (c == "23") return "integrity constraint violation";
  if (c == "25") return "invalid transaction state";
  if (c == "28") return "authorization failed";
  if (c == "3D") return "no such database";
  if (c == "40") return "transaction rolled back (serialisation failure or deadlock)";
  if (c == "42") return "statement refused (syntax error or missing permission)";
  if (c == "53") return "insufficient resources";
  if (c == "54") return "program limit exceeded";
  if (c == "55") return "lock not available";
  if (c == "57") return "the server stopped the statement";
  if (c == "58") return "system error";
  if (c == "XX") return "internal error";
  return "database error";
}

}  // namespace

StorageError storage_error(std::string_view operation, const pqxx::sql_error& e) {
  const std::string& state = e.sqlstate();
  return StorageError("could not " + std::string(operation) + ": " + sqlstate_class(state) +
                      " (PostgreSQL SQLSTATE " + (state.empty() ? "unknown" : state) + ")");
}

bool is_sqlstate(const pqxx::sql_error& e, const char* state) { return e.sqlstate() == state; }

std::string password_in(const std::string& conninfo) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (error != nullptr) PQfreemem(error);
  if (options == nullptr) return "";
  std::string password;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (std::strcmp(o->keyword, "password") == 0 && o->val != nullptr) password = o->val;
  }
  PQconninfoFree(options);
  return password;
}

Person person_from(const pqxx::row& row, int first) {
  const PersonId id = int64_field(row[first]);
  return decoded("person", id, [&] {
    Person p;
    p.id = id;
    p.name = text_field(row[first + 1]);
    p.profile = parse_profile(json_field(row[first + 2]));
    p.created_on = date_field(row[first + 3]);
    p.time_zone = text_field(row[first + 4]);
    return p;
  });
}

namespace {

// pg_advisory_xact_lock keys: "taperlab" in ASCII, then the lock's number.
constexpr std::int64_t kMigrationLock = 0x7461706572'6c6101;

std::string connection_failure(const std::string& conninfo, const std::string& message) {
  // libpq's message names the host, port and user, never the password; it is cut out all the
  // same should it appear.
  std::string text = message;
  const std::string password = password_in(conninfo);
  if (!password.empty()) {
    for (auto at = text.find(password); at != std::string::npos; at = text.find(password)) {
      text.replace(at, password.size(), "***");
    }
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (auto at = text.find('\n'); at != std::string::npos; at = text.find('\n')) text[at] = ' ';
  return "could not connect to PostgreSQL: " + text;
}

int applied_version(store::PostgresRepository::Impl& impl) {
  const pqxx::result exists = impl.session->exec("SELECT to_regclass('schema_migrations') IS NULL");
  if (exists[0][0].as<bool>()) return 0;
  return impl.session->exec("SELECT coalesce(max(version), 0) FROM schema_migrations")[0][0]
      .as<int>();
}

void refuse_newer(int stored) {
  const int known = migrations().back().version;
  if (stored > known) {
    throw StorageError("database schema version " + std::to_string(stored) +
                       " is newer than this taperlab (" + std::to_string(known) +
                       "); update taperlab");
  }
}

void migrate(store::PostgresRepository::Impl& impl) {
  const int latest = migrations().back().version;
  const int stored = guarded("read the schema version", [&] { return applied_version(impl); });
  refuse_newer(stored);
  if (stored == latest) return;
  // One transaction under an advisory lock: a second process starting at the same time waits for
  // the first one's migrations, then finds them applied.
  guarded("migrate the database", [&] {
    impl.transaction([&] {
      // However long another process takes to migrate, this one waits for it.
      impl.run_simple("SET LOCAL lock_timeout TO 0");
      impl.run("SELECT pg_advisory_xact_lock($1)", kMigrationLock);
      impl.run_simple(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
          "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
      const int now_applied = applied_version(impl);
      refuse_newer(now_applied);
      for (const Migration& migration : migrations()) {
        if (migration.version <= now_applied) continue;
        try {
          impl.run_simple(migration.sql);
        } catch (const pqxx::sql_error& e) {
          throw StorageError("could not apply migration " + std::string(migration.name) + ": " +
                             storage_error("migrate", e).what());
        }
        impl.run(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, "
            "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
            migration.version, std::string(migration.name));
      }
    });
  });
}

}  // namespace

}  // namespace taperlab::store::postgres

namespace taperlab::store {

PostgresRepository::Impl::Impl(const std::string& conninfo) : conninfo(conninfo) {
  open_connection();
  postgres::migrate(*this);
}

void PostgresRepository::Impl::open_connection() {
  try {
    connection = std::make_unique<pqxx::connection>(conninfo);
  } catch (const pqxx::broken_connection& e) {
    throw StorageError(postgres::connection_failure(conninfo, e.what()));
  } catch (const pqxx::failure& e) {
    throw StorageError(postgres::connection_failure(conninfo, e.what()));
  }
  session = std::make_unique<pqxx::nontransaction>(*connection, "taperlab");
  prepared.clear();
  postgres::guarded("set the connection up", [&] {
    // Notices ("relation already exists, skipping") would go to stderr; errors come as exceptions.
    // The lock timeout is SQLite's busy timeout: a write waits this long for another's locks.
    // Sent on its own, never behind a BEGIN owed (`pending`): a SET rolled back would be undone.
    session->exec(
        "SET client_min_messages TO error; SET client_encoding TO 'UTF8'; "
        "SET application_name TO 'taperlab'; SET lock_timeout TO '10s'");
  });
}

void PostgresRepository::Impl::reconnect_if_lost() {
  // Only between transactions: a transaction on a lost connection is lost with it, and its
  // caller has been told (StorageError). The server keeps its connections for the process's life,
  // so without this a restarted database would leave every one of them failing.
  if (begun || connection->is_open()) return;
  session.reset();
  connection.reset();
  open_connection();
}

pqxx::result PostgresRepository::Impl::run_params(const std::string& sql,
                                                  const std::vector<postgres::Param>& params) {
  reconnect_if_lost();
  auto [slot, added] = prepared.try_emplace(sql);
  if (added) {
    slot->second = "taperlab_" + std::to_string(prepared.size());
    connection->prepare(slot->second, sql);
  }
  if (!pending.empty()) {
    // What is owed and this statement in one round trip: the simple protocol's EXECUTE of the
    // prepared statement, its values as quoted literals (each takes its parameter's type).
    connection->prepare_now(slot->second);
    std::string text = "EXECUTE " + slot->second;
    for (std::size_t i = 0; i < params.size(); ++i) {
      text += i == 0 ? "(" : ", ";
      text += params[i] ? connection->quote(*params[i]) : std::string("NULL");
    }
    if (!params.empty()) text += ')';
    return session->exec(take_pending() + text);
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  return session->exec_prepared(slot->second, pqxx::prepare::make_dynamic_params(values));
}

void PostgresRepository::Impl::run_simple(const std::string& sql) {
  reconnect_if_lost();
  session->exec(pending.empty() ? sql : take_pending() + sql);
}

std::string PostgresRepository::Impl::take_pending() {
  ++flushes;
  if (depth > 0 || in_snapshot) begun = true;
  std::string text = std::move(pending);
  pending.clear();
  return text;
}

void PostgresRepository::Impl::transaction(const std::function<void()>& work) {
  if (in_snapshot) throw std::logic_error("a write inside a read snapshot");
  const std::string savepoint = "taperlab_" + std::to_string(depth);
  // BEGIN or SAVEPOINT is owed, not sent: it goes with the first statement of `work`.
  const std::size_t mark = pending.size();
  const std::uint64_t flushes_before = flushes;
  pending += depth == 0 ? "BEGIN; " : "SAVEPOINT " + savepoint + "; ";
  ++depth;
  // Nothing from the owed BEGIN or SAVEPOINT on reached the server: forgetting it undoes it all.
  const auto unsent = [&] { return flushes == flushes_before; };
  const auto ended = [&] {
    if (depth == 0) begun = false;
  };
  auto roll_back = [&]() noexcept {
    if (unsent()) {
      pending.resize(mark);
      return;
    }
    try {
      if (depth == 0) {
        pending.clear();  // releases of savepoints the ROLLBACK ends anyway
        session->exec("ROLLBACK");
      } else {
        run_simple("ROLLBACK TO SAVEPOINT " + savepoint + "; RELEASE SAVEPOINT " + savepoint);
      }
    } catch (...) {
      // The original exception is the one worth reporting; a lost connection rolls back anyway.
    }
    ended();
  };
  try {
    work();
  } catch (...) {
    --depth;
    roll_back();
    throw;
  }
  --depth;
  if (unsent()) {
    pending.resize(mark);  // no statement ran: nothing to commit
    return;
  }
  if (depth > 0) {
    pending += "RELEASE SAVEPOINT " + savepoint + "; ";
    return;
  }
  try {
    pending.clear();  // COMMIT releases every savepoint
    session->exec("COMMIT");
  } catch (...) {
    roll_back();
    throw;
  }
  ended();
}

void PostgresRepository::Impl::read_snapshot(const std::function<void()>& work) {
  if (depth > 0 || in_snapshot) {
    work();
    return;
  }
  // Owed like a transaction's BEGIN: a snapshot that reads nothing sends nothing.
  const std::uint64_t flushes_before = flushes;
  pending += "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; ";
  in_snapshot = true;
  const auto finish = [&](const char* sql) {
    in_snapshot = false;
    pending.clear();
    if (flushes == flushes_before) return;
    begun = false;
    session->exec(sql);
  };
  try {
    work();
  } catch (...) {
    try {
      finish("ROLLBACK");
    } catch (...) {
      // The original exception is the one worth reporting.
    }
    throw;
  }
  finish("COMMIT");
}

void PostgresRepository::Impl::require_person(PersonId person, bool lock) {
  const pqxx::result found =
      lock ? run("SELECT 1 FROM people WHERE id = $1 FOR NO KEY UPDATE", person)
           : run("SELECT 1 FROM people WHERE id = $1", person);
  if (found.empty()) throw NotFound("person " + std::to_string(person) + " not found");
}

void PostgresRepository::Impl::require_record(const char* table, const char* entity, RecordId id,
                                              PersonId person) {
  const pqxx::result found =
      run(std::string("SELECT 1 FROM ") + table + " WHERE id = $1 AND person_id = $2", id, person);
  if (found.empty()) throw NotFound(std::string(entity) + " " + std::to_string(id) + " not found");
}

void PostgresRepository::Impl::audit(PersonId person, std::string_view action,
                                     std::string_view entity, RecordId entity_id,
                                     const std::string& detail) {
  run_for(person,
          "INSERT INTO audit_log (person_id, at, action, entity, entity_id, detail) VALUES ($1, "
          "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), $2, $3, $4, $5)",
          person, std::string(action), std::string(entity), entity_id, detail);
}

pqxx::result PostgresRepository::Impl::insert_audited(PersonId person, const std::string& insert,
                                                      std::vector<postgres::Param> params,
                                                      std::string_view entity,
                                                      const std::string& detail) {
  const auto next = [&](int i) { return "$" + std::to_string(params.size() + i); };
  const std::string sql =
      "WITH inserted AS (" + insert +
      "), audited AS (INSERT INTO audit_log (person_id, at, action, entity, entity_id, detail) "
      "SELECT " +
      next(1) +
      "::bigint, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
      "'create', " +
      next(2) + ", id, " + next(3) + " FROM inserted) SELECT id FROM inserted";
  params.push_back(postgres::param(person));
  params.push_back(std::string(entity));
  params.push_back(detail);
  try {
    return run_params(sql, params);
  } catch (const pqxx::sql_error& e) {
    if (postgres::is_sqlstate(e, postgres::kForeignKeyViolation)) {
      throw NotFound("person " + std::to_string(person) + " not found");
    }
    throw;
  }
}

}  // namespace taperlab::store
