#pragma once

// Session and CSRF tokens. The browser holds the token; the store holds only token_hash(token),
// so reading the database does not let anyone sign in (core/journal/account_records.hpp).

#include <string>

namespace taperlab::auth {

// 32 bytes from the system's secure random source, base64url without padding: 43 characters of
// [A-Za-z0-9_-], safe in a cookie and a header as they are.
std::string random_token();

// SHA-256 of `token` as 64 lowercase hex digits. A plain fast hash is enough here (unlike
// passwords): the token has 256 bits of randomness, so there is nothing to guess.
std::string token_hash(const std::string& token);

// Compares two tokens in time that does not depend on where they differ (for the CSRF header
// against the stored token). Tokens of different lengths are unequal.
bool tokens_equal(const std::string& a, const std::string& b);

}  // namespace taperlab::auth
