#include "core/insight/holm.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace taperlab::insight {
namespace {

// Sorted: 0.005 x4 = 0.02, 0.01 x3 = 0.03, 0.03 x2 = 0.06, 0.04 x1 = 0.04 -> 0.06 (monotone).
TEST(StatHolm, AdjustsInSortedOrderAndReturnsInInputOrder) {
  const std::vector<double> p = {0.01, 0.04, 0.03, 0.005};
  const std::vector<double> adjusted = holm_adjust(p);
  ASSERT_EQ(adjusted.size(), 4u);
  EXPECT_NEAR(adjusted[0], 0.03, 1e-12);
  EXPECT_NEAR(adjusted[1], 0.06, 1e-12);
  EXPECT_NEAR(adjusted[2], 0.06, 1e-12);
  EXPECT_NEAR(adjusted[3], 0.02, 1e-12);
}

TEST(StatHolm, CapsAtOneAndLeavesASingleTestAlone) {
  EXPECT_EQ(holm_adjust(std::vector<double>{0.3, 0.6}), (std::vector<double>{0.6, 0.6}));
  EXPECT_EQ(holm_adjust(std::vector<double>{0.9, 0.7, 0.8}), (std::vector<double>{1, 1, 1}));
  EXPECT_EQ(holm_adjust(std::vector<double>{0.04}), (std::vector<double>{0.04}));
  EXPECT_TRUE(holm_adjust(std::vector<double>{}).empty());
}

TEST(StatHolm, NeverBelowTheRawPAndKeepsTheOrderOfPValues) {
  const std::vector<double> p = {0.2, 0.001, 0.05, 0.012, 0.012, 0.9, 0.03};
  const std::vector<double> adjusted = holm_adjust(p);
  for (std::size_t i = 0; i < p.size(); ++i) {
    EXPECT_GE(adjusted[i], p[i]);
    for (std::size_t j = 0; j < p.size(); ++j) {
      if (p[i] < p[j]) {
        EXPECT_LE(adjusted[i], adjusted[j]);
      }
    }
  }
  EXPECT_NEAR(adjusted[1], 0.007, 1e-12);  // smallest of 7: x7
}

}  // namespace
}  // namespace taperlab::insight
