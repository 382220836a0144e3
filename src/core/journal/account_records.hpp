#pragma once

// Accounts for the web app (docs/architecture.md, authentication): who may sign in, and the
// sessions they hold. Plain data like records.hpp; the store keeps them and src/auth makes the
// secrets. Times are ISO 8601 UTC strings, "2026-11-23T08:01:02Z", set at the edges (the core has
// no clock); stored as text they sort by time.

#include <cstdint>
#include <string>

#include "core/journal/records.hpp"

namespace taperlab {

using UserId = std::int64_t;

struct User {
  UserId id = 0;      // assigned by the store
  std::string email;  // unique, compared without regard to ASCII case
  // argon2id encoded string (auth/password_hash.hpp), never the password itself.
  std::string password_hash;
  PersonId person_id = 0;  // the journal this account signs in to
  std::string role = "patient";
  std::string created_at;
};

// A signed-in browser. Only the SHA-256 of the cookie's token is kept (auth/tokens.hpp), so a copy
// of the database cannot be used to sign in.
struct AuthSession {
  std::string token_hash;
  UserId user_id = 0;
  std::string csrf_token;  // sent back in X-CSRF-Token with every state-changing request
  std::string created_at;
  std::string expires_at;  // the session is void from this time on
};

}  // namespace taperlab
