#include "core/model/simulation_summary.hpp"

#include <cmath>

namespace taperlab {

SimulationSummary summarize(const SimulationTrace& trace, const std::vector<int>& adaptation_days) {
  SimulationSummary s;
  s.effect_at_start = trace.effect_at_start;
  s.adaptation_at_start = trace.adaptation_at_start;
  std::size_t peak_row = 0;
  for (std::size_t r = 0; r < trace.rows(); ++r) {
    if (trace.withdrawal[r] > s.peak_withdrawal) {
      s.peak_withdrawal = trace.withdrawal[r];
      peak_row = r;
    }
  }
  if (trace.rows() > 0) s.peak_day = trace.t_h[peak_row] / 24.0;
  if (s.peak_withdrawal > 0) {
    for (std::size_t r = peak_row; r < trace.rows(); ++r) {
      if (trace.withdrawal[r] < 0.25 * s.peak_withdrawal) {
        s.below_quarter_of_peak_day = trace.t_h[r] / 24.0;
        break;
      }
    }
  }
  for (int day : adaptation_days) {
    AdaptationAtDay a{day, std::nullopt};
    const double t = day * 24.0;
    if (trace.rows() > 1 && t <= trace.t_h.back() + 1e-9) {
      const double h = trace.t_h[1] - trace.t_h[0];
      const auto row = static_cast<std::size_t>(std::llround(t / h));
      a.remaining = trace.adaptation_remaining[row];
    }
    s.adaptation_remaining.push_back(a);
  }
  return s;
}

}  // namespace taperlab
