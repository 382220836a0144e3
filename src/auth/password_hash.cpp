#include "auth/password_hash.hpp"

#include <argon2.h>
#include <sodium.h>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "auth/sodium_ready.hpp"
#include "core/base/error.hpp"

namespace taperlab::auth {
namespace {

// OWASP Password Storage Cheat Sheet, argon2id minimum configuration: 19 MiB of memory, 2
// iterations, 1 degree of parallelism. About 20-40 ms per hash on a server core, which is what
// makes guessing from a stolen database slow.
constexpr std::uint32_t kIterations = 2;
constexpr std::uint32_t kMemoryKiB = 19456;  // 19 MiB
constexpr std::uint32_t kParallelism = 1;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

std::atomic<std::uint64_t> checks{0};

constexpr std::size_t kMinCharacters = 10;
constexpr std::size_t kMaxCharacters = 200;

std::size_t utf8_code_points(const std::string& text) {
  std::size_t count = 0;
  for (const char c : text) {
    // Continuation bytes are 10xxxxxx; every other byte starts a code point.
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++count;
  }
  return count;
}

}  // namespace

std::string hash_password(const std::string& password) {
  ensure_sodium();
  std::array<unsigned char, kSaltBytes> salt{};
  randombytes_buf(salt.data(), salt.size());
  std::vector<char> encoded(argon2_encodedlen(kIterations, kMemoryKiB, kParallelism,
                                              static_cast<std::uint32_t>(salt.size()), kHashBytes,
                                              Argon2_id));
  const int rc =
      argon2id_hash_encoded(kIterations, kMemoryKiB, kParallelism, password.data(), password.size(),
                            salt.data(), salt.size(), kHashBytes, encoded.data(), encoded.size());
  sodium_memzero(salt.data(), salt.size());
  if (rc != ARGON2_OK) {
    throw Error(ErrorCode::kInternal,
                std::string("could not hash the password: ") + argon2_error_message(rc));
  }
  return std::string(encoded.data());
}

bool verify_password(const std::string& password, const std::string& encoded) {
  checks.fetch_add(1, std::memory_order_relaxed);
  // argon2id_verify parses the parameters out of `encoded`, recomputes and compares in constant
  // time; any parse failure comes back as an error code, which is a "no" here.
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

void verify_password_without_account(const std::string& password) {
  // Hashed once with the same parameters, so a check against it costs what a real one costs.
  static const std::string kStandIn = hash_password("no account has this password");
  (void)verify_password(password, kStandIn);
}

std::uint64_t password_checks() { return checks.load(std::memory_order_relaxed); }

void check_password_rules(const std::string& password) {
  const std::size_t length = utf8_code_points(password);
  if (length < kMinCharacters) {
    throw ValidationError("password",
                          "must be at least " + std::to_string(kMinCharacters) + " characters");
  }
  if (length > kMaxCharacters) {
    throw ValidationError("password",
                          "must be at most " + std::to_string(kMaxCharacters) + " characters");
  }
}

}  // namespace taperlab::auth
