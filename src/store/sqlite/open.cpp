#include "store/sqlite/open.hpp"

#include "store/sqlite/sqlite_repository.hpp"

namespace taperlab::store {

std::unique_ptr<Repository> open_sqlite_repository(const std::filesystem::path& file) {
  return std::make_unique<SqliteRepository>(file);
}

std::unique_ptr<Repository> open_sqlite_repository(const std::filesystem::path& file,
                                                   std::shared_ptr<GroupCommit> group_commit) {
  SqliteOptions options;
  options.group_commit = std::move(group_commit);
  return std::make_unique<SqliteRepository>(file, options);
}

}  // namespace taperlab::store
