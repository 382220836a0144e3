#pragma once

// One open SQLite database handle with taperlab's settings, and the statements prepared on it.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>

namespace taperlab::store {
class GroupCommit;
}

namespace taperlab::store::sqlite {

struct Handle {
  // Opens or creates `file` (and its parent folders): WAL journal, foreign keys on, busy timeout,
  // synchronous=FULL; or, with a `group_commit`, NORMAL and its checkpoint settings. Throws
  // StorageError.
  Handle(const std::filesystem::path& file, int busy_timeout_ms, const GroupCommit* group_commit);

  // Runs BEGIN, COMMIT, SAVEPOINT and the like from statements prepared once.
  void run(const char* sql);

  SQLite::Database db;
  // Parsed once and kept (see Connection::statement), by SQL text.
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> control_statements;
};

}  // namespace taperlab::store::sqlite
