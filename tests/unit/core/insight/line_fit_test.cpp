#include "core/insight/line_fit.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/base/error.hpp"

namespace taperlab::insight {
namespace {

// Worked by hand: x = 0..4, y = 1 3 2 5 4. Means 2 and 3; Sxx = 10, Sxy = 8, so the slope is 0.8
// and the intercept 1.4. Residuals -0.4 0.8 -1 1.2 -0.6 give SSE = 3.6, s^2 = 3.6 / 3 = 1.2 and
// se = sqrt(1.2 / 10) = 0.346410. With t(0.975, 3) = 3.182446 the half-width is 1.102432.
TEST(StatLineFit, MatchesAHandComputedFit) {
  const std::vector<double> x = {0, 1, 2, 3, 4};
  const std::vector<double> y = {1, 3, 2, 5, 4};
  const LineFit fit = fit_line(x, y);
  EXPECT_EQ(fit.n, 5);
  EXPECT_NEAR(fit.slope, 0.8, 1e-12);
  EXPECT_NEAR(fit.intercept, 1.4, 1e-12);
  EXPECT_NEAR(fit.slope_se, std::sqrt(0.12), 1e-12);
  EXPECT_DOUBLE_EQ(fit.df, 3.0);
  EXPECT_NEAR(fit.ci_low, 0.8 - 1.102432, 1e-5);
  EXPECT_NEAR(fit.ci_high, 0.8 + 1.102432, 1e-5);
}

TEST(StatLineFit, ScalingXScalesTheSlopeAndItsInterval) {
  // The trend fits x in weeks: dividing x by 7 multiplies slope and interval by 7.
  const std::vector<double> x = {0, 1.0 / 7, 2.0 / 7, 3.0 / 7, 4.0 / 7};
  const std::vector<double> y = {1, 3, 2, 5, 4};
  const LineFit fit = fit_line(x, y);
  EXPECT_NEAR(fit.slope, 5.6, 1e-10);
  EXPECT_NEAR(fit.ci_low, 7 * (0.8 - 1.102432), 1e-4);
  EXPECT_NEAR(fit.ci_high, 7 * (0.8 + 1.102432), 1e-4);
}

TEST(StatLineFit, AnExactLineHasNoUncertainty) {
  const std::vector<double> x = {10, 11, 13, 20};
  const std::vector<double> y = {5, 4.5, 3.5, 0};
  const LineFit fit = fit_line(x, y);
  EXPECT_NEAR(fit.slope, -0.5, 1e-12);
  EXPECT_NEAR(fit.slope_se, 0.0, 1e-12);
  EXPECT_NEAR(fit.ci_low, -0.5, 1e-9);
  EXPECT_NEAR(fit.ci_high, -0.5, 1e-9);
}

TEST(StatLineFit, NeedsThreePointsAndTwoDistinctX) {
  EXPECT_THROW(fit_line(std::vector<double>{1, 2}, std::vector<double>{1, 2}), Error);
  EXPECT_THROW(fit_line(std::vector<double>{3, 3, 3}, std::vector<double>{1, 2, 3}), Error);
  EXPECT_THROW(fit_line(std::vector<double>{1, 2, 3}, std::vector<double>{1, 2}), Error);
}

}  // namespace
}  // namespace taperlab::insight
