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

std::vector<std::pair<std::size_t, std::size_t>> password_spans(std::string_view db) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  if (!is_postgres_url(db)) return spans;
  // postgresql://user:password@host/...: the password is between the first ':' after the scheme
  // and the '@' that ends the user part (percent-encoded, so it holds neither character).
  const auto scheme_end = db.find("://") + 3;
  const auto at = db.find('@', scheme_end);
  const auto slash = db.find('/', scheme_end);
  const auto colon = db.find(':', scheme_end);
  if (at != std::string_view::npos && (slash == std::string_view::npos || at < slash) &&
      colon != std::string_view::npos && colon < at) {
    spans.emplace_back(colon + 1, at - colon - 1);
  }
  // A password=... query parameter.
  constexpr std::string_view key = "password=";
  for (auto p = db.find(key, scheme_end); p != std::string_view::npos; p = db.find(key, p + 1)) {
    if (db[p - 1] != '?' && db[p - 1] != '&') continue;
    const auto value = p + key.size();
    const auto end = db.find('&', value);
    spans.emplace_back(value, (end == std::string_view::npos ? db.size() : end) - value);
  }
  return spans;
}

std::string without_password(const std::string& db) {
  std::string out = db;
  const auto spans = password_spans(db);
  // From the last, so that the earlier offsets still hold.
  for (auto span = spans.rbegin(); span != spans.rend(); ++span) {
    out.replace(span->first, span->second, "***");
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
