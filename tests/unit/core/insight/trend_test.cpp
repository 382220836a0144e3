#include "core/insight/trend.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace taperlab::insight {
namespace {

const CivilDate kStart = parse_civil_date("2027-01-04", "start");

CivilDate day(int n) { return kStart.plus_days(n); }

// One value a day from day `first` on.
std::vector<DatedValue> daily(int first, const std::vector<double>& values) {
  std::vector<DatedValue> series;
  for (std::size_t i = 0; i < values.size(); ++i) {
    series.push_back({day(first + static_cast<int>(i)), values[i]});
  }
  return series;
}

Trend daily_trend(std::vector<DatedValue> series, int last_day, std::vector<CutMark> cuts = {}) {
  return compute_trend(TrendMeasure::kSymptoms, std::move(series), day(0), day(last_day),
                       TrendOptions{}, cuts);
}

TrendOptions daily_28() { return TrendOptions{kDailyWindowDays, kTrendMinPoints, true}; }

TEST(InsightTrend, FewerThanFivePointsIsNotEnoughData) {
  const Trend t = daily_trend(daily(0, {10, 20, 30, 40}), 3);
  EXPECT_EQ(t.n, 4);
  EXPECT_FALSE(t.fit);
  EXPECT_EQ(t.direction, TrendDirection::kNotEnoughData);
}

// The hand-computed fit of line_fit_test, as daily values: 0.8 a day is 5.6 a week with the
// interval -2.117 to 13.317, which includes zero.
TEST(InsightTrend, SlopeIsPerWeekAndAnIntervalWithZeroIsNoClearChange) {
  const Trend t = daily_trend(daily(0, {1, 3, 2, 5, 4}), 4);
  ASSERT_TRUE(t.fit);
  EXPECT_NEAR(t.fit->slope, 5.6, 1e-10);
  EXPECT_NEAR(t.fit->ci_low, 7 * (0.8 - 1.102432), 1e-4);
  EXPECT_NEAR(t.fit->ci_high, 7 * (0.8 + 1.102432), 1e-4);
  EXPECT_EQ(t.direction, TrendDirection::kNoClearChange);
}

TEST(InsightTrend, RisingAndFallingOnlyWhenTheIntervalExcludesZero) {
  std::vector<double> up;
  std::vector<double> down;
  for (int i = 0; i < 14; ++i) {
    const double wobble = (i % 2 == 0) ? 0.5 : -0.5;
    up.push_back(20 + 0.5 * i + wobble);
    down.push_back(60 - 0.5 * i + wobble);
  }
  const Trend rising = daily_trend(daily(0, up), 13);
  const Trend falling = daily_trend(daily(0, down), 13);
  EXPECT_EQ(rising.direction, TrendDirection::kRising);
  EXPECT_GT(rising.fit->ci_low, 0.0);
  EXPECT_NEAR(rising.fit->slope, 3.5, 0.3);
  EXPECT_EQ(falling.direction, TrendDirection::kFalling);
  EXPECT_LT(falling.fit->ci_high, 0.0);
}

TEST(InsightTrend, WindowIsTheLast28DaysOfThePeriod) {
  // 40 days: a steep rise in the first 12, then flat with a wobble for the last 28.
  std::vector<double> values;
  for (int i = 0; i < 40; ++i) values.push_back(i < 12 ? 5.0 * i : 50 + (i % 3) - 1);
  const Trend t =
      compute_trend(TrendMeasure::kSymptoms, daily(0, values), day(0), day(39), daily_28(), {});
  EXPECT_EQ(t.window_from, day(12));
  EXPECT_EQ(t.window_to, day(39));
  EXPECT_EQ(t.n, 28);
  EXPECT_EQ(t.direction, TrendDirection::kNoClearChange);
}

TEST(InsightTrend, WindowIsTheWholePeriodWhenShorter) {
  const Trend t = compute_trend(TrendMeasure::kSymptoms, daily(0, {1, 2, 3, 4, 5, 6}), day(0),
                                day(9), daily_28(), {});
  EXPECT_EQ(t.window_from, day(0));
  EXPECT_EQ(t.window_to, day(9));
  EXPECT_EQ(t.n, 6);
}

TEST(InsightTrend, LastSevenDaysAgainstTheSevenBefore) {
  std::vector<double> values;
  for (int i = 0; i < 20; ++i) values.push_back(i);
  const Trend t = daily_trend(daily(0, values), 19);
  EXPECT_EQ(t.last_7_days.from, day(13));
  EXPECT_EQ(t.last_7_days.to, day(19));
  EXPECT_EQ(t.last_7_days.n, 7);
  EXPECT_DOUBLE_EQ(*t.last_7_days.mean, 16.0);
  EXPECT_EQ(t.previous_7_days.from, day(6));
  EXPECT_EQ(t.previous_7_days.to, day(12));
  EXPECT_DOUBLE_EQ(*t.previous_7_days.mean, 9.0);
}

TEST(InsightTrend, CutsCompareTheThreeDaysBeforeWithTheFirstThreeOnTheNewDose) {
  std::vector<double> values;
  for (int i = 0; i < 20; ++i) values.push_back(i);
  const std::vector<CutMark> cuts = {{day(10), 10.0, 9.0}};
  const Trend t = daily_trend(daily(0, values), 19, cuts);
  ASSERT_EQ(t.cuts.size(), 1u);
  EXPECT_EQ(t.cuts[0].before.from, day(7));
  EXPECT_EQ(t.cuts[0].before.to, day(9));
  EXPECT_DOUBLE_EQ(*t.cuts[0].before.mean, 8.0);
  EXPECT_EQ(t.cuts[0].after.from, day(10));
  EXPECT_EQ(t.cuts[0].after.to, day(12));
  EXPECT_DOUBLE_EQ(*t.cuts[0].after.mean, 11.0);
  EXPECT_EQ(*t.cuts[0].cut.dose_after_mg, 9.0);
}

TEST(InsightTrend, CutsOutsideTheWindowAreLeftOut) {
  std::vector<double> values(40, 10.0);
  const std::vector<CutMark> cuts = {{day(5), 10.0, 9.0}, {day(30), 9.0, 8.0}};
  const Trend t =
      compute_trend(TrendMeasure::kSymptoms, daily(0, values), day(0), day(39), daily_28(), cuts);
  ASSERT_EQ(t.cuts.size(), 1u);
  EXPECT_EQ(t.cuts[0].cut.date, day(30));
}

TEST(InsightTrend, SparseMeasuresShowLatestAndPreviousValues) {
  const std::vector<DatedValue> phq = {{day(28), 9}, {day(0), 14}, {day(14), 11}};
  const Trend t = compute_trend(TrendMeasure::kPhq9, phq, day(0), day(30),
                                TrendOptions{kQuestionnaireWindowDays, kTrendMinPoints, false}, {});
  EXPECT_FALSE(t.daily);
  EXPECT_EQ(t.direction, TrendDirection::kNotEnoughData);
  ASSERT_TRUE(t.latest && t.previous);
  EXPECT_EQ(t.latest->date, day(28));
  EXPECT_DOUBLE_EQ(t.latest->value, 9);
  EXPECT_EQ(t.previous->date, day(14));
  EXPECT_TRUE(t.cuts.empty());
  EXPECT_EQ(t.last_7_days.n, 0);
}

TEST(InsightTrend, ValuesAllOnOneDayGiveNoSlope) {
  const std::vector<DatedValue> same_day(6, DatedValue{day(3), 7});
  const Trend t = daily_trend(same_day, 5);
  EXPECT_EQ(t.n, 6);
  EXPECT_FALSE(t.fit);
  EXPECT_EQ(t.direction, TrendDirection::kNotEnoughData);
}

}  // namespace
}  // namespace taperlab::insight
