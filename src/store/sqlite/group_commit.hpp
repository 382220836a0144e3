#pragma once

// Group commit for the server's SQLite connections.
//
// Writes in batches: the connections sharing a GroupCommit made for a file hand their outermost
// transactions to its BatchedWriter (batched_writer.hpp), which runs the writes of several
// requests in one transaction, in arrival order, on a handle of its own; writers in other
// processes still meet the busy timeout.
//
// Durability in groups: with synchronous=FULL every COMMIT waits for its own fsync of the WAL
// (about 0.3 ms on this machine's disk) while it holds the write lock, so writers queue behind
// each other's fsyncs. Connections with a GroupCommit commit with synchronous=NORMAL (the frames
// are written to the WAL, not yet synced) and the request waits in sync_through(), after its
// batch has committed, until one fsync of the WAL that began after its commit has finished: writers
// that committed meanwhile share it. An acknowledged write is then as durable as with FULL.
// Checkpoints in NORMAL mode sync the WAL before copying it into the database and the database
// after, so frames a checkpoint has moved are durable too.
//
// Checkpoints: by default the commit that grows the WAL past 1,000 pages copies it into the
// database, with two fsyncs, while it holds the write lock: every writer behind it waits. The
// connections of a GroupCommit made for a file leave that to a thread of the GroupCommit, which
// checkpoints (PASSIVE: readers and writers go on) on its own connection whenever commits were
// made since its last one, at most every 100 ms.
//
// The WAL stays bounded (wal.hpp, issue 24): a PASSIVE checkpoint never starts the log again while
// reads and writes go on, so under a steady load the file grew by gigabytes. When, after its
// PASSIVE checkpoint, the log still holds more than `restart_bytes`, the thread holds the batched
// writer back (BatchedWriter::exclusive: the writes queue in memory) and runs a RESTART checkpoint,
// which copies the few frames written since and waits, at most `reader_wait`, for the readers still
// reading from the log; the next batch then writes from the log's beginning, and the file is cut
// back to kWalSizeLimit (journal_size_limit). Once no commit has come for `idle_before_truncate`,
// and when it stops (the server's clean shutdown), it runs a TRUNCATE checkpoint: the file is left
// at 0 bytes. Checkpoints sync the WAL before and the database after copying, so every commit
// stays as durable as sync_through() said.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace SQLite {
class Database;
}

namespace taperlab::store {

namespace sqlite {
class BatchedWriter;
}

// When the group commit's thread checkpoints more than passively (see above).
struct WalLimits {
  std::int64_t restart_bytes = 16 * 1024 * 1024;  // the log's content, frames and their headers
  std::chrono::milliseconds reader_wait{100};     // longest wait for readers (writes queue)
  std::chrono::milliseconds idle_before_truncate{1000};
  std::chrono::milliseconds truncate_wait{1000};  // longest wait for readers, when stopping
};

// What the checkpoints did so far (tests, benches).
struct CheckpointCounts {
  std::uint64_t passive = 0;
  std::uint64_t restarts = 0;       // completed
  std::uint64_t restarts_busy = 0;  // gave up waiting for readers (tried again next round)
  std::uint64_t truncates = 0;      // completed
  std::chrono::microseconds longest_hold{0};  // longest time the writes were held back
};

class GroupCommit {
 public:
  // Batches the writes to `database_file`, syncs its WAL ("<file>-wal") and checkpoints it from a
  // thread of its own.
  explicit GroupCommit(const std::filesystem::path& database_file, WalLimits limits = {});
  // Calls `flush` to make every write so far durable (tests count the calls); no checkpoints, and
  // no writer: not for connections.
  explicit GroupCommit(std::function<void()> flush);
  ~GroupCommit();
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // Whether connections should leave checkpoints to this object.
  [[nodiscard]] bool checkpoints() const { return checkpointer_.joinable(); }

  // Where the connections' outermost transactions run. Throws std::logic_error for a GroupCommit
  // made with a flush function.
  sqlite::BatchedWriter& writer();

  // A connection calls this right after each COMMIT; the ticket names that commit.
  std::uint64_t committed();

  // Returns once a flush that began after commit `ticket` has finished, starting one if none is
  // under way. Throws StorageError when the flush fails (that commit may not be durable).
  void sync_through(std::uint64_t ticket);

  [[nodiscard]] CheckpointCounts checkpoint_counts();

 private:
  void checkpoint_loop(const std::filesystem::path& database_file);
  // Runs a RESTART or TRUNCATE checkpoint on `db` with the batched writer held back; true when it
  // completed.
  bool checkpoint_holding_writes(SQLite::Database& db, bool truncate,
                                 std::chrono::milliseconds wait);

  WalLimits limits_;
  CheckpointCounts counts_;  // under mutex_

  std::unique_ptr<sqlite::BatchedWriter> writer_;

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
