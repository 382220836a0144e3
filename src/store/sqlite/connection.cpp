#include "store/sqlite/connection.hpp"

#include <sqlite3.h>

#include <mutex>
#include <stdexcept>
#include <string>
#include <system_error>

#include "core/error.hpp"
#include "store/sqlite/group_commit.hpp"
#include "store/sqlite/sqlite_errors.hpp"

namespace taperlab::store::sqlite {
namespace {

// Creates the folder first: SQLite creates the file but not missing folders.
const std::filesystem::path& with_parent_folder(const std::filesystem::path& file) {
  const auto parent = file.parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) throw StorageError("could not create the database folder: " + ec.message());
  }
  return file;
}

// SQLite counts every allocation under one process-wide mutex unless told not to before it starts;
// the server's threads would all queue on it. Has no effect if SQLite was already in use.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

SQLite::Database open_database(const std::filesystem::path& file, int busy_timeout_ms) {
  configure_sqlite_once();
  return guarded("open the database", [&] {
    // NOMUTEX: a connection is used by one thread at a time (one per thread, or leased from the
    // server's pool), so SQLite need not lock it on every call.
    return SQLite::Database(with_parent_folder(file),
                            SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX,
                            busy_timeout_ms);
  });
}

}  // namespace

Connection::Connection(const std::filesystem::path& file, int busy_timeout_ms,
                       std::shared_ptr<GroupCommit> group_commit)
    : db_(open_database(file, busy_timeout_ms)), group_commit_(std::move(group_commit)) {
  guarded("set up the database", [&] {
    // WAL lets readers run while one writer writes; it is a property of the file, kept once set.
    const std::string mode = db_.execAndGet("PRAGMA journal_mode=WAL").getString();
    if (mode != "wal") throw StorageError("could not switch the database to WAL mode");
    // FULL syncs the WAL on every commit: an acknowledged write survives a power cut, not only a
    // crash of the process (NORMAL may lose the last commits in WAL mode, unless the owner syncs
    // the WAL before acknowledging them, as GroupCommit does).
    db_.exec(group_commit_ ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL");
    // The group commit's thread checkpoints, not the writer that happens to pass the threshold.
    if (group_commit_ && group_commit_->checkpoints()) db_.exec("PRAGMA wal_autocheckpoint=0");
    db_.exec("PRAGMA foreign_keys=ON");
  });
}

void Connection::read_snapshot(const std::function<void()>& work) {
  if (depth_ > 0 || in_snapshot_) {
    work();
    return;
  }
  run("BEGIN DEFERRED");
  in_snapshot_ = true;
  try {
    work();
  } catch (...) {
    in_snapshot_ = false;
    release_statements();
    try {
      if (sqlite3_get_autocommit(db_.getHandle()) == 0) db_.exec("ROLLBACK");
    } catch (...) {
      // The original exception is the one worth reporting.
    }
    throw;
  }
  in_snapshot_ = false;
  release_statements();
  run("COMMIT");
}

void Connection::transaction(const std::function<void()>& work) {
  if (in_snapshot_) throw std::logic_error("a write inside a read snapshot");
  if (depth_ == 0 && group_commit_) {
    // The turn spans the whole transaction, BEGIN to COMMIT or ROLLBACK.
    group_commit_->begin_write();
    struct EndTurn {
      GroupCommit& group;
      ~EndTurn() { group.end_write(); }
    } end_turn{*group_commit_};
    run_transaction(work);
  } else {
    run_transaction(work);
  }
}

void Connection::run_transaction(const std::function<void()>& work) {
  const std::string savepoint = "taperlab_" + std::to_string(depth_);
  if (depth_ == 0) {
    run("BEGIN IMMEDIATE");
  } else {
    db_.exec("SAVEPOINT " + savepoint);
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
      run("COMMIT");
      if (group_commit_) last_commit_ = group_commit_->committed();
    } else {
      db_.exec("RELEASE " + savepoint);
    }
  } catch (...) {
    roll_back(savepoint);
    throw;
  }
}

void Connection::sync_writes() {
  if (group_commit_ && last_commit_ > 0) group_commit_->sync_through(last_commit_);
}

void Connection::run(const char* sql) {
  auto& slot = control_statements_[sql];
  if (!slot) slot = std::make_unique<SQLite::Statement>(db_, sql);
  slot->tryReset();
  slot->exec();
  slot->tryReset();
}

SQLite::Statement& Connection::statement(const std::string& sql) {
  if (scope_depth_ == 0) throw std::logic_error("a statement outside a StatementScope: " + sql);
  auto& slot = statements_[sql];
  if (!slot) {
    slot = std::make_unique<SQLite::Statement>(db_, sql);
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
      if (sqlite3_get_autocommit(db_.getHandle()) == 0) db_.exec("ROLLBACK");
    } else {
      db_.exec("ROLLBACK TO " + savepoint);
      db_.exec("RELEASE " + savepoint);
    }
  } catch (...) {
    // Nothing more to do: the original exception is the one worth reporting.
  }
}

}  // namespace taperlab::store::sqlite
