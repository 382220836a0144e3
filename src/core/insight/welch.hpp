#pragma once

// Welch's two-sample t test: compares the means of two groups without assuming equal spread, with
// Welch-Satterthwaite degrees of freedom. Used for "days after a habit" vs "days after none".

#include <optional>
#include <span>

namespace taperlab::insight {

struct WelchResult {
  int n_a = 0;
  int n_b = 0;
  double mean_a = 0.0;
  double mean_b = 0.0;
  double difference = 0.0;  // mean_a - mean_b
  double se = 0.0;          // standard error of the difference
  double df = 0.0;          // Welch-Satterthwaite
  double t = 0.0;           // difference / se
  double p = 1.0;           // two-sided
  double ci_low = 0.0;      // 95% confidence interval of the difference
  double ci_high = 0.0;
};

// Absent when a group has fewer than 2 values or neither group varies (the standard error is 0,
// so the data cannot say how uncertain the difference is).
std::optional<WelchResult> welch_test(std::span<const double> a, std::span<const double> b);

}  // namespace taperlab::insight
