#include "store/sqlite/group_commit.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "core/error.hpp"

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
    : flush_([wal = database_file.string() + "-wal"] { sync_file(wal); }) {}

GroupCommit::GroupCommit(std::function<void()> flush) : flush_(std::move(flush)) {}

void GroupCommit::begin_write() {
  std::unique_lock<std::mutex> lock(turn_mutex_);
  if (!writing_) {
    writing_ = true;
    return;
  }
  Waiter me;
  waiting_.push_back(&me);
  me.woken.wait(lock, [&] { return me.turn; });
}

void GroupCommit::end_write() {
  std::lock_guard<std::mutex> lock(turn_mutex_);
  if (waiting_.empty()) {
    writing_ = false;
    return;
  }
  Waiter* next = waiting_.front();
  waiting_.pop_front();
  next->turn = true;  // handed over: writing_ stays true
  next->woken.notify_one();
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
