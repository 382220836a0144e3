#include "auth/link_codes.hpp"

#include <sodium.h>

#include <array>

#include "auth/sodium_ready.hpp"
#include "auth/tokens.hpp"
#include "auth/utc_time.hpp"

namespace taperlab::auth {
namespace {

// Crockford's base32 alphabet: digits and letters without I, L, O and U.
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
static_assert(kAlphabet.size() == 32);

}  // namespace

std::string random_link_code() {
  ensure_sodium();
  std::string code;
  for (int i = 0; i < kLinkCodeSymbols; ++i) {
    if (i > 0 && i % 4 == 0) code += '-';
    code += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
  }
  return code;
}

std::optional<std::string> canonical_link_code(const std::string& typed) {
  std::string code;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (kAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    code += c;
    if (code.size() > static_cast<std::size_t>(kLinkCodeSymbols)) return std::nullopt;
  }
  if (code.size() != static_cast<std::size_t>(kLinkCodeSymbols)) return std::nullopt;
  return code;
}

std::string link_code_hash(const std::string& canonical_code) {
  return token_hash("clinician-link:" + canonical_code);
}

std::string link_code_expiry(const std::string& now_utc) {
  return utc_plus_seconds(now_utc, static_cast<long long>(kLinkCodeValidDays) * 24 * 60 * 60);
}

}  // namespace taperlab::auth
