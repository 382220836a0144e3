#pragma once

// Ordinary least squares of y on x, with the slope's 95% confidence interval from the t
// distribution (n - 2 degrees of freedom): the usual textbook interval, which assumes independent
// residuals of equal spread around a straight line. Day-to-day symptoms are autocorrelated, so the
// interval is if anything too narrow; the trend wording stays cautious for that reason.

#include <span>

namespace taperlab::insight {

struct LineFit {
  int n = 0;
  double slope = 0.0;      // y units per x unit
  double intercept = 0.0;  // y at x = 0
  double slope_se = 0.0;   // standard error of the slope
  double df = 0.0;         // n - 2
  double ci_low = 0.0;     // 95% confidence interval of the slope
  double ci_high = 0.0;
};

// Needs x and y of the same size, at least 3 points and at least two distinct x values; throws
// Error(kInternal) otherwise.
LineFit fit_line(std::span<const double> x, std::span<const double> y);

}  // namespace taperlab::insight
