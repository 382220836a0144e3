#pragma once

// Password storage (docs/architecture.md, authentication): argon2id with a random salt, kept as the
// standard encoded string "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>", which carries its own
// parameters, so stored hashes stay verifiable if the parameters change later.

#include <cstdint>
#include <string>

namespace taperlab::auth {

// A fresh argon2id hash of `password` with a random 16-byte salt: hashing one password twice
// gives two different strings. Throws taperlab::Error (internal) if hashing fails (out of memory).
std::string hash_password(const std::string& password);

// Whether `password` matches `encoded` (a hash_password result). False on a mismatch and on an
// encoded string that is malformed or not argon2id; never throws for bad input.
bool verify_password(const std::string& password, const std::string& encoded);

// Spends the time of one verify_password without any account. For a sign-in with an unknown
// email, so that the answer's timing does not tell which addresses have accounts.
void verify_password_without_account(const std::string& password);

// How many passwords this process has checked against a hash (every verify_password, the
// stand-in of verify_password_without_account included). What the sign-in limit bounds: the tests
// of auth/login_limit.hpp count checks with it instead of inferring them from timing.
std::uint64_t password_checks();

// The rules for a new password: at least 10 and at most 200 characters (UTF-8 code points).
// Throws ValidationError with field "password". The upper bound keeps hashing cost bounded.
void check_password_rules(const std::string& password);

}  // namespace taperlab::auth
