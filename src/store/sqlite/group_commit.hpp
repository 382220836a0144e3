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
//
// Checkpoints: by default the commit that grows the WAL past 1,000 pages copies it into the
// database, with two fsyncs, while it holds the write turn: every writer behind it waits. The
// connections of a GroupCommit made for a file leave that to a thread of the GroupCommit, which
// checkpoints (PASSIVE: readers and writers go on) on its own connection whenever commits were
// made since its last one, at most every 100 ms.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

namespace taperlab::store {

class GroupCommit {
 public:
  // Syncs `database_file`'s WAL ("<file>-wal") and checkpoints it from a thread of its own.
  explicit GroupCommit(const std::filesystem::path& database_file);
  // Calls `flush` to make every write so far durable (tests count the calls); no checkpoints.
  explicit GroupCommit(std::function<void()> flush);
  ~GroupCommit();
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // Whether connections should leave checkpoints to this object.
  [[nodiscard]] bool checkpoints() const { return checkpointer_.joinable(); }

  // The write turn: waits until the writers that asked before have ended theirs.
  void begin_write();
  void end_write();

  // A connection calls this right after each COMMIT; the ticket names that commit.
  std::uint64_t committed();

  // Returns once a flush that began after commit `ticket` has finished, starting one if none is
  // under way. Throws StorageError when the flush fails (that commit may not be durable).
  void sync_through(std::uint64_t ticket);

 private:
  void checkpoint_loop(const std::filesystem::path& database_file);

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

  std::condition_variable checkpoint_wake_;
  bool stopping_ = false;
  std::thread checkpointer_;  // last: started when everything above is ready
};

}  // namespace taperlab::store
