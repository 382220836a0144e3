// argon2id password hashes: round trip, salts, malformed input, and the password rules.

#include "auth/password_hash.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/base/error.hpp"

namespace taperlab::auth {
namespace {

TEST(PasswordHash, VerifiesTheRightPasswordOnly) {
  const std::string encoded = hash_password("correct horse battery");
  EXPECT_TRUE(verify_password("correct horse battery", encoded));
  EXPECT_FALSE(verify_password("correct horse batterY", encoded));
  EXPECT_FALSE(verify_password("correct horse battery ", encoded));
  EXPECT_FALSE(verify_password("", encoded));
}

TEST(PasswordHash, IsArgon2idWithTheOwaspParameters) {
  const std::string encoded = hash_password("correct horse battery");
  EXPECT_EQ(encoded.rfind("$argon2id$", 0), 0u) << encoded;
  EXPECT_NE(encoded.find("$m=19456,t=2,p=1$"), std::string::npos) << encoded;
  EXPECT_EQ(encoded.find("correct"), std::string::npos);
}

TEST(PasswordHash, TwoHashesOfOnePasswordDifferBySalt) {
  const std::string a = hash_password("same password here");
  const std::string b = hash_password("same password here");
  EXPECT_NE(a, b);
  EXPECT_TRUE(verify_password("same password here", a));
  EXPECT_TRUE(verify_password("same password here", b));
}

TEST(PasswordHash, HandlesUnicodeAndEmbeddedNul) {
  const std::string password = std::string("пароль 🔑 ") + '\0' + "tail";
  const std::string encoded = hash_password(password);
  EXPECT_TRUE(verify_password(password, encoded));
  EXPECT_FALSE(verify_password("пароль 🔑 ", encoded));  // stops at the NUL: must not match
}

TEST(PasswordHash, MalformedEncodedStringIsFalse) {
  const std::string good = hash_password("correct horse battery");
  for (const std::string& bad :
       {std::string(), std::string("correct horse battery"), std::string("$argon2id$"),
        good.substr(0, good.size() - 5), good + "x",
        "$argon2i$" + good.substr(std::string("$argon2id$").size()),  // another variant
        std::string("$argon2id$v=19$m=19456,t=2,p=1$!!!$!!!")}) {
    EXPECT_FALSE(verify_password("correct horse battery", bad)) << bad;
  }
}

TEST(PasswordHash, CheckWithoutAccountReturns) {
  EXPECT_NO_THROW(verify_password_without_account("anything at all"));
  EXPECT_NO_THROW(verify_password_without_account(""));
}

TEST(PasswordRules, LengthInCharactersBetween10And200) {
  EXPECT_NO_THROW(check_password_rules("0123456789"));
  EXPECT_NO_THROW(check_password_rules(std::string(200, 'a')));
  EXPECT_NO_THROW(check_password_rules("пароль1234"));  // 10 characters, 16 bytes
  try {
    check_password_rules("012345678");
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].field, "password");
    EXPECT_EQ(e.errors()[0].message, "must be at least 10 characters");
  }
  EXPECT_THROW(check_password_rules(""), ValidationError);
  EXPECT_THROW(check_password_rules("пароль123"), ValidationError);  // 9 characters, 15 bytes
  try {
    check_password_rules(std::string(201, 'a'));
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.errors()[0].field, "password");
    EXPECT_EQ(e.errors()[0].message, "must be at most 200 characters");
  }
}

}  // namespace
}  // namespace taperlab::auth
