#pragma once

// What the CLI and server call to get the embedded store, without seeing the adapter's type.

#include <filesystem>
#include <memory>

#include "store/repository.hpp"

namespace taperlab::store {

// Opens (creating if missing) the SQLite database at `file`, migrated to this build's schema.
// Throws StorageError.
std::unique_ptr<Repository> open_sqlite_repository(const std::filesystem::path& file);

class GroupCommit;
// The same for one of a server's connections, whose commits are made durable in groups:
// call sync_writes() before acknowledging a write (see group_commit.hpp).
std::unique_ptr<Repository> open_sqlite_repository(const std::filesystem::path& file,
                                                   std::shared_ptr<GroupCommit> group_commit);

}  // namespace taperlab::store
