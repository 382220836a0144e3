// Session tokens: length, alphabet, uniqueness; their stored hash; constant-time comparison.

#include "auth/tokens.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace taperlab::auth {
namespace {

bool is_base64url(const std::string& text) {
  for (const char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

TEST(Token, Is43Base64UrlCharactersWithoutPadding) {
  const std::string token = random_token();
  EXPECT_EQ(token.size(), 43u) << token;  // 32 bytes = 256 bits
  EXPECT_TRUE(is_base64url(token)) << token;
  EXPECT_EQ(token.find('='), std::string::npos);
}

TEST(Token, ThousandTokensAreAllDifferent) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string token = random_token();
    EXPECT_EQ(token.size(), 43u);
    EXPECT_TRUE(is_base64url(token)) << token;
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(TokenHash, Is64LowercaseHexAndStable) {
  const std::string token = random_token();
  const std::string hash = token_hash(token);
  ASSERT_EQ(hash.size(), 64u);
  for (const char c : hash) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << hash;
  EXPECT_EQ(token_hash(token), hash);
  EXPECT_NE(token_hash(random_token()), hash);
}

TEST(TokenHash, IsSha256) {
  // FIPS 180-2 test vector and the hash of the empty string.
  EXPECT_EQ(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(token_hash(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(TokensEqual, ComparesWholeTokens) {
  const std::string token = random_token();
  EXPECT_TRUE(tokens_equal(token, std::string(token)));
  EXPECT_FALSE(tokens_equal(token, random_token()));
  EXPECT_FALSE(tokens_equal(token, token.substr(0, 42)));
  EXPECT_FALSE(tokens_equal(token, ""));
  EXPECT_TRUE(tokens_equal("", ""));
}

}  // namespace
}  // namespace taperlab::auth
