#pragma once

// What the CLI and the server call to open the store a --db value names, without seeing an
// adapter's type: a postgresql:// or postgres:// URL opens the PostgreSQL adapter (a clinic's
// shared database), anything else is the path of a SQLite file (the embedded default).

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/repository.hpp"

namespace taperlab::store {

// True for a postgresql:// or postgres:// URL (the scheme in any case).
bool is_postgres_url(std::string_view db);

// Where the URL holds a password (after "user:" and in "password=" parameters), as (offset,
// length) pairs, in order; none for anything but a PostgreSQL URL.
std::vector<std::pair<std::size_t, std::size_t>> password_spans(std::string_view db);

// The URL with any password in it replaced by "***", for messages and logs; other values as they
// are.
std::string without_password(const std::string& db);

// True when the URL carries a password, which `ps` shows to every user of the machine: the CLI
// warns and points to PGPASSFILE or PGPASSWORD.
bool has_password(const std::string& db);

// Opens the store `db` names, migrated to this build's schema: a PostgreSQL URL (its settings
// completed from the PG* variables by libpq) or a SQLite file (created with its folder if
// missing). Throws StorageError, whose message never holds the password.
std::unique_ptr<Repository> open_repository(const std::string& db);

// The PostgreSQL adapter for `conninfo` (a URL or a libpq "key=value" string).
std::unique_ptr<Repository> open_postgres_repository(const std::string& conninfo);

}  // namespace taperlab::store
