#pragma once

// What the CLI and server call to get the embedded store, without seeing the adapter's type.

#include <filesystem>
#include <memory>

#include "store/repository.hpp"

namespace taperlab::store {

// Opens (creating if missing) the SQLite database at `file`, migrated to this build's schema.
// Throws StorageError.
std::unique_ptr<Repository> open_sqlite_repository(const std::filesystem::path& file);

}  // namespace taperlab::store
