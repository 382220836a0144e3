#pragma once

// Moving a clinic from its SQLite file to PostgreSQL (`taperlab db copy`, docs/deployment.md).

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace taperlab::store {

struct CopiedTable {
  std::string table;
  std::int64_t rows = 0;  // counted in the file and again in the target: the same number
};

// Copies every row of the SQLite journal `from` (migrated to this build's schema first) into the
// PostgreSQL database `to` (a URL or conninfo; migrated likewise), ids, audit log, sessions and
// change counters included, in one transaction of the target: all of it or, on any failure,
// nothing. Refuses (Conflict) a target that already holds any row, and a file with a table this
// build does not know. After the rows, each table is counted on both sides inside the transaction;
// a difference fails the copy. Returns the tables in copy order with their counts. NotFound when
// the file is missing; StorageError for the drivers' failures, never quoting a stored value or
// the password.
std::vector<CopiedTable> copy_sqlite_to_postgres(const std::filesystem::path& from,
                                                 const std::string& to);

}  // namespace taperlab::store
