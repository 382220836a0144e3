#pragma once

// The server's writes, several to a transaction.
//
// SQLite lets one writer in at a time. When every request thread ran its own transaction on its
// own connection, one after the other, the write lock passed from thread to thread: the next
// writer had to be woken and scheduled (about 0.3 ms on a loaded 2-core machine, as long as the
// write itself), and it began with a page cache that the previous writer had made stale. Writes
// then queued for tens of milliseconds.
//
// Here the threads hand their writes to a queue instead. The first thread to find no batch under
// way leads: it takes every write queued so far, runs them one after the other in one transaction
// on the writer's own handle (whose cache stays warm, since it is the only one that writes), each
// inside a savepoint of its own, commits once, and wakes the others. A write that throws is
// rolled back to its savepoint and its exception goes to its own thread; the others' writes are
// kept. If the transaction itself fails, every write in it fails. Writes run in arrival order.
// While a leader runs a batch, the next writes queue for the batch after it; the first of them
// leads it.

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace taperlab::store {
class GroupCommit;
}

namespace taperlab::store::sqlite {

struct Handle;

class BatchedWriter {
 public:
  // Writes to `file`; commits are reported to `group` (GroupCommit::committed) for its syncs.
  BatchedWriter(std::filesystem::path file, GroupCommit& group);
  ~BatchedWriter();
  BatchedWriter(const BatchedWriter&) = delete;
  BatchedWriter& operator=(const BatchedWriter&) = delete;

  // Runs `write` on the writer's handle, inside a transaction that may hold other threads'
  // writes too, and returns once that transaction has committed: the GroupCommit ticket of the
  // commit (not yet durable: see GroupCommit::sync_through). Rethrows what `write` threw, after
  // undoing what it wrote, or why the transaction could not commit.
  std::uint64_t run(const std::function<void(Handle&)>& write);

  // Runs `work` once no batch is under way, and lets no batch start until it returns: the writes
  // that arrive meanwhile queue for the batch after it. For the group commit's RESTART and
  // TRUNCATE checkpoints, which need SQLite's write lock (the writer would otherwise take it back
  // between batches, or wait for it in SQLite's busy handler, which sleeps milliseconds at a
  // time). Rethrows what `work` threw.
  void exclusive(const std::function<void()>& work);

 private:
  struct Pending {
    const std::function<void(Handle&)>* write;
    std::condition_variable woken;
    bool done = false;
    std::exception_ptr error;
    std::uint64_t ticket = 0;
  };

  void lead(std::unique_lock<std::mutex>& lock);
  void run_batch(const std::vector<Pending*>& batch);
  // Runs the writes of `batch` from `first` on in the open transaction; false when one of them
  // ended the transaction (SQLite rolls back by itself after some errors), which undid the writes
  // before it.
  bool run_writes(const std::vector<Pending*>& batch, std::size_t first, std::size_t& next);

  std::filesystem::path file_;
  GroupCommit& group_;
  std::unique_ptr<Handle> handle_;  // opened by the first leader; used by the leader only

  std::mutex mutex_;
  std::vector<Pending*> queue_;  // arrival order
  bool leading_ = false;         // a batch, or exclusive work, is under way
  int exclusive_waiting_ = 0;    // exclusive() calls waiting for the batch under way to end
  std::condition_variable batch_ended_;
};

}  // namespace taperlab::store::sqlite
