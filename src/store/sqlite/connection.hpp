#pragma once

// One open SQLite database with taperlab's settings, and transactions that nest.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store/sqlite/handle.hpp"

namespace taperlab::store {
class GroupCommit;
}

namespace taperlab::store::sqlite {

class Connection {
 public:
  // Opens or creates `file` (and its parent folders) and sets the connection up: WAL journal,
  // foreign keys on, busy timeout, synchronous=FULL; or, with a `group_commit`, NORMAL, outermost
  // transactions run by its BatchedWriter and commits synced by sync_writes(). Throws
  // StorageError.
  Connection(const std::filesystem::path& file, int busy_timeout_ms,
             std::shared_ptr<GroupCommit> group_commit = nullptr);

  // The handle in use: this connection's own, or the batched writer's while a transaction of this
  // connection runs there.
  SQLite::Database& db() { return active_->db; }

  // Runs `work` in a transaction: BEGIN IMMEDIATE at the outside (takes the write lock up front,
  // so two writers queue on the busy timeout instead of failing to upgrade a read lock), a
  // savepoint inside another transaction. If `work` throws, what it wrote is rolled back and the
  // exception propagates; an enclosing transaction that catches it keeps its own writes.
  // Driver failures propagate as SQLite::Exception for the caller to name the operation.
  void transaction(const std::function<void()>& work);

  [[nodiscard]] bool in_transaction() const { return depth_ > 0; }

  // Runs `work` in one read transaction (BEGIN DEFERRED ... COMMIT): one snapshot, one shared
  // lock. transaction() inside it throws std::logic_error. Inside a transaction: runs `work`.
  void read_snapshot(const std::function<void()>& work);

  // Returns once this connection's commits are durable (at once without a group commit).
  void sync_writes();

  // The prepared statement for `sql` on the handle in use, parsed once and kept: parsing costs more
  // than running the short queries a request makes. It comes reset, with no values bound. Only
  // inside a StatementScope, which resets every statement it handed out when the outermost scope
  // ends, so no half-read SELECT keeps an old snapshot of the database open. A statement must not
  // be asked for again while its rows are still being read.
  SQLite::Statement& statement(const std::string& sql);

 private:
  friend class StatementScope;

  void roll_back(const std::string& savepoint) noexcept;
  void release_statements() noexcept;

  void run_transaction(const std::function<void()>& work);
  // Runs `work` as one write of a batch on the batched writer's handle (on the thread leading the
  // batch, while this connection's thread waits).
  void run_on_writer(Handle& writer, const std::function<void()>& work);

  Handle own_;
  Handle* active_ = &own_;
  std::shared_ptr<GroupCommit> group_commit_;
  std::uint64_t last_commit_ = 0;  // group_commit_'s ticket of this connection's last commit
  int depth_ = 0;
  bool in_snapshot_ = false;
  std::vector<SQLite::Statement*> handed_out_;
  int scope_depth_ = 0;
};

// Marks the reads and writes of one repository operation; scopes nest.
class StatementScope {
 public:
  explicit StatementScope(Connection& connection) : connection_(connection) {
    ++connection_.scope_depth_;
  }
  ~StatementScope() {
    if (--connection_.scope_depth_ == 0) connection_.release_statements();
  }
  StatementScope(const StatementScope&) = delete;
  StatementScope& operator=(const StatementScope&) = delete;

 private:
  Connection& connection_;
};

}  // namespace taperlab::store::sqlite
