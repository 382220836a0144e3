// The cohort summary on hand-made courses: what it counts, and that merging parts (threads,
// shards) in any order gives the summary of the whole, count for count.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "core/cohort/cohort_summary.hpp"

namespace taperlab::cohort {
namespace {

struct Course {
  std::vector<double> w, e, r;
  [[nodiscard]] PersonCourse view(std::uint64_t index) const { return {index, w, e, r}; }
};

// A made-up person: W rises to `peak` on `peak_day` and falls back, R decays at `r_rate` a day.
Course made_up(int days, double peak, int peak_day, double r_rate) {
  Course c;
  for (int d = 0; d < days; ++d) {
    c.w.push_back(std::max(0.0, peak * (1.0 - std::abs(d - peak_day) / 5.0)));
    c.e.push_back(0.5 * std::exp(-0.05 * d));
    c.r.push_back(std::exp(-r_rate * d));
  }
  return c;
}

std::vector<Course> random_cohort(int people, int days, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::lognormal_distribution<double> peak(std::log(0.03), 0.8);
  std::uniform_int_distribution<int> day(0, days - 1);
  std::lognormal_distribution<double> rate(std::log(0.05), 0.7);
  std::vector<Course> out;
  for (int i = 0; i < people; ++i) {
    const bool none = i % 4 == 0;  // a quarter never feel any withdrawal pressure
    out.push_back(made_up(days, none ? 0.0 : peak(rng), day(rng), rate(rng)));
  }
  return out;
}

TEST(CohortSummary, CountsThresholdPeakAndRemaining) {
  const int days = 30;
  CohortSummary s(days, 0.025);
  // Above 0.025 for days 8..12 (W 0.04 x (1 - |d - 10| / 5) > 0.025 when |d - 10| < 1.875).
  const Course above = made_up(days, 0.04, 10, 0.2);
  // Never above; R falls to 0.1 after ln(10)/0.01 = 230 days: beyond the horizon.
  const Course below = made_up(days, 0.02, 3, 0.01);
  const Course none = made_up(days, 0.0, 0, 0.5);
  s.add(above.view(0));
  s.add(below.view(1));
  s.add(none.view(2));
  EXPECT_EQ(s.people(), 3U);
  EXPECT_EQ(s.people_above(), 1U);
  EXPECT_EQ(s.days_above()[0], 2U);
  EXPECT_EQ(s.days_above()[3], 1U);  // days 9, 10, 11
  EXPECT_EQ(s.peak_day()[10], 1U);
  EXPECT_EQ(s.peak_day()[3], 1U);              // the person with no W is not counted
  EXPECT_EQ(s.remaining_below_day()[12], 1U);  // exp(-0.2 d) < 0.1 from d = 12
  EXPECT_EQ(s.remaining_below_day()[5], 1U);   // exp(-0.5 d) < 0.1 from d = 5
  EXPECT_EQ(s.remaining_below_day()[days], 1U);
  EXPECT_EQ(remaining_below_quantile(s, 0.0), 5);
  EXPECT_EQ(remaining_below_quantile(s, 0.5), 12);
  EXPECT_EQ(remaining_below_quantile(s, 1.0), std::nullopt);
  EXPECT_NEAR(s.peak_withdrawal().quantile(1.0), 0.04, 0.04 * QuantileSketch::kRelativeError);
  EXPECT_EQ(s.peak_withdrawal().quantile(0.0), 0.0);
  EXPECT_EQ(s.band(Series::kRemaining, 0).quantile(0.5), 1.0);  // kept exactly: the largest
}

TEST(CohortSummary, MergedPartsEqualTheWhole) {
  const int days = 60;
  const auto cohort = random_cohort(400, days, 7);
  CohortSummary whole(days, 0.02);
  for (std::size_t i = 0; i < cohort.size(); ++i) whole.add(cohort[i].view(i));
  // Four shards of unequal size, merged forwards and backwards; and two "threads" taking people
  // alternately.
  std::vector<CohortSummary> shards(4, CohortSummary(days, 0.02));
  for (std::size_t i = 0; i < cohort.size(); ++i) {
    shards[i * i * 4 / (cohort.size() * cohort.size())].add(cohort[i].view(i));
  }
  CohortSummary forward(days, 0.02);
  for (const auto& s : shards) forward.merge(s);
  CohortSummary backward(days, 0.02);
  for (auto it = shards.rbegin(); it != shards.rend(); ++it) backward.merge(*it);
  std::array<CohortSummary, 2> threads{CohortSummary(days, 0.02), CohortSummary(days, 0.02)};
  for (std::size_t i = 0; i < cohort.size(); ++i) threads[i % 2].add(cohort[i].view(i));
  CohortSummary two(days, 0.02);
  two.merge(threads[1]);
  two.merge(threads[0]);
  EXPECT_EQ(forward, whole);
  EXPECT_EQ(backward, whole);
  EXPECT_EQ(two, whole);
  EXPECT_EQ(forward.people(), 400U);
  EXPECT_EQ(forward.people_above(), whole.people_above());
  for (auto series : kAllSeries) {
    for (int d = 0; d < days; d += 7) {
      for (double q : kBandPercentiles) {
        EXPECT_EQ(forward.band(series, d).quantile(q), whole.band(series, d).quantile(q));
      }
    }
  }
}

TEST(CohortSummary, ReadsBackFromItsParts) {
  const int days = 20;
  const auto cohort = random_cohort(50, days, 8);
  CohortSummary s(days, 0.03);
  for (std::size_t i = 0; i < cohort.size(); ++i) s.add(cohort[i].view(i));
  CohortSummary::Parts parts;
  parts.people = s.people();
  parts.days_above.assign(s.days_above().begin(), s.days_above().end());
  parts.peak_withdrawal = s.peak_withdrawal();
  parts.peak_day.assign(s.peak_day().begin(), s.peak_day().end());
  parts.remaining_below.assign(s.remaining_below_day().begin(), s.remaining_below_day().end());
  for (auto series : kAllSeries) {
    for (int d = 0; d < days; ++d) {
      parts.bands[static_cast<std::size_t>(series)].push_back(s.band(series, d));
    }
  }
  EXPECT_EQ(CohortSummary::from_parts(days, 0.03, parts), s);
  parts.people += 1;  // the counts no longer add up
  EXPECT_THROW((void)CohortSummary::from_parts(days, 0.03, parts), std::invalid_argument);
}

TEST(CohortSummary, RefusesCoursesAndSummariesThatDoNotFit) {
  CohortSummary s(10, 0.02);
  const Course shorter = made_up(9, 0.1, 2, 0.1);
  EXPECT_THROW(s.add(shorter.view(0)), std::invalid_argument);
  EXPECT_THROW(s.merge(CohortSummary(11, 0.02)), std::invalid_argument);
  EXPECT_THROW(s.merge(CohortSummary(10, 0.03)), std::invalid_argument);
  EXPECT_THROW(CohortSummary(0, 0.02), std::invalid_argument);
  EXPECT_THROW(CohortSummary(10, -0.1), std::invalid_argument);
  EXPECT_EQ(s.people(), 0U);
}

}  // namespace
}  // namespace taperlab::cohort
