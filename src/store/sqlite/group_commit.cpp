#include "store/sqlite/group_commit.hpp"

#include <SQLiteCpp/Database.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/base/error.hpp"
#include "store/sqlite/batched_writer.hpp"
#include "store/sqlite/wal.hpp"

namespace taperlab::store {
namespace {

// Opened anew on each flush: the WAL file may have been removed and created again since.
void sync_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    // No WAL: the last connection checkpointed it into the database (synced) and removed it.
    if (errno == ENOENT) return;
    throw StorageError(std::string("could not open the write-ahead log to sync it: ") +
                       std::strerror(errno));
  }
  const int rc = ::fdatasync(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) {
    throw StorageError(std::string("could not sync the write-ahead log: ") + std::strerror(error));
  }
}

}  // namespace

GroupCommit::GroupCommit(const std::filesystem::path& database_file, WalLimits limits)
    : limits_(limits),
      writer_(std::make_unique<sqlite::BatchedWriter>(database_file, *this)),
      flush_([wal = database_file.string() + "-wal"] { sync_file(wal); }),
      checkpointer_([this, database_file] { checkpoint_loop(database_file); }) {}

GroupCommit::GroupCommit(std::function<void()> flush) : flush_(std::move(flush)) {}

GroupCommit::~GroupCommit() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  checkpoint_wake_.notify_all();
  if (checkpointer_.joinable()) checkpointer_.join();
}

void GroupCommit::checkpoint_loop(const std::filesystem::path& database_file) {
  using namespace std::chrono_literals;
  using Clock = std::chrono::steady_clock;
  std::uint64_t checkpointed = 0;  // commits up to this ticket were in the WAL at the last one
  Clock::time_point last_commit_seen = Clock::now();
  bool truncated = false;  // the WAL has been cut to 0 bytes since the last commit seen
  bool skip_restart = false;
  std::unique_ptr<SQLite::Database> db;
  std::int64_t frame_bytes = 0;  // a page and its frame header
  auto open = [&] {
    if (db) return;
    db = std::make_unique<SQLite::Database>(database_file, SQLite::OPEN_READWRITE);
    frame_bytes = db->execAndGet("PRAGMA page_size").getInt64() + 24;
    // A read opens the log: until then sqlite3_wal_checkpoint_v2 on this connection does nothing.
    db->exec("SELECT count(*) FROM sqlite_master");
  };
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    checkpoint_wake_.wait_for(lock, 100ms, [&] { return stopping_; });
    if (stopping_) break;
    const std::uint64_t upto = committed_;
    const bool new_commits = upto != checkpointed;
    const auto now = Clock::now();
    if (new_commits) {
      last_commit_seen = now;
    } else if (truncated || now - last_commit_seen < limits_.idle_before_truncate) {
      continue;
    }
    lock.unlock();
    try {
      if (new_commits) {
        open();
        // PASSIVE copies what no reader still needs and never waits for a lock.
        const auto passive = sqlite::checkpoint(*db, sqlite::Checkpoint::passive, 0ms, 0);
        {
          std::lock_guard<std::mutex> counting(mutex_);
          ++counts_.passive;
        }
        // After a RESTART that gave up on a reader, the next round copies passively only: a
        // reader that stays for long (another process's) holds up the writes one round in two.
        if (passive.log_frames * frame_bytes > limits_.restart_bytes && !skip_restart) {
          skip_restart = !checkpoint_holding_writes(*db, false, limits_.reader_wait);
        } else {
          skip_restart = false;
        }
        checkpointed = upto;
        truncated = false;
      } else if (sqlite::wal_file_size(database_file) == 0) {
        truncated = true;
      } else {
        open();
        truncated = checkpoint_holding_writes(*db, true, limits_.reader_wait);
        // A reader is still there: try again after another idle spell.
        if (!truncated) last_commit_seen = Clock::now();
      }
    } catch (const std::exception&) {
      // The next round tries again with a new connection; no writer waits for it (the WAL only
      // grows meanwhile), and a failing disk shows in the flushes that requests wait for.
      db.reset();
    }
    lock.lock();
  }
  lock.unlock();
  // The server's clean shutdown: leave no log behind (a restart would otherwise find it, however
  // large, and the next open would have to read it all).
  try {
    if (sqlite::wal_file_size(database_file) > 0) {
      open();
      checkpoint_holding_writes(*db, true, limits_.truncate_wait);
    }
  } catch (const std::exception&) {
    // Nothing more to do: SQLite checkpoints when the last connection closes, and the next
    // open_sqlite_repository truncates a large log.
  }
}

bool GroupCommit::checkpoint_holding_writes(SQLite::Database& db, bool truncate,
                                            std::chrono::milliseconds wait) {
  using Clock = std::chrono::steady_clock;
  const auto begin = Clock::now();  // writes that arrive from now on queue behind the checkpoint
  sqlite::CheckpointResult result;
  writer_->exclusive([&] {
    result = sqlite::checkpoint(
        db, truncate ? sqlite::Checkpoint::truncate : sqlite::Checkpoint::restart, wait, 0);
  });
  const auto held = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - begin);
  std::lock_guard<std::mutex> lock(mutex_);
  if (truncate) {
    if (result.complete) ++counts_.truncates;
  } else {
    ++(result.complete ? counts_.restarts : counts_.restarts_busy);
  }
  if (held > counts_.longest_hold) counts_.longest_hold = held;
  return result.complete;
}

CheckpointCounts GroupCommit::checkpoint_counts() {
  std::lock_guard<std::mutex> lock(mutex_);
  return counts_;
}

sqlite::BatchedWriter& GroupCommit::writer() {
  if (!writer_) throw std::logic_error("this GroupCommit was made without a database file");
  return *writer_;
}

std::uint64_t GroupCommit::committed() {
  std::lock_guard<std::mutex> lock(mutex_);
  return ++committed_;
}

void GroupCommit::sync_through(std::uint64_t ticket) {
  std::unique_lock<std::mutex> lock(mutex_);
  while (durable_ < ticket) {
    if (flushing_) {
      // The flush under way may have begun before this commit: wait, then look again.
      flushed_.wait(lock);
      continue;
    }
    flushing_ = true;
    const std::uint64_t covers = committed_;  // every commit so far is in the WAL file
    lock.unlock();
    try {
      flush_();
    } catch (...) {
      lock.lock();
      flushing_ = false;
      flushed_.notify_all();
      throw;
    }
    lock.lock();
    flushing_ = false;
    if (covers > durable_) durable_ = covers;
    flushed_.notify_all();
  }
}

}  // namespace taperlab::store
