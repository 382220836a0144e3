#include "store/sqlite/batched_writer.hpp"

#include <sqlite3.h>

#include <utility>

#include "core/base/error.hpp"
#include "store/sqlite/group_commit.hpp"
#include "store/sqlite/handle.hpp"

namespace taperlab::store::sqlite {
namespace {

// As SqliteOptions::busy_timeout_ms: how long a batch waits for a writer in another process.
constexpr int kBusyTimeoutMs = 5000;

bool transaction_open(Handle& handle) { return sqlite3_get_autocommit(handle.db.getHandle()) == 0; }

void roll_back(Handle& handle) noexcept {
  try {
    if (transaction_open(handle)) handle.db.exec("ROLLBACK");
  } catch (...) {
    // Nothing more to do: the error that led here is the one reported.
  }
}

}  // namespace

BatchedWriter::BatchedWriter(std::filesystem::path file, GroupCommit& group)
    : file_(std::move(file)), group_(group) {}

BatchedWriter::~BatchedWriter() = default;

std::uint64_t BatchedWriter::run(const std::function<void(Handle&)>& write) {
  Pending me;
  me.write = &write;
  std::unique_lock<std::mutex> lock(mutex_);
  queue_.push_back(&me);
  while (!me.done) {
    if (leading_ || exclusive_waiting_ > 0) {
      me.woken.wait(lock);
    } else {
      lead(lock);
    }
  }
  if (me.error) std::rethrow_exception(me.error);
  return me.ticket;
}

void BatchedWriter::lead(std::unique_lock<std::mutex>& lock) {
  leading_ = true;
  std::vector<Pending*> batch;
  batch.swap(queue_);
  lock.unlock();
  run_batch(batch);
  lock.lock();
  leading_ = false;
  // Each waiter holds its Pending on its stack: it can only return, and free it, once the lock
  // is released.
  for (Pending* p : batch) {
    p->done = true;
    p->woken.notify_one();
  }
  // What queued meanwhile is led by the first of those threads, unless exclusive work goes first.
  if (exclusive_waiting_ > 0) {
    batch_ended_.notify_all();
  } else if (!queue_.empty()) {
    queue_.front()->woken.notify_one();
  }
}

void BatchedWriter::exclusive(const std::function<void()>& work) {
  std::unique_lock<std::mutex> lock(mutex_);
  ++exclusive_waiting_;
  batch_ended_.wait(lock, [&] { return !leading_; });
  --exclusive_waiting_;
  leading_ = true;
  lock.unlock();
  std::exception_ptr error;
  try {
    work();
  } catch (...) {
    error = std::current_exception();
  }
  lock.lock();
  leading_ = false;
  if (exclusive_waiting_ > 0) {
    batch_ended_.notify_all();
  } else if (!queue_.empty()) {
    queue_.front()->woken.notify_one();
  }
  lock.unlock();
  if (error) std::rethrow_exception(error);
}

void BatchedWriter::run_batch(const std::vector<Pending*>& batch) {
  auto fail_from = [&](std::size_t first, const std::exception_ptr& error) {
    for (std::size_t i = first; i < batch.size(); ++i) {
      if (!batch[i]->error) batch[i]->error = error;
    }
  };
  std::size_t first = 0;  // the first write of the transaction under way
  while (first < batch.size()) {
    try {
      if (!handle_) handle_ = std::make_unique<Handle>(file_, kBusyTimeoutMs, &group_);
      handle_->run("BEGIN IMMEDIATE");
    } catch (...) {
      fail_from(first, std::current_exception());
      return;
    }
    std::size_t next = first;
    if (!run_writes(batch, first, next)) {
      // The transaction ended at write `next`; the writes before it in the batch were undone
      // (those that had failed on their own keep their own error).
      const auto lost = std::make_exception_ptr(StorageError(
          "a write made at the same moment failed and undid this one; please try again"));
      for (std::size_t i = first; i < next; ++i) {
        if (!batch[i]->error) batch[i]->error = lost;
      }
      first = next + 1;
      continue;
    }
    try {
      handle_->run("COMMIT");
    } catch (...) {
      roll_back(*handle_);
      fail_from(first, std::current_exception());
      return;
    }
    const std::uint64_t ticket = group_.committed();
    for (std::size_t i = first; i < batch.size(); ++i) batch[i]->ticket = ticket;
    return;
  }
}

bool BatchedWriter::run_writes(const std::vector<Pending*>& batch, std::size_t first,
                               std::size_t& next) {
  for (next = first; next < batch.size(); ++next) {
    Pending& p = *batch[next];
    try {
      handle_->run("SAVEPOINT taperlab_write");
      try {
        (*p.write)(*handle_);
      } catch (...) {
        p.error = std::current_exception();
        if (!transaction_open(*handle_)) return false;
        handle_->run("ROLLBACK TO taperlab_write");
      }
      handle_->run("RELEASE taperlab_write");
    } catch (...) {
      // The savepoint itself failed: what the transaction holds is no longer known.
      if (!p.error) p.error = std::current_exception();
      roll_back(*handle_);
      return false;
    }
  }
  return true;
}

}  // namespace taperlab::store::sqlite
