#include "core/model/daily_course.hpp"

#include <gtest/gtest.h>

#include "core/base/error.hpp"

namespace taperlab {
namespace {

SimulationTrace ramp(double step_h, double hours) {
  SimulationTrace t;
  for (double h = 0; h <= hours + 1e-9; h += step_h) {
    t.t_h.push_back(h);
    t.withdrawal.push_back(h / 24.0);  // W rises by 1 a day
    t.adaptation_remaining.push_back(1.0);
  }
  return t;
}

TEST(AdaptDailySeries, MeansOfWholeDaysByTheTrapezoidRule) {
  // A linear ramp: the trapezoid rule is exact, day d's mean is d + 0.5.
  const DailyCourse d = daily_means(ramp(1.0, 72.0));
  ASSERT_EQ(d.days(), 3);
  EXPECT_NEAR(d.withdrawal[0], 0.5, 1e-12);
  EXPECT_NEAR(d.withdrawal[2], 2.5, 1e-12);
  EXPECT_NEAR(d.adaptation_remaining[1], 1.0, 1e-12);
  // Coarser grids agree; a partial last day is left out.
  const DailyCourse c = daily_means(ramp(6.0, 60.0));
  ASSERT_EQ(c.days(), 2);
  EXPECT_NEAR(c.withdrawal[1], 1.5, 1e-12);
}

TEST(AdaptDailySeries, StepMustDivideADay) {
  EXPECT_THROW((void)daily_means(ramp(5.0, 48.0)), ValidationError);
}

}  // namespace
}  // namespace taperlab
