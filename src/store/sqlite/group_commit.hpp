#pragma once

// Group commit for the server's SQLite connections.
//
// Turns: SQLite lets one writer in at a time and makes the others poll with growing sleeps (the
// busy timeout), which gives writes a long tail under load. The connections sharing a
// GroupCommit take turns in arrival order instead (begin_write/end_write around each outermost
// transaction); writers in other processes still meet the busy timeout.
//
// Durability in groups: with synchronous=FULL every COMMIT waits for its own fsync of the WAL
// (about 0.3 ms on this machine's disk) while it holds the write lock, so writers queue behind
// each other's fsyncs. Connections with a GroupCommit commit with synchronous=NORMAL (the frames
// are written to the WAL, not yet synced) and the request waits in sync_through(), after its
// turn, until one fsync of the WAL that began after its commit has finished: writers that
// committed meanwhile share it. An acknowledged write is then as durable as with FULL.
// Checkpoints in NORMAL mode sync the WAL before copying it into the database and the database
// after, so frames a checkpoint has moved are durable too.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>

namespace taperlab::store {

class GroupCommit {
 public:
  // Syncs `database_file`'s WAL ("<file>-wal").
  explicit GroupCommit(const std::filesystem::path& database_file);
  // Calls `flush` to make every write so far durable (tests count the calls).
  explicit GroupCommit(std::function<void()> flush);

  // The write turn: waits until the writers that asked before have ended theirs.
  void begin_write();
  void end_write();

  // A connection calls this right after each COMMIT; the ticket names that commit.
  std::uint64_t committed();

  // Returns once a flush that began after commit `ticket` has finished, starting one if none is
  // under way. Throws StorageError when the flush fails (that commit may not be durable).
  void sync_through(std::uint64_t ticket);

 private:
  struct Waiter {
    std::condition_variable woken;
    bool turn = false;
  };
  std::mutex turn_mutex_;
  bool writing_ = false;
  std::deque<Waiter*> waiting_;  // oldest first; each wakes alone, not as a herd

  std::function<void()> flush_;
  std::mutex mutex_;
  std::condition_variable flushed_;
  std::uint64_t committed_ = 0;  // tickets handed out
  std::uint64_t durable_ = 0;    // every ticket up to this one is durable
  bool flushing_ = false;
};

}  // namespace taperlab::store
