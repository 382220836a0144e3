#pragma once

// What the PostgresRepository .cpp files share: the connection, statements with their values, the
// transactions that nest, and the conversion of driver errors (the adapter's own version of
// store/sqlite/sqlite_repository_impl.hpp).

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/base/civil_date.hpp"
#include "core/base/error.hpp"
#include "core/dosing/regimen.hpp"
#include "store/decoded.hpp"
#include "store/postgres/conninfo.hpp"
#include "store/postgres/postgres_repository.hpp"

namespace taperlab::store::postgres {

// One statement value in PostgreSQL's text input form; none is NULL.
using Param = std::optional<std::string>;

Param param(int value);
Param param(std::int64_t value);
Param param(double value);  // the shortest text that reads back as the same double
Param param(bool value);    // 0 or 1, as the SQLite columns hold booleans
Param param(const std::string& value);
Param param(CivilDate value);
Param param(TimeOfDay value);
Param param(const char* value) = delete;  // would pick the bool overload
template <typename T>
Param param(const std::optional<T>& value) {
  if (!value) return std::nullopt;
  return param(*value);
}

// Readers of one column; those for dates and times throw ValidationError on malformed text (see
// decoded()).
std::int64_t int64_field(const pqxx::field& f);
int int_field(const pqxx::field& f);
double double_field(const pqxx::field& f);
std::string text_field(const pqxx::field& f);
std::optional<int> optional_int(const pqxx::field& f);
std::optional<std::int64_t> optional_int64(const pqxx::field& f);
std::optional<double> optional_double(const pqxx::field& f);
std::optional<bool> optional_bool(const pqxx::field& f);
std::optional<TimeOfDay> optional_time(const pqxx::field& f);
CivilDate date_field(const pqxx::field& f);
nlohmann::json json_field(const pqxx::field& f);

// JSON as compact text; ValidationError naming `field` for text that is not UTF-8.
std::string json_text(const nlohmann::json& value, const std::string& field);
template <typename Write>
std::string json_text_of(Write&& write, const std::string& field) {
  try {
    return write();
  } catch (const nlohmann::json::type_error&) {
    throw ValidationError(field, "contains text that is not valid UTF-8");
  }
}

// "could not add a check-in: integrity constraint violation (PostgreSQL SQLSTATE 23505)": the
// kind of failure, never the driver's text, which may quote stored values (health data) or the
// statement.
StorageError storage_error(std::string_view operation, const pqxx::sql_error& e);

// Runs `work` for `operation`, turning driver exceptions into StorageError; taperlab errors and
// std::logic_error pass through unchanged.
template <typename Work>
auto guarded(std::string_view operation, Work&& work) -> decltype(work()) {
  try {
    return work();
  } catch (const pqxx::sql_error& e) {
    throw storage_error(operation, e);
  } catch (const pqxx::in_doubt_error&) {
    throw StorageError("could not " + std::string(operation) +
                       ": the connection was lost during the commit, whose outcome is unknown");
  } catch (const pqxx::broken_connection&) {
    throw StorageError("could not " + std::string(operation) +
                       ": the connection to PostgreSQL was lost");
  } catch (const pqxx::failure&) {
    throw StorageError("could not " + std::string(operation) + ": PostgreSQL client failure");
  }
}

using ::taperlab::store::decoded;  // store/decoded.hpp

// "SELECT columns rest".
inline std::string select_sql(const char* columns, const char* rest) {
  return std::string("SELECT ") + columns + " " + rest;
}

// Every row of `r` read with `from`.
template <typename Record, typename From>
std::vector<Record> rows_of(const pqxx::result& r, From&& from) {
  std::vector<Record> out;
  out.reserve(r.size());
  for (const auto& row : r) out.push_back(from(row));
  return out;
}

bool is_sqlstate(const pqxx::sql_error& e, const char* state);
constexpr const char* kForeignKeyViolation = "23503";

// The person columns in kPersonColumns' order from column `first` on.
constexpr const char* kPersonColumns = "id, name, profile, created_on, time_zone";
Person person_from(const pqxx::row& row, int first = 0);

}  // namespace taperlab::store::postgres

namespace taperlab::store {

struct PostgresRepository::Impl {
  explicit Impl(const std::string& conninfo);

  // Connects and sets the session up (no migrations); StorageError without the password.
  void open_connection();
  // Connects again when the connection was lost (the database restarted), between transactions.
  void reconnect_if_lost();

  std::string conninfo;
  std::unique_ptr<pqxx::connection> connection;
  // Every statement goes through this one object; transactions are BEGIN/SAVEPOINT statements of
  // their own (transaction(), read_snapshot()), so that they nest as the contract says.
  std::unique_ptr<pqxx::nontransaction> session;
  std::unordered_map<std::string, std::string> prepared;  // SQL -> statement name
  int depth = 0;
  bool in_snapshot = false;
  // Transaction control owed to the server (BEGIN, SAVEPOINT, RELEASE SAVEPOINT), sent in front
  // of the next statement in the same round trip (docs/performance.md, the clinic bench): a
  // transaction or snapshot that runs no statement sends nothing, and a savepoint released costs
  // no round trip of its own.
  std::string pending;
  // Round trips that carried `pending`: a BEGIN or SAVEPOINT added when it read n was sent once
  // it has moved.
  std::uint64_t flushes = 0;
  // Whether the outermost transaction or snapshot has begun on the server (its BEGIN was sent).
  bool begun = false;

  // Runs `sql` ($1, $2, ... for the values) as a prepared statement, prepared on first use.
  pqxx::result run_params(const std::string& sql, const std::vector<postgres::Param>& params);
  template <typename... Args>
  pqxx::result run(const std::string& sql, const Args&... args) {
    return run_params(sql, std::vector<postgres::Param>{postgres::param(args)...});
  }
  // Statements without values, by the simple protocol (BEGIN, several statements of a migration).
  void run_simple(const std::string& sql);
  // `pending`, emptied, counted as sent.
  std::string take_pending();

  // BEGIN ... COMMIT at the outside, a savepoint inside another transaction. If `work` throws,
  // what it wrote is rolled back and the exception propagates; an enclosing transaction that
  // catches it keeps its own writes. std::logic_error inside a read snapshot.
  void transaction(const std::function<void()>& work);
  // BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY ... COMMIT; inside a transaction or another
  // snapshot, just `work`.
  void read_snapshot(const std::function<void()>& work);

  // One write and the audit entries it appends in one transaction (joining the caller's).
  template <typename Work>
  auto write(std::string_view operation, Work&& work) -> decltype(work()) {
    using Result = decltype(work());
    if (in_snapshot) throw std::logic_error("a write inside a read snapshot");
    return postgres::guarded(operation, [&]() -> Result {
      if constexpr (std::is_void_v<Result>) {
        transaction(work);
      } else {
        std::optional<Result> result;
        transaction([&] { result.emplace(work()); });
        return std::move(*result);
      }
    });
  }

  template <typename Work>
  auto read(std::string_view operation, Work&& work) -> decltype(work()) {
    return postgres::guarded(operation, work);
  }

  // Throws NotFound("person N not found") unless the person exists; with `lock`, holds the
  // person's row until the transaction ends (what numbers their plan versions one at a time).
  void require_person(PersonId person, bool lock = false);
  // Throws NotFound("<entity> N not found") unless row `id` of `table` belongs to `person`.
  void require_record(const char* table, const char* entity, RecordId id, PersonId person);
  // Runs an INSERT/UPDATE of a person's record and returns its rows; a foreign key failure means
  // the person went meanwhile (NotFound).
  template <typename... Args>
  pqxx::result run_for(PersonId person, const std::string& sql, const Args&... args) {
    try {
      return run(sql, args...);
    } catch (const pqxx::sql_error& e) {
      if (postgres::is_sqlstate(e, postgres::kForeignKeyViolation)) {
        throw NotFound("person " + std::to_string(person) + " not found");
      }
      throw;
    }
  }

  void audit(PersonId person, std::string_view action, std::string_view entity, RecordId entity_id,
             const std::string& detail);
  // `insert` (an INSERT of a person's record ... RETURNING id, values $1..$n in `params`) and its
  // audit entry ("create", entity, the new id, detail) in one statement: one round trip for the
  // hottest writes. Returns the new ids, none when `insert` inserted nothing (ON CONFLICT DO
  // NOTHING); NotFound when the person is missing (the foreign keys).
  pqxx::result insert_audited(PersonId person, const std::string& insert,
                              std::vector<postgres::Param> params, std::string_view entity,
                              const std::string& detail);
};

}  // namespace taperlab::store
