#pragma once

// The model's state per whole day, to set beside a daily check-in.

#include <vector>

#include "core/simulation.hpp"

namespace taperlab::adapt {

struct DailyModelSeries {
  std::vector<double> withdrawal;            // mean W over day d
  std::vector<double> adaptation_remaining;  // mean R over day d
  std::vector<double> effect;                // mean E over day d (empty without E)
  [[nodiscard]] std::size_t days() const { return withdrawal.size(); }
};

// Means over each whole day [24 d, 24 d + 24) h of the trace, by the trapezoid rule on its grid.
// The day's mean, not its end, is what a check-in that rates "today" (tracking.md) reflects. The
// trace must start at 0 with a step that divides 24 h; a last partial day is left out. Throws
// ValidationError otherwise.
DailyModelSeries daily_means(const SimulationTrace& trace);

}  // namespace taperlab::adapt
