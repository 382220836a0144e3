#include "store/sqlite/connection.hpp"

#include <sqlite3.h>

#include <stdexcept>
#include <string>

#include "store/sqlite/batched_writer.hpp"
#include "store/sqlite/group_commit.hpp"

namespace taperlab::store::sqlite {

Connection::Connection(const std::filesystem::path& file, int busy_timeout_ms,
                       std::shared_ptr<GroupCommit> group_commit)
    : own_(file, busy_timeout_ms, group_commit.get()), group_commit_(std::move(group_commit)) {}

void Connection::read_snapshot(const std::function<void()>& work) {
  if (depth_ > 0 || in_snapshot_) {
    work();
    return;
  }
  own_.run("BEGIN DEFERRED");
  in_snapshot_ = true;
  try {
    work();
  } catch (...) {
    in_snapshot_ = false;
    release_statements();
    try {
      if (sqlite3_get_autocommit(own_.db.getHandle()) == 0) own_.db.exec("ROLLBACK");
    } catch (...) {
      // The original exception is the one worth reporting.
    }
    throw;
  }
  in_snapshot_ = false;
  release_statements();
  own_.run("COMMIT");
}

void Connection::transaction(const std::function<void()>& work) {
  if (in_snapshot_) throw std::logic_error("a write inside a read snapshot");
  if (depth_ == 0 && group_commit_) {
    last_commit_ =
        group_commit_->writer().run([&](Handle& writer) { run_on_writer(writer, work); });
  } else {
    run_transaction(work);
  }
}

void Connection::run_on_writer(Handle& writer, const std::function<void()>& work) {
  // The batch wraps each write in a savepoint of its transaction: inside, this connection is as
  // deep as in a transaction of its own, and what `work` nests becomes savepoints there.
  struct OnWriter {
    Connection& connection;
    std::size_t handed_out_before;
    ~OnWriter() {
      // The writer's statements go back reset before the batch goes on (another write of the
      // batch may ask for the same ones) and before it commits.
      for (std::size_t i = handed_out_before; i < connection.handed_out_.size(); ++i) {
        connection.handed_out_[i]->tryReset();
      }
      connection.handed_out_.resize(handed_out_before);
      --connection.depth_;
      connection.active_ = &connection.own_;
    }
  } on_writer{*this, handed_out_.size()};
  active_ = &writer;
  ++depth_;
  work();
}

void Connection::run_transaction(const std::function<void()>& work) {
  const std::string savepoint = "taperlab_" + std::to_string(depth_);
  if (depth_ == 0) {
    active_->run("BEGIN IMMEDIATE");
  } else {
    active_->db.exec("SAVEPOINT " + savepoint);
  }
  ++depth_;
  try {
    work();
  } catch (...) {
    --depth_;
    roll_back(savepoint);
    throw;
  }
  --depth_;
  try {
    if (depth_ == 0) {
      // A SELECT left on a row would keep its snapshot past the commit.
      release_statements();
      active_->run("COMMIT");
    } else {
      active_->db.exec("RELEASE " + savepoint);
    }
  } catch (...) {
    roll_back(savepoint);
    throw;
  }
}

void Connection::sync_writes() {
  if (group_commit_ && last_commit_ > 0) group_commit_->sync_through(last_commit_);
}

SQLite::Statement& Connection::statement(const std::string& sql) {
  if (scope_depth_ == 0) throw std::logic_error("a statement outside a StatementScope: " + sql);
  auto& slot = active_->statements[sql];
  if (!slot) {
    slot = std::make_unique<SQLite::Statement>(active_->db, sql);
  } else {
    // tryReset: reset() would rethrow the error of the last run, already reported then.
    slot->tryReset();
    slot->clearBindings();
  }
  handed_out_.push_back(slot.get());
  return *slot;
}

void Connection::release_statements() noexcept {
  for (SQLite::Statement* s : handed_out_) s->tryReset();
  handed_out_.clear();
}

void Connection::roll_back(const std::string& savepoint) noexcept {
  try {
    if (depth_ == 0) {
      release_statements();
      // SQLite may already have rolled back by itself (e.g. after a full disk).
      if (sqlite3_get_autocommit(active_->db.getHandle()) == 0) active_->db.exec("ROLLBACK");
    } else {
      active_->db.exec("ROLLBACK TO " + savepoint);
      active_->db.exec("RELEASE " + savepoint);
    }
  } catch (...) {
    // Nothing more to do: the original exception is the one worth reporting.
  }
}

}  // namespace taperlab::store::sqlite
