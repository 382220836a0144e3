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

GroupCommit::GroupCommit(const std::filesystem::path& database_file)
    : writer_(std::make_unique<sqlite::BatchedWriter>(database_file, *this)),
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
  std::uint64_t checkpointed = 0;  // commits up to this ticket were in the WAL at the last one
  std::unique_ptr<SQLite::Database> db;
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    checkpoint_wake_.wait_for(lock, 100ms, [&] { return stopping_; });
    if (stopping_ || committed_ == checkpointed) continue;
    const std::uint64_t upto = committed_;
    lock.unlock();
    try {
      if (!db) db = std::make_unique<SQLite::Database>(database_file, SQLite::OPEN_READWRITE);
      // PASSIVE copies what no reader still needs and never waits for a lock.
      db->exec("PRAGMA wal_checkpoint(PASSIVE)");
      checkpointed = upto;
    } catch (const std::exception&) {
      // The next round tries again with a new connection; no writer waits for it (the WAL only
      // grows meanwhile), and a failing disk shows in the flushes that requests wait for.
      db.reset();
    }
    lock.lock();
  }
  lock.unlock();
  try {
    if (db) db->exec("PRAGMA wal_checkpoint(PASSIVE)");  // leave a short WAL behind
  } catch (const std::exception&) {
    // Nothing more to do: SQLite checkpoints when the last connection closes.
  }
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
