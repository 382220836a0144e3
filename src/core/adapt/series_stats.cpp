#include "core/adapt/series_stats.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace taperlab::adapt {

double median(std::vector<double> values) {
  if (values.empty()) return 0.0;
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  const double lower =
      *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
  return 0.5 * (lower + upper);
}

double mean(const std::vector<double>& values) {
  if (values.empty()) return 0.0;
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

LineFit fit_line(const std::vector<double>& x, const std::vector<double>& y) {
  LineFit fit;
  const std::size_t n = std::min(x.size(), y.size());
  if (n < 2) return fit;
  const double mx = std::accumulate(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(n), 0.0) /
                    static_cast<double>(n);
  const double my = std::accumulate(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(n), 0.0) /
                    static_cast<double>(n);
  double sxx = 0.0;
  double sxy = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  if (!(sxx > 0)) return fit;
  fit.slope = sxy / sxx;
  if (n < 3) return fit;
  double rss = 0.0;
  const double intercept = my - fit.slope * mx;
  for (std::size_t i = 0; i < n; ++i) {
    const double r = y[i] - intercept - fit.slope * x[i];
    rss += r * r;
  }
  fit.slope_se = std::sqrt(rss / static_cast<double>(n - 2) / sxx);
  fit.has_se = true;
  return fit;
}

double t_critical_95_one_sided(int dof) {
  struct Row {
    int dof;
    double t;
  };
  static constexpr Row kTable[] = {{1, 6.314},  {2, 2.920},  {3, 2.353},  {4, 2.132},
                                   {5, 2.015},  {6, 1.943},  {7, 1.895},  {8, 1.860},
                                   {9, 1.833},  {10, 1.812}, {12, 1.782}, {15, 1.753},
                                   {20, 1.725}, {30, 1.697}, {60, 1.671}, {120, 1.658}};
  if (dof < 1) return kTable[0].t;
  double t = 1.645;
  for (auto it = std::rbegin(kTable); it != std::rend(kTable); ++it) {
    if (dof >= it->dof) return dof > 120 ? t : it->t;
  }
  return t;
}

}  // namespace taperlab::adapt
