#include "store/sqlite/handle.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>

#include "core/base/error.hpp"
#include "store/sqlite/group_commit.hpp"
#include "store/sqlite/sqlite_errors.hpp"
#include "store/sqlite/wal.hpp"

namespace taperlab::store::sqlite {
namespace {

// Creates the folder first: SQLite creates the file but not missing folders.
const std::filesystem::path& with_parent_folder(const std::filesystem::path& file) {
  const auto parent = file.parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) throw StorageError("could not create the database folder: " + ec.message());
  }
  return file;
}

// SQLite counts every allocation under one process-wide mutex unless told not to before it starts;
// the server's threads would all queue on it. Has no effect if SQLite was already in use.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

constexpr auto kLongestPause = std::chrono::milliseconds(50);

SQLite::Database open_database(const std::filesystem::path& file, int busy_timeout_ms) {
  configure_sqlite_once();
  return guarded("open the database", [&] {
    // NOMUTEX: a handle is used by one thread at a time (one per thread, leased from the server's
    // pool, or the batched writer's, used by the thread leading a batch), so SQLite need not lock
    // it on every call.
    return SQLite::Database(with_parent_folder(file),
                            SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX,
                            busy_timeout_ms);
  });
}

// Switching a new file to WAL needs it alone for a moment. When processes open a new file at the
// same time (the CLI and the server, or the migration test's threads), SQLite answers one of them
// SQLITE_BUSY at once, without waiting in the busy handler, to break a lock cycle: it is asked
// again, for as long as the busy timeout allows.
std::string switch_to_wal(SQLite::Database& db, int busy_timeout_ms) {
  const auto give_up =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max(busy_timeout_ms, 0));
  for (auto pause = std::chrono::milliseconds(1);; pause = std::min(pause * 2, kLongestPause)) {
    try {
      return db.execAndGet("PRAGMA journal_mode=WAL").getString();
    } catch (const SQLite::Exception& e) {
      if ((e.getErrorCode() & 0xFF) != SQLITE_BUSY || std::chrono::steady_clock::now() > give_up) {
        throw;
      }
    }
    std::this_thread::sleep_for(pause);
  }
}

}  // namespace

Handle::Handle(const std::filesystem::path& file, int busy_timeout_ms,
               const GroupCommit* group_commit)
    : db(open_database(file, busy_timeout_ms)) {
  guarded("set up the database", [&] {
    // WAL lets readers run while one writer writes; it is a property of the file, kept once set.
    const std::string mode = switch_to_wal(db, busy_timeout_ms);
    if (mode != "wal") throw StorageError("could not switch the database to WAL mode");
    // FULL syncs the WAL on every commit: an acknowledged write survives a power cut, not only a
    // crash of the process (NORMAL may lose the last commits in WAL mode, unless the owner syncs
    // the WAL before acknowledging them, as GroupCommit does).
    db.exec(group_commit ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL");
    // The group commit's thread checkpoints, not the writer that happens to pass the threshold.
    if (group_commit && group_commit->checkpoints()) db.exec("PRAGMA wal_autocheckpoint=0");
    // A log that starts again from its beginning is cut back to this size at its next commit
    // (wal.hpp): it keeps no more than that of a burst of writes.
    db.exec("PRAGMA journal_size_limit=" + std::to_string(kWalSizeLimit));
    db.exec("PRAGMA foreign_keys=ON");
  });
}

void Handle::run(const char* sql) {
  auto& slot = control_statements[sql];
  if (!slot) slot = std::make_unique<SQLite::Statement>(db, sql);
  slot->tryReset();
  slot->exec();
  slot->tryReset();
}

}  // namespace taperlab::store::sqlite
