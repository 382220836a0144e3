#include "core/base/name_suggest.hpp"

#include <gtest/gtest.h>

namespace taperlab {
namespace {

TEST(NameSuggest, FindsCloseSpellings) {
  const std::vector<std::string> names = {"alprazolam", "clonazepam", "clorazepate",
                                          "lorazepam",  "diazepam",   "zolpidem"};
  EXPECT_EQ(nearest_names("clonazepan", names).front(), "clonazepam");
  EXPECT_EQ(nearest_names("Diazepam", names).front(), "diazepam");
  EXPECT_EQ(nearest_names("alpra", names).front(), "alprazolam");
  EXPECT_TRUE(nearest_names("paracetamolxyz", names).empty());
}

}  // namespace
}  // namespace taperlab
