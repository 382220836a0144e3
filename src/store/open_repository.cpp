#include "store/open_repository.hpp"

#include "core/base/text.hpp"
#include "store/postgres/conninfo.hpp"
#include "store/postgres/postgres_repository.hpp"
#include "store/sqlite/open.hpp"

namespace taperlab::store {

bool is_postgres_url(std::string_view db) {
  for (const std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (db.size() >= scheme.size() && equals_ignoring_case(db.substr(0, scheme.size()), scheme)) {
      return true;
    }
  }
  return false;
}

std::string without_password(const std::string& db) {
  if (!is_postgres_url(db)) return db;
  std::string out = db;
  // postgresql://user:password@host/...: the password is between the first ':' after the scheme
  // and the '@' that ends the user part (percent-encoded, so it holds neither character).
  const auto scheme_end = out.find("://") + 3;
  const auto at = out.find('@', scheme_end);
  const auto slash = out.find('/', scheme_end);
  const auto colon = out.find(':', scheme_end);
  if (at != std::string::npos && (slash == std::string::npos || at < slash) &&
      colon != std::string::npos && colon < at) {
    out.replace(colon + 1, at - colon - 1, "***");
  }
  // A password=... query parameter.
  for (auto p = out.find("password=", scheme_end); p != std::string::npos;
       p = out.find("password=", p + 1)) {
    if (out[p - 1] != '?' && out[p - 1] != '&') continue;
    const auto end = out.find('&', p);
    out.replace(p + 9, (end == std::string::npos ? out.size() : end) - p - 9, "***");
  }
  return out;
}

bool has_password(const std::string& db) {
  return is_postgres_url(db) && (without_password(db) != db || !postgres::password_in(db).empty());
}

std::unique_ptr<Repository> open_postgres_repository(const std::string& conninfo) {
  return std::make_unique<PostgresRepository>(conninfo);
}

std::unique_ptr<Repository> open_repository(const std::string& db) {
  if (is_postgres_url(db)) return open_postgres_repository(db);
  return open_sqlite_repository(db);
}

}  // namespace taperlab::store
