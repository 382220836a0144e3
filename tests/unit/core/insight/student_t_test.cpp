#include "core/insight/student_t.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "core/base/error.hpp"

namespace taperlab::insight {
namespace {

// Two-sided 95% critical values from standard t tables.
TEST(StatStudentT, QuantilesMatchTables) {
  EXPECT_NEAR(student_t_quantile(0.975, 1), 12.7062, 1e-3);
  EXPECT_NEAR(student_t_quantile(0.975, 2), 4.3027, 1e-3);
  EXPECT_NEAR(student_t_quantile(0.975, 5), 2.5706, 1e-3);
  EXPECT_NEAR(student_t_quantile(0.975, 10), 2.2281, 1e-3);
  EXPECT_NEAR(student_t_quantile(0.975, 30), 2.0423, 1e-3);
  EXPECT_NEAR(student_t_quantile(0.975, 1000), 1.9623, 1e-3);
  // Other levels of the same tables.
  EXPECT_NEAR(student_t_quantile(0.95, 1), 6.3138, 1e-3);
  EXPECT_NEAR(student_t_quantile(0.95, 10), 1.8125, 1e-3);
  EXPECT_NEAR(student_t_quantile(0.995, 10), 3.1693, 1e-3);
  EXPECT_NEAR(student_t_quantile(0.9995, 5), 6.8688, 1e-3);
}

TEST(StatStudentT, QuantileIsSymmetricAndZeroAtTheMedian) {
  EXPECT_DOUBLE_EQ(student_t_quantile(0.5, 7), 0.0);
  EXPECT_NEAR(student_t_quantile(0.025, 10), -student_t_quantile(0.975, 10), 1e-12);
}

// df = 1 is the Cauchy distribution and df = 2 has a closed form: exact checks of the CDF.
TEST(StatStudentT, CdfMatchesClosedFormsForOneAndTwoDf) {
  for (double t : {-30.0, -2.5, -0.3, 0.0, 0.7, 1.0, 4.0, 100.0}) {
    EXPECT_NEAR(student_t_cdf(t, 1), 0.5 + std::atan(t) / std::numbers::pi, 1e-12) << t;
    EXPECT_NEAR(student_t_cdf(t, 2), 0.5 + t / (2.0 * std::sqrt(2.0 + t * t)), 1e-12) << t;
  }
}

TEST(StatStudentT, QuantileInvertsTheCdfForFractionalDf) {
  for (double df : {1.5, 3.23, 7.9, 55.5}) {
    for (double p : {0.001, 0.1, 0.6, 0.975, 0.999}) {
      EXPECT_NEAR(student_t_cdf(student_t_quantile(p, df), df), p, 1e-10) << df << " " << p;
    }
  }
}

TEST(StatStudentT, TwoSidedPMatchesTheClosedFormForFourDf) {
  // For df = 4, P(T <= t) = 1/2 + (3/8) (t / s) (1 - t^2 / (12 s^2)) with s = sqrt(1 + t^2 / 4).
  const double t = 3.0 / std::sqrt(2.0 / 3.0);  // the Welch example: difference 3, se sqrt(2/3)
  const double s2 = 1.0 + t * t / 4.0;
  const double cdf = 0.5 + 0.375 * (t / std::sqrt(s2)) * (1.0 - t * t / (12.0 * s2));
  EXPECT_NEAR(student_t_two_sided_p(t, 4), 2.0 * (1.0 - cdf), 1e-12);
  EXPECT_NEAR(student_t_two_sided_p(t, 4), 0.021312, 1e-6);
}

TEST(StatStudentT, IncompleteBetaKnownValues) {
  EXPECT_NEAR(regularized_incomplete_beta(2, 3, 0.5), 11.0 / 16.0, 1e-14);
  EXPECT_NEAR(regularized_incomplete_beta(1, 1, 0.3), 0.3, 1e-14);
  EXPECT_NEAR(regularized_incomplete_beta(4, 1, 0.8), std::pow(0.8, 4), 1e-14);
  EXPECT_DOUBLE_EQ(regularized_incomplete_beta(2, 2, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(regularized_incomplete_beta(2, 2, 1.0), 1.0);
}

TEST(StatStudentT, RejectsOutOfDomainArguments) {
  EXPECT_THROW(student_t_quantile(0.0, 5), Error);
  EXPECT_THROW(student_t_quantile(1.0, 5), Error);
  EXPECT_THROW(student_t_quantile(0.9, 0), Error);
  EXPECT_THROW(student_t_cdf(1.0, -1), Error);
  EXPECT_THROW(regularized_incomplete_beta(0, 1, 0.5), Error);
}

}  // namespace
}  // namespace taperlab::insight
