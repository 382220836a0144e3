#include "core/insight/line_fit.hpp"

#include <cmath>
#include <cstddef>

#include "core/base/error.hpp"
#include "core/insight/student_t.hpp"

namespace taperlab::insight {

LineFit fit_line(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size()) throw Error(ErrorCode::kInternal, "fit_line: x and y differ in size");
  if (x.size() < 3) throw Error(ErrorCode::kInternal, "fit_line needs at least 3 points");
  const std::size_t n = x.size();
  double mean_x = 0.0;
  double mean_y = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    mean_x += x[i];
    mean_y += y[i];
  }
  mean_x /= static_cast<double>(n);
  mean_y /= static_cast<double>(n);
  // Centred sums: stable even when x is a date far from zero.
  double sxx = 0.0;
  double sxy = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    sxx += (x[i] - mean_x) * (x[i] - mean_x);
    sxy += (x[i] - mean_x) * (y[i] - mean_y);
  }
  if (!(sxx > 0.0)) throw Error(ErrorCode::kInternal, "fit_line needs two distinct x values");
  LineFit fit;
  fit.n = static_cast<int>(n);
  fit.slope = sxy / sxx;
  fit.intercept = mean_y - fit.slope * mean_x;
  double sse = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double residual = y[i] - (fit.intercept + fit.slope * x[i]);
    sse += residual * residual;
  }
  fit.df = static_cast<double>(n) - 2.0;
  fit.slope_se = std::sqrt(sse / fit.df / sxx);
  const double half_width = student_t_quantile(0.975, fit.df) * fit.slope_se;
  fit.ci_low = fit.slope - half_width;
  fit.ci_high = fit.slope + half_width;
  return fit;
}

}  // namespace taperlab::insight
