#include "store/sqlite/sqlite_errors.hpp"

#include <sqlite3.h>

namespace taperlab::store::sqlite {

bool is_unique_violation(const SQLite::Exception& e) {
  return e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE ||
         e.getExtendedErrorCode() == SQLITE_CONSTRAINT_PRIMARYKEY;
}

bool is_foreign_key_violation(const SQLite::Exception& e) {
  return e.getExtendedErrorCode() == SQLITE_CONSTRAINT_FOREIGNKEY;
}

StorageError storage_error(std::string_view operation, const SQLite::Exception& e) {
  // sqlite3_errstr gives the generic text for the code; e.what() may quote SQL or names.
  const int code = e.getErrorCode();
  return StorageError("could not " + std::string(operation) + ": " + sqlite3_errstr(code) +
                      " (SQLite error " + std::to_string(code) + ")");
}

}  // namespace taperlab::store::sqlite
