#include "core/insight/welch.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace taperlab::insight {
namespace {

// By hand: a = 1 2 3, b = 4 5 6. Means 2 and 5, both variances 1, so se^2 = 1/3 + 1/3 = 2/3 and
// Welch's df = (2/3)^2 / ((1/3)^2 / 2 + (1/3)^2 / 2) = 4. t = -3 / sqrt(2/3) = -3.674235; with
// t(0.975, 4) = 2.776445 the interval is -3 +- 2.266958; p from the df = 4 closed form 0.021312.
TEST(StatWelch, MatchesAHandComputedEqualSpreadCase) {
  const std::vector<double> a = {1, 2, 3};
  const std::vector<double> b = {4, 5, 6};
  const auto r = welch_test(a, b);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->n_a, 3);
  EXPECT_EQ(r->n_b, 3);
  EXPECT_DOUBLE_EQ(r->mean_a, 2.0);
  EXPECT_DOUBLE_EQ(r->mean_b, 5.0);
  EXPECT_DOUBLE_EQ(r->difference, -3.0);
  EXPECT_NEAR(r->se, std::sqrt(2.0 / 3.0), 1e-12);
  EXPECT_NEAR(r->df, 4.0, 1e-12);
  EXPECT_NEAR(r->t, -3.674235, 1e-6);
  EXPECT_NEAR(r->p, 0.021312, 1e-6);
  EXPECT_NEAR(r->ci_low, -3.0 - 2.266958, 1e-5);
  EXPECT_NEAR(r->ci_high, -3.0 + 2.266958, 1e-5);
}

// By hand: a = 1 2 3 4 (mean 2.5, variance 5/3), b = 2 4 6 (mean 4, variance 4). Squared standard
// errors 5/12 and 4/3, se^2 = 7/4; df = (49/16) / (25/432 + 384/432) = 1323/409 = 3.234719.
TEST(StatWelch, MatchesAHandComputedUnequalSpreadCase) {
  const std::vector<double> a = {1, 2, 3, 4};
  const std::vector<double> b = {2, 4, 6};
  const auto r = welch_test(a, b);
  ASSERT_TRUE(r);
  EXPECT_DOUBLE_EQ(r->difference, -1.5);
  EXPECT_NEAR(r->se, std::sqrt(1.75), 1e-12);
  EXPECT_NEAR(r->df, 1323.0 / 409.0, 1e-12);
  EXPECT_NEAR(r->t, -1.5 / std::sqrt(1.75), 1e-12);
  // The interval's multiplier lies between the table values for df 3 and 4 (3.182 and 2.776);
  // the pooled Student's test would have used df = 5 (2.571).
  const double multiplier = (r->ci_high - r->difference) / r->se;
  EXPECT_LT(multiplier, 3.1824);
  EXPECT_GT(multiplier, 2.7764);
  EXPECT_NEAR(r->ci_low, r->difference - multiplier * r->se, 1e-12);
}

TEST(StatWelch, SwappingGroupsFlipsTheSign) {
  const std::vector<double> a = {3, 5, 4, 6};
  const std::vector<double> b = {1, 2, 2, 4, 3};
  const auto ab = welch_test(a, b);
  const auto ba = welch_test(b, a);
  ASSERT_TRUE(ab && ba);
  EXPECT_DOUBLE_EQ(ab->difference, -ba->difference);
  EXPECT_NEAR(ab->ci_low, -ba->ci_high, 1e-12);
  EXPECT_NEAR(ab->p, ba->p, 1e-12);
}

TEST(StatWelch, AbsentWithTooFewValuesOrNoSpread) {
  EXPECT_FALSE(welch_test(std::vector<double>{1}, std::vector<double>{1, 2, 3}));
  EXPECT_FALSE(welch_test(std::vector<double>{2, 2, 2}, std::vector<double>{5, 5, 5}));
  // One group varying is enough.
  EXPECT_TRUE(welch_test(std::vector<double>{2, 2, 2}, std::vector<double>{5, 6, 5}));
}

}  // namespace
}  // namespace taperlab::insight
