#pragma once

// One open SQLite database with taperlab's settings, and transactions that nest.

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <functional>

namespace taperlab::store::sqlite {

class Connection {
 public:
  // Opens or creates `file` (and its parent folders) and sets the connection up: WAL journal,
  // foreign keys on, synchronous=FULL, busy timeout. Throws StorageError.
  Connection(const std::filesystem::path& file, int busy_timeout_ms);

  SQLite::Database& db() { return db_; }

  // Runs `work` in a transaction: BEGIN IMMEDIATE at the outside (takes the write lock up front,
  // so two writers queue on the busy timeout instead of failing to upgrade a read lock), a
  // savepoint inside another transaction. If `work` throws, what it wrote is rolled back and the
  // exception propagates; an enclosing transaction that catches it keeps its own writes.
  // Driver failures propagate as SQLite::Exception for the caller to name the operation.
  void transaction(const std::function<void()>& work);

  [[nodiscard]] bool in_transaction() const { return depth_ > 0; }

 private:
  void roll_back(const std::string& savepoint) noexcept;

  SQLite::Database db_;
  int depth_ = 0;
};

}  // namespace taperlab::store::sqlite
