// One-time clinician link codes (auth/link_codes.hpp): their form, how a typed code is read, and
// the expiry 7 days on.
#include "auth/link_codes.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace taperlab::auth {
namespace {

TEST(LinkCodes, AFreshCodeIsFourGroupsOfFourFromTheAlphabet) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string code = random_link_code();
    ASSERT_EQ(code.size(), 19u) << code;
    for (std::size_t at : {4u, 9u, 14u}) EXPECT_EQ(code[at], '-') << code;
    EXPECT_EQ(code.find_first_of("ILOU"), std::string::npos) << code;  // no look-alikes
    const auto canonical = canonical_link_code(code);
    ASSERT_TRUE(canonical.has_value()) << code;
    EXPECT_EQ(canonical->size(), 16u);
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 200u);  // 80 bits: no repeats
}

TEST(LinkCodes, ATypedCodeIsReadAsPeopleCopyIt) {
  EXPECT_EQ(canonical_link_code("abcd-efgh-jkmn-pqrs"), "ABCDEFGHJKMNPQRS");
  EXPECT_EQ(canonical_link_code(" ABCD EFGH JKMN PQRS "), "ABCDEFGHJKMNPQRS");
  EXPECT_EQ(canonical_link_code("OOOO-IIII-LLLL-0000"), "0000111111110000");
  EXPECT_FALSE(canonical_link_code("ABCD-EFGH-JKMN-PQR").has_value());    // too short
  EXPECT_FALSE(canonical_link_code("ABCD-EFGH-JKMN-PQRST").has_value());  // too long
  EXPECT_FALSE(canonical_link_code("ABCD-EFGH-JKMN-PQRU").has_value());   // U is not a symbol
  EXPECT_FALSE(canonical_link_code("ABCD-EFGH-JKMN-PQR!").has_value());
  EXPECT_FALSE(canonical_link_code("").has_value());
  // The hash is of the canonical form, so every spelling finds the same code.
  EXPECT_EQ(link_code_hash(*canonical_link_code("abcd-efgh-jkmn-pqrs")),
            link_code_hash("ABCDEFGHJKMNPQRS"));
  EXPECT_EQ(link_code_hash("ABCDEFGHJKMNPQRS").size(), 64u);
}

TEST(LinkCodes, ACodeExpiresSevenDaysAfterItIsMade) {
  EXPECT_EQ(link_code_expiry("2026-03-01T09:00:00Z"), "2026-03-08T09:00:00Z");
  EXPECT_EQ(link_code_expiry("2026-12-28T23:59:59Z"), "2027-01-04T23:59:59Z");
}

}  // namespace
}  // namespace taperlab::auth
