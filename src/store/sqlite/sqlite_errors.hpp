#pragma once

// Driver exceptions stop here (docs/architecture.md, errors): what leaves src/store is a taperlab
// error. Messages name the operation and the kind of failure, never the stored values, because
// they end up in logs and the values are health data.

#include <SQLiteCpp/Exception.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/base/error.hpp"
#include "store/decoded.hpp"

namespace taperlab::store::sqlite {

bool is_unique_violation(const SQLite::Exception& e);
bool is_foreign_key_violation(const SQLite::Exception& e);

// "could not add a check-in: database is locked (SQLite error 5)".
StorageError storage_error(std::string_view operation, const SQLite::Exception& e);

// Runs `work` for `operation` ("add a check-in"), turning driver exceptions into StorageError.
// taperlab errors (NotFound, Conflict, ValidationError, ...) pass through unchanged.
template <typename Work>
auto guarded(std::string_view operation, Work&& work) -> decltype(work()) {
  try {
    return work();
  } catch (const SQLite::Exception& e) {
    throw storage_error(operation, e);
  }
}

using ::taperlab::store::decoded;  // store/decoded.hpp

}  // namespace taperlab::store::sqlite
