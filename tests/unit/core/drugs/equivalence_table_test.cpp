#include "core/drugs/equivalence_table.hpp"

#include <gtest/gtest.h>

#include "core/base/error.hpp"
#include "test_catalog.hpp"

namespace taperlab {
namespace {

using testing::shipped_catalog;

TEST(Equivalence, TwoMilligramsClonazepamIsFortyDiazepamByAshton) {
  const Conversion c = convert(shipped_catalog().table("ashton"), "clonazepam", 2.0, "diazepam");
  EXPECT_DOUBLE_EQ(c.amount_mg, 40.0);
  EXPECT_LE(c.low_mg, 40.0);
  EXPECT_GE(c.high_mg, 40.0);
}

TEST(Equivalence, LorazepamOneMilligramTwiceDailyIsDiazepamTwentyByNhsScotland) {
  // The NHS Scotland crossover example: lorazepam 1 mg bd -> diazepam 10 mg bd.
  const Conversion c =
      convert(shipped_catalog().table("nhs-scotland"), "lorazepam", 2.0, "diazepam");
  EXPECT_DOUBLE_EQ(c.amount_mg, 20.0);
}

TEST(Equivalence, RangesCombineBothDrugs) {
  const auto& ashton = shipped_catalog().table("ashton");
  // Ashton: flurazepam 15-30 mg, lorazepam 1 mg.
  const Conversion c = convert(ashton, "flurazepam", 30.0, "lorazepam");
  EXPECT_DOUBLE_EQ(c.low_mg, 1.0);
  EXPECT_DOUBLE_EQ(c.high_mg, 2.0);
}

TEST(Equivalence, TablesDisagreeAndEveryTableHasItsSource) {
  const auto& c = shipped_catalog();
  ASSERT_GE(c.tables().size(), 4u);
  for (const char* id : {"ashton", "vadod", "who", "nhs-scotland"}) {
    const auto& t = c.table(id);
    EXPECT_FALSE(t.citation.empty()) << id;
    EXPECT_DOUBLE_EQ(t.at("diazepam").dose_mg, 10.0) << id;
  }
  EXPECT_NE(c.table("ashton").at("alprazolam").dose_mg, c.table("vadod").at("alprazolam").dose_mg);
}

TEST(Equivalence, MissingDrugNamesTheTable) {
  const auto& ashton = shipped_catalog().table("ashton");
  try {
    (void)ashton.at("aspirin");
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("ashton"), std::string::npos);
  }
}

}  // namespace
}  // namespace taperlab
