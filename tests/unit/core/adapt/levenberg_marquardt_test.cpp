#include "core/adapt/levenberg_marquardt.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace taperlab::adapt {
namespace {

// A straight line is a linear least-squares problem: one step lands on the exact solution, and
// the covariance must equal (X^T X)^-1.
TEST(AdaptLevenbergMarquardt, SolvesALinearProblemExactly) {
  const std::vector<double> t = {0, 1, 2, 3, 4, 5};
  const std::vector<double> y = {1.1, 2.9, 5.2, 7.1, 8.8, 11.2};
  auto f = [&](const std::vector<double>& x, std::vector<double>& r, std::vector<double>* j) {
    r.resize(t.size());
    if (j) j->resize(t.size() * 2);
    for (std::size_t i = 0; i < t.size(); ++i) {
      r[i] = x[0] + x[1] * t[i] - y[i];
      if (j) {
        (*j)[i * 2] = 1.0;
        (*j)[i * 2 + 1] = t[i];
      }
    }
  };
  const LevenbergMarquardtResult res = levenberg_marquardt(f, {0.0, 0.0});
  // Ordinary least squares by hand: slope = Sxy / Sxx, intercept = mean(y) - slope mean(t).
  const double slope = 35.05 / 17.5;
  const double intercept = 36.3 / 6 - slope * 2.5;
  EXPECT_TRUE(res.converged);
  EXPECT_NEAR(res.x[0], intercept, 1e-6);
  EXPECT_NEAR(res.x[1], slope, 1e-6);
  // (X^T X)^-1 for X = [1 t]: [[55, -15], [-15, 6]] / (6 * 55 - 15^2).
  const double det = 6 * 55 - 15 * 15;
  EXPECT_NEAR(res.covariance[0], 55 / det, 1e-9);
  EXPECT_NEAR(res.covariance[1], -15 / det, 1e-9);
  EXPECT_NEAR(res.covariance[3], 6 / det, 1e-9);
}

// A curved problem from a poor start: y = a exp(-b t) with noise.
TEST(AdaptLevenbergMarquardt, FitsAnExponentialDecayFromAPoorStart) {
  std::mt19937_64 rng(5);
  std::normal_distribution<double> noise(0.0, 0.01);
  std::vector<double> t;
  std::vector<double> y;
  for (int i = 0; i < 40; ++i) {
    t.push_back(0.25 * i);
    y.push_back(2.0 * std::exp(-0.7 * t.back()) + noise(rng));
  }
  auto f = [&](const std::vector<double>& x, std::vector<double>& r, std::vector<double>* j) {
    r.resize(t.size());
    if (j) j->resize(t.size() * 2);
    for (std::size_t i = 0; i < t.size(); ++i) {
      const double e = std::exp(-x[1] * t[i]);
      r[i] = (x[0] * e - y[i]) / 0.01;
      if (j) {
        (*j)[i * 2] = e / 0.01;
        (*j)[i * 2 + 1] = -x[0] * t[i] * e / 0.01;
      }
    }
  };
  const LevenbergMarquardtResult res = levenberg_marquardt(f, {0.5, 3.0});
  EXPECT_TRUE(res.converged);
  EXPECT_LT(res.iterations, 50);
  EXPECT_NEAR(res.x[0], 2.0, 0.03);
  EXPECT_NEAR(res.x[1], 0.7, 0.02);
  // The minimum is no worse than the truth.
  std::vector<double> at_truth;
  f({2.0, 0.7}, at_truth, nullptr);
  double truth_cost = 0;
  for (double r : at_truth) truth_cost += 0.5 * r * r;
  EXPECT_LE(res.cost, truth_cost);
  EXPECT_GT(res.covariance[0], 0.0);
  EXPECT_GT(res.covariance[3], 0.0);
}

}  // namespace
}  // namespace taperlab::adapt
