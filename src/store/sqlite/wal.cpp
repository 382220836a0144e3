#include "store/sqlite/wal.hpp"

#include <sqlite3.h>

#include <string>
#include <system_error>
#include <thread>

namespace taperlab::store::sqlite {
namespace {

using Clock = std::chrono::steady_clock;

// SQLite's own busy handler sleeps 1, 2, 5, 10 ... 100 ms between tries; the readers a checkpoint
// waits for hold their snapshot for well under a millisecond, and every write of the server queues
// behind the checkpoint meanwhile.
int until_deadline(void* deadline, int tries) {
  if (Clock::now() >= *static_cast<const Clock::time_point*>(deadline)) return 0;
  std::this_thread::sleep_for(std::chrono::microseconds(tries < 20 ? 100 : 1000));
  return 1;
}

int mode_of(Checkpoint mode) {
  switch (mode) {
    case Checkpoint::restart:
      return SQLITE_CHECKPOINT_RESTART;
    case Checkpoint::truncate:
      return SQLITE_CHECKPOINT_TRUNCATE;
    case Checkpoint::passive:
      break;
  }
  return SQLITE_CHECKPOINT_PASSIVE;
}

}  // namespace

std::uintmax_t wal_file_size(const std::filesystem::path& database_file) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(database_file.string() + "-wal", ec);
  return ec ? 0 : size;
}

CheckpointResult checkpoint(SQLite::Database& db, Checkpoint mode, std::chrono::milliseconds wait,
                            int busy_timeout_ms) {
  sqlite3* handle = db.getHandle();
  Clock::time_point deadline = Clock::now() + wait;
  if (mode != Checkpoint::passive) sqlite3_busy_handler(handle, until_deadline, &deadline);
  CheckpointResult result;
  const int rc = sqlite3_wal_checkpoint_v2(handle, nullptr, mode_of(mode), &result.log_frames,
                                           &result.copied_frames);
  if (mode != Checkpoint::passive) sqlite3_busy_timeout(handle, busy_timeout_ms);
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) return result;
  if (rc != SQLITE_OK) throw SQLite::Exception(handle, rc);
  // -1: the connection has not opened the log yet (no read since it opened), or no WAL mode.
  result.complete = result.log_frames >= 0 && result.copied_frames == result.log_frames;
  return result;
}

}  // namespace taperlab::store::sqlite
