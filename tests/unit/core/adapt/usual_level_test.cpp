#include "core/adapt/usual_level.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/adapt/series_stats.hpp"

namespace taperlab::adapt {
namespace {

CivilDate date(const char* text) { return parse_civil_date(text, "date"); }

std::vector<SymptomDay> series(CivilDate from, const std::vector<double>& shares) {
  std::vector<SymptomDay> days;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    days.push_back({from.plus_days(static_cast<int>(i)), shares[i], 0, {}});
  }
  return days;
}

TEST(AdaptUsualLevel, PrefersTheWeekBeforeTheFirstCut) {
  const auto days = series(date("2026-02-20"), {0.30, 0.30, 0.10, 0.12, 0.14, 0.11, 0.13, 0.12,
                                                0.12, 0.05, 0.05, 0.05, 0.05, 0.05});
  const auto u = usual_level(days, date("2026-03-01"), date("2026-03-05"));
  ASSERT_TRUE(u);
  EXPECT_EQ(u->source, UsualLevelSource::kWeekBeforeFirstCut);
  EXPECT_EQ(u->from, date("2026-02-22"));
  EXPECT_EQ(u->to, date("2026-02-28"));
  EXPECT_EQ(u->check_ins, 7);
  EXPECT_NEAR(u->share, 0.12, 1e-12);
}

TEST(AdaptUsualLevel, FallsBackToTheCalmestWeekThenToEverything) {
  auto days = series(date("2026-03-01"), {0.20, 0.22, 0.21, 0.10, 0.11, 0.09, 0.10, 0.10});
  // Only two check-ins in the week before the first cut: not enough.
  days.push_back({date("2026-02-22"), 0.02, 0, {}});
  days.push_back({date("2026-02-28"), 0.30, 0, {}});
  auto u = usual_level(days, date("2026-03-01"), date("2026-03-08"));
  ASSERT_TRUE(u);
  EXPECT_EQ(u->source, UsualLevelSource::kCalmestWeek);
  EXPECT_NEAR(u->share, 0.10, 1e-12);  // 2026-03-02..08 holds 22 21 10 11 9 10 10
  // Days after `today` do not count: by 2026-03-03 the calmest week ends that day (30 20 22 21).
  u = usual_level(days, std::nullopt, date("2026-03-03"));
  EXPECT_NEAR(u->share, 0.215, 1e-12);
  EXPECT_EQ(u->to, date("2026-03-03"));
  // Check-ins too sparse for any week of 3.
  const std::vector<SymptomDay> sparse = {{date("2026-03-01"), 0.3, 0, {}},
                                          {date("2026-03-09"), 0.1, 0, {}}};
  u = usual_level(sparse, std::nullopt, date("2026-03-20"));
  EXPECT_EQ(u->source, UsualLevelSource::kAllCheckIns);
  EXPECT_NEAR(u->share, 0.2, 1e-12);
  EXPECT_FALSE(usual_level({}, std::nullopt, date("2026-03-20")).has_value());
}

TEST(AdaptSeriesStats, MedianMeanAndLine) {
  EXPECT_DOUBLE_EQ(median({3, 1, 2}), 2.0);
  EXPECT_DOUBLE_EQ(median({4, 1, 3, 2}), 2.5);
  EXPECT_DOUBLE_EQ(median({}), 0.0);
  EXPECT_DOUBLE_EQ(mean({1, 2, 3, 6}), 3.0);
  const LineFit exact = fit_line({0, 1, 2, 3}, {1, 3, 5, 7});
  EXPECT_NEAR(exact.slope, 2.0, 1e-12);
  EXPECT_NEAR(exact.slope_se, 0.0, 1e-12);
  EXPECT_TRUE(exact.has_se);
  // Fitted line 0.3 + 0.8 x: residuals 0.2 -0.6 0.6 -0.2, RSS 0.8, SE sqrt(0.8 / 2 / 5).
  const LineFit noisy = fit_line({0, 1, 2, 3}, {0.5, 0.5, 2.5, 2.5});
  EXPECT_NEAR(noisy.slope, 0.8, 1e-12);
  EXPECT_NEAR(noisy.slope_se, std::sqrt(0.08), 1e-12);
  EXPECT_FALSE(fit_line({1, 1, 1}, {1, 2, 3}).has_se);
  EXPECT_DOUBLE_EQ(t_critical_95_one_sided(5), 2.015);
  EXPECT_DOUBLE_EQ(t_critical_95_one_sided(11), 1.812);
  EXPECT_DOUBLE_EQ(t_critical_95_one_sided(1000), 1.645);
}

}  // namespace
}  // namespace taperlab::adapt
