#pragma once

// The PostgreSQL schema migrations embedded at build time from migrations/NNNN_what.sql (see
// src/store/CMakeLists.txt): the same numbers as the SQLite ones (src/store/sqlite/migrations), in
// PostgreSQL's dialect. A migration, once released, is never edited: changes go in a new file.

#include <span>

namespace taperlab::store::postgres {

struct Migration {
  int version;       // NNNN from the file name
  const char* name;  // the file name without ".sql", e.g. "0001_initial"
  const char* sql;
};

// Every migration this build knows, sorted by version.
std::span<const Migration> migrations();

}  // namespace taperlab::store::postgres
