#pragma once

// What the SqliteRepository .cpp files share: the connection and the steps every write takes.

#include <SQLiteCpp/Statement.h>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "store/sqlite/connection.hpp"
#include "store/sqlite/sqlite_errors.hpp"
#include "store/sqlite/sqlite_repository.hpp"

namespace taperlab::store {

struct SqliteRepository::Impl {
  sqlite::Connection connection;

  Impl(const std::filesystem::path& file, const SqliteOptions& options);

  SQLite::Database& db() { return connection.db(); }

  // The connection's prepared statement for `sql` (see Connection::statement); only inside
  // read() or write().
  SQLite::Statement& statement(const std::string& sql) { return connection.statement(sql); }

  // Runs one write and the audit entries it appends in one transaction (joining the caller's, if
  // any), converting driver exceptions into StorageError for `operation` ("add a check-in").
  template <typename Work>
  auto write(std::string_view operation, Work&& work) -> decltype(work()) {
    using Result = decltype(work());
    return sqlite::guarded(operation, [&]() -> Result {
      sqlite::StatementScope scope(connection);
      if constexpr (std::is_void_v<Result>) {
        connection.transaction(work);
      } else {
        std::optional<Result> result;
        connection.transaction([&] { result.emplace(work()); });
        return std::move(*result);
      }
    });
  }

  template <typename Work>
  auto read(std::string_view operation, Work&& work) -> decltype(work()) {
    return sqlite::guarded(operation, [&]() -> decltype(work()) {
      sqlite::StatementScope scope(connection);
      return work();
    });
  }

  // Throws NotFound("person N not found") unless the person exists.
  void require_person(PersonId person);

  // Throws NotFound("<entity> N not found") unless row `id` of `table` belongs to `person`; for
  // references between records (a plan version's decision, a decision's plan version).
  void require_record(const char* table, const char* entity, RecordId id, PersonId person);

  // Runs an INSERT/UPDATE; a foreign key failure means the person is gone.
  int execute(SQLite::Statement& statement, PersonId person);

  void audit(PersonId person, std::string_view action, std::string_view entity, RecordId entity_id,
             const std::string& detail);
};

}  // namespace taperlab::store
