#pragma once

// Keeping the write-ahead log bounded (docs/architecture.md, storage).
//
// SQLite appends every commit to "<file>-wal" and copies it back into the database in a
// checkpoint. A PASSIVE checkpoint copies what no reader still needs and never waits, but the log
// only starts again from its beginning once a checkpoint has copied all of it while no reader still
// reads from it: under a steady stream of writes and reads that moment never comes, and the file
// grew by gigabytes (issue 24). RESTART and TRUNCATE checkpoints wait for it, up to a bound here;
// TRUNCATE also cuts the file to 0 bytes. `journal_size_limit` (kWalSizeLimit, set on every
// handle) cuts a log that has started again down to that size at its next commit.

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <cstdint>
#include <filesystem>

namespace taperlab::store::sqlite {

// The file size a log is cut down to when it starts again (PRAGMA journal_size_limit), and the
// size of the log's content past which the server's group commit restarts it (group_commit.hpp).
inline constexpr std::int64_t kWalSizeLimit = 16 * 1024 * 1024;

// Bytes of `database_file`'s "-wal" file, 0 when there is none.
std::uintmax_t wal_file_size(const std::filesystem::path& database_file);

enum class Checkpoint { passive, restart, truncate };

struct CheckpointResult {
  bool complete = false;  // every frame copied (and, for RESTART and TRUNCATE, the log reset)
  int log_frames = 0;     // frames in the log (0 after a complete TRUNCATE)
  int copied_frames = 0;  // of those, copied into the database
};

// Checkpoints the database of `db`, which must have read from the file since it opened (SQLite
// opens the log on the first read: a checkpoint before that does nothing). RESTART and TRUNCATE
// wait for other connections' writes and for the readers of the log for at most `wait` (polling
// every 0.1 to 1 ms), then copy what they can without waiting and report an incomplete checkpoint;
// `db`'s busy timeout is set back to `busy_timeout_ms` after. Throws SQLite::Exception for other
// failures.
CheckpointResult checkpoint(SQLite::Database& db, Checkpoint mode, std::chrono::milliseconds wait,
                            int busy_timeout_ms);

}  // namespace taperlab::store::sqlite
