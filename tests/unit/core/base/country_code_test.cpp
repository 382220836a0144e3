#include "core/base/country_code.hpp"

#include <gtest/gtest.h>

#include "core/base/error.hpp"

namespace taperlab {
namespace {

TEST(CountryCode, TrimsAndUpperCases) {
  EXPECT_EQ(CountryCode::parse("US", "country").str(), "US");
  EXPECT_EQ(CountryCode::parse(" de ", "country").str(), "DE");
  EXPECT_EQ(CountryCode::parse("gB\t", "country").str(), "GB");
  EXPECT_EQ(CountryCode::parse("uk", "country"), CountryCode::parse("UK", "country"));
}

TEST(CountryCode, RefusesAnythingButTwoLettersWithOneMessage) {
  for (const char* text : {"", " ", "U", "USA", "U S", "1A", "é", "U-", "GBR"}) {
    try {
      (void)CountryCode::parse(text, "country");
      ADD_FAILURE() << "accepted '" << text << "'";
    } catch (const ValidationError& e) {
      ASSERT_EQ(e.errors().size(), 1u);
      EXPECT_EQ(e.errors()[0].field, "country");
      EXPECT_EQ(e.errors()[0].message, CountryCode::kExpected);
      EXPECT_STREQ(e.what(), "country: expected a two-letter country code such as US or GB");
    }
    EXPECT_FALSE(CountryCode::try_parse(text).has_value()) << text;
  }
}

TEST(CountryCode, TheUnitedKingdomHasTwoCodesAndTheCatalogueUsesUk) {
  // Both are kept as given (the crisis lines file lists GB, with UK as its alias) ...
  EXPECT_EQ(CountryCode::parse("gb", "country").str(), "GB");
  EXPECT_EQ(CountryCode::parse("uk", "country").str(), "UK");
  // ... and the drug catalogue's products carry UK.
  EXPECT_EQ(CountryCode::parse("gb", "country").catalogue_code(), "UK");
  EXPECT_EQ(CountryCode::parse("UK", "country").catalogue_code(), "UK");
  EXPECT_EQ(CountryCode::parse("ie", "country").catalogue_code(), "IE");
}

TEST(CountryCode, CanonicalIsTwoUpperCaseLettersAsStored) {
  EXPECT_TRUE(CountryCode::is_canonical("EU"));
  EXPECT_FALSE(CountryCode::is_canonical("eu"));
  EXPECT_FALSE(CountryCode::is_canonical(" EU"));
  EXPECT_FALSE(CountryCode::is_canonical("EUR"));
}

}  // namespace
}  // namespace taperlab
