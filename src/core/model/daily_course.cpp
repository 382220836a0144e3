#include "core/model/daily_course.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "core/base/error.hpp"

namespace taperlab {

DailyCourse DailyCourse::first_days(int days) const {
  const auto first = [days](const std::vector<double>& v) {
    const auto n = std::min(v.size(), static_cast<std::size_t>(std::max(days, 0)));
    return std::vector<double>(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(n));
  };
  return {first(diazepam_equivalent_mg), first(effect), first(adaptation_remaining),
          first(withdrawal)};
}

DailyCourse daily_means(const SimulationTrace& trace) {
  DailyCourse out;
  if (trace.rows() < 2) return out;
  const double h = trace.t_h[1] - trace.t_h[0];
  const double per_day = 24.0 / h;
  const auto rows_per_day = static_cast<std::size_t>(std::llround(per_day));
  if (trace.t_h[0] != 0.0 || rows_per_day == 0 ||
      std::abs(per_day - static_cast<double>(rows_per_day)) > 1e-9) {
    throw ValidationError("output_step_h", "must divide 24 hours for daily means");
  }
  const std::size_t days = (trace.rows() - 1) / rows_per_day;
  out.withdrawal.resize(days);
  out.adaptation_remaining.resize(days);
  // Traces built by hand for fitting may carry no effect column.
  const bool with_effect = trace.effect.size() == trace.rows();
  out.effect.resize(with_effect ? days : 0);
  const double inv = 1.0 / static_cast<double>(rows_per_day);
  for (std::size_t d = 0; d < days; ++d) {
    const std::size_t a = d * rows_per_day;
    const std::size_t b = a + rows_per_day;
    double w = 0.5 * (trace.withdrawal[a] + trace.withdrawal[b]);
    double r = 0.5 * (trace.adaptation_remaining[a] + trace.adaptation_remaining[b]);
    for (std::size_t k = a + 1; k < b; ++k) {
      w += trace.withdrawal[k];
      r += trace.adaptation_remaining[k];
    }
    out.withdrawal[d] = w * inv;
    out.adaptation_remaining[d] = r * inv;
    if (with_effect) {
      double e = 0.5 * (trace.effect[a] + trace.effect[b]);
      for (std::size_t k = a + 1; k < b; ++k) e += trace.effect[k];
      out.effect[d] = e * inv;
    }
  }
  return out;
}

}  // namespace taperlab
