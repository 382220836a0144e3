// The streaming percentiles against sorting the whole sample (issue 21: "the streaming percentiles
// agree with sorting the full sample within the stated error"), and exact merging.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iostream>
#include <random>
#include <vector>

#include "core/cohort/quantile_sketch.hpp"

namespace taperlab::cohort {
namespace {

// The value of rank floor(q (n - 1)) of the sorted sample: the rule QuantileSketch states.
double sorted_quantile(const std::vector<double>& sorted, double q) {
  const auto rank =
      static_cast<std::size_t>(std::floor(q * static_cast<double>(sorted.size() - 1)));
  return sorted[rank];
}

// The largest error of the sketch's quantiles (q = 0, 0.01, ..., 1) relative to the sorted
// sample's, values below kZeroBelow counting as 0; fails when one is outside the stated bound.
double worst_relative_error(const std::vector<double>& sample) {
  QuantileSketch sketch;
  for (double x : sample) sketch.add(x);
  std::vector<double> sorted = sample;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sketch.count(), sample.size());
  double worst = 0;
  for (int i = 0; i <= 100; ++i) {
    const double q = i / 100.0;
    const double exact = sorted_quantile(sorted, q);
    const double got = sketch.quantile(q);
    if (exact < QuantileSketch::kZeroBelow) {
      EXPECT_LE(std::abs(got - exact), QuantileSketch::kZeroBelow)
          << "q " << q << " exact " << exact;
      continue;
    }
    const double err = std::abs(got - exact) / exact;
    worst = std::max(worst, err);
    EXPECT_LE(err, QuantileSketch::kRelativeError)
        << "q " << q << " exact " << exact << " got " << got;
  }
  return worst;
}

std::vector<double> log_normal_sample(std::size_t n, double median, double log_sd, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::lognormal_distribution<double> dist(std::log(median), log_sd);
  std::vector<double> v(n);
  for (auto& x : v) x = dist(rng);
  return v;
}

TEST(QuantileSketch, StatedErrorIsOneIn257) {
  EXPECT_DOUBLE_EQ(QuantileSketch::kRelativeError, 1.0 / 257.0);
  // Every bucket's reported value is within the stated error of both ends of the bucket.
  for (double x : {QuantileSketch::kZeroBelow, 1e-6, 0.0123, 0.5, 1.0, 1.0078125, 3.0, 1e6}) {
    const auto k = QuantileSketch::bucket_of(x);
    const double v = QuantileSketch::bucket_value(k);
    EXPECT_LE(std::abs(v - x) / x, QuantileSketch::kRelativeError) << x;
    EXPECT_EQ(QuantileSketch::bucket_of(v), k) << x;
  }
}

TEST(QuantileSketch, AgreesWithSortingWithinTheStatedError) {
  double worst = 0;
  // Log-normal, as the population's parameters are.
  worst = std::max(worst, worst_relative_error(log_normal_sample(20000, 0.05, 0.6, 1)));
  // Uniform on [0.9, 1] (R early on: a narrow band).
  {
    std::mt19937_64 rng(2);
    std::uniform_real_distribution<double> u(0.9, 1.0);
    std::vector<double> v(10001);
    for (auto& x : v) x = u(rng);
    worst = std::max(worst, worst_relative_error(v));
  }
  // Many zeros: 70% of people with no withdrawal pressure at all on the day.
  {
    auto v = log_normal_sample(10000, 0.02, 1.0, 3);
    for (std::size_t i = 0; i < v.size(); i += 10) {
      for (std::size_t j = i; j < std::min(v.size(), i + 7); ++j) v[j] = 0.0;
    }
    worst = std::max(worst, worst_relative_error(v));
  }
  // Across twelve decades, with values below the zero bucket's bound.
  {
    std::mt19937_64 rng(4);
    std::uniform_real_distribution<double> e(-10.0, 2.0);
    std::vector<double> v(5000);
    for (auto& x : v) x = std::pow(10.0, e(rng));
    worst = std::max(worst, worst_relative_error(v));
  }
  // One value, two values, all alike.
  worst = std::max(worst, worst_relative_error({0.3}));
  worst = std::max(worst, worst_relative_error({0.0, 0.7}));
  worst = std::max(worst, worst_relative_error(std::vector<double>(100, 0.123)));
  std::cout << "largest relative error measured: " << worst << " (stated "
            << QuantileSketch::kRelativeError << ")\n";
  EXPECT_GT(worst, 0.0);
}

TEST(QuantileSketch, EstimatesStayWithinTheSmallestAndLargestValues) {
  QuantileSketch s;
  for (int i = 0; i < 10; ++i) s.add(1.0);  // R on day 0: exactly 1
  EXPECT_EQ(s.quantile(0.5), 1.0);
  EXPECT_EQ(s.quantile(0.95), 1.0);
  s.add(0.5);
  EXPECT_EQ(s.min(), 0.5);
  EXPECT_EQ(s.quantile(0.0), 0.5);
}

TEST(QuantileSketch, NegativeAndTinyValuesCountAsZero) {
  QuantileSketch s;
  s.add(-1e-15);
  s.add(1e-9);
  s.add(0.5);
  EXPECT_EQ(s.zero_count(), 2U);
  EXPECT_EQ(s.quantile(0.0), -1e-15);  // the smallest value, kept exactly
  EXPECT_EQ(s.quantile(0.5), 0.0);
  QuantileSketch tiny;
  tiny.add(1e-9);  // in the zero bucket, and reported as itself: the largest value
  EXPECT_EQ(tiny.quantile(0.5), 1e-9);
  EXPECT_NEAR(s.quantile(1.0), 0.5, 0.5 * QuantileSketch::kRelativeError);
}

TEST(QuantileSketch, RefusesValuesThatAreNotNumbers) {
  QuantileSketch s;
  EXPECT_THROW(s.add(std::nan("")), std::domain_error);
  EXPECT_THROW(s.add(INFINITY), std::domain_error);
  EXPECT_TRUE(s.empty());
  EXPECT_TRUE(std::isnan(s.quantile(0.5)));
}

TEST(QuantileSketch, MergingIsExactInAnyOrder) {
  auto v = log_normal_sample(9000, 0.01, 2.0, 5);
  for (std::size_t i = 0; i < v.size(); i += 5) v[i] = 0.0;
  QuantileSketch whole;
  for (double x : v) whole.add(x);
  std::array<QuantileSketch, 3> parts;
  for (std::size_t i = 0; i < v.size(); ++i) parts[i * 3 / v.size()].add(v[i]);
  QuantileSketch forward;
  for (const auto& p : parts) forward.merge(p);
  QuantileSketch backward;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) backward.merge(*it);
  EXPECT_EQ(forward, whole);
  EXPECT_EQ(backward, whole);
  for (double q : {0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 1.0}) {
    EXPECT_EQ(forward.quantile(q), whole.quantile(q));
  }
  // Merging an empty sketch changes nothing; the stored form reads back as the same sketch.
  forward.merge(QuantileSketch{});
  EXPECT_EQ(forward, whole);
  const auto stored = whole.counts();
  const auto back = QuantileSketch::from_counts(
      whole.zero_count(), whole.first(), std::vector<std::uint64_t>(stored.begin(), stored.end()),
      whole.min(), whole.max());
  EXPECT_EQ(back, whole);
  EXPECT_EQ(back.quantile(0.95), whole.quantile(0.95));
}

TEST(QuantileSketch, StoredFormIsTrimmedAndChecked) {
  QuantileSketch s;
  s.add(1.0);
  s.add(1e-3);  // grows downwards, with room set aside
  ASSERT_EQ(s.counts().size(), static_cast<std::size_t>(QuantileSketch::bucket_of(1.0) -
                                                        QuantileSketch::bucket_of(1e-3) + 1));
  EXPECT_EQ(s.first(), QuantileSketch::bucket_of(1e-3));
  EXPECT_THROW(QuantileSketch::from_counts(0, 1, std::vector<std::uint64_t>{1}, 1.0, 1.0),
               std::invalid_argument);
  // The largest value must lie in the last bucket, the smallest in the first.
  const auto k = QuantileSketch::bucket_of(1.0);
  EXPECT_NO_THROW(QuantileSketch::from_counts(0, k, std::vector<std::uint64_t>{2}, 1.0, 1.0));
  EXPECT_THROW(QuantileSketch::from_counts(0, k, std::vector<std::uint64_t>{2}, 1.0, 2.0),
               std::invalid_argument);
  EXPECT_THROW(QuantileSketch::from_counts(1, k, std::vector<std::uint64_t>{2}, 1.0, 1.0),
               std::invalid_argument);
}

TEST(HistogramQuantile, TakesTheSameRankAsSorting) {
  std::mt19937_64 rng(6);
  std::poisson_distribution<int> dist(12);
  std::vector<int> sample(777);
  std::vector<std::uint64_t> counts(60, 0);
  for (auto& x : sample) {
    x = std::min(dist(rng), 59);
    ++counts[static_cast<std::size_t>(x)];
  }
  std::sort(sample.begin(), sample.end());
  for (int i = 0; i <= 100; ++i) {
    const double q = i / 100.0;
    const auto rank =
        static_cast<std::size_t>(std::floor(q * static_cast<double>(sample.size() - 1)));
    EXPECT_EQ(histogram_quantile(counts, q), sample[rank]) << q;
  }
  EXPECT_EQ(histogram_quantile(std::vector<std::uint64_t>(5, 0), 0.5), -1);
}

}  // namespace
}  // namespace taperlab::cohort
