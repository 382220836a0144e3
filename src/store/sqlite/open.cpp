#include "store/sqlite/open.hpp"

#include "store/sqlite/sqlite_repository.hpp"

namespace taperlab::store {

std::unique_ptr<Repository> open_sqlite_repository(const std::filesystem::path& file) {
  return std::make_unique<SqliteRepository>(file);
}

}  // namespace taperlab::store
