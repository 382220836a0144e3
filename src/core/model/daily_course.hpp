#pragma once

// The model's course per whole day: what the plan wizard charts, and what is set beside a daily
// check-in (a check-in rates "today", so the day's mean, not its end, is what it reflects).

#include <vector>

#include "core/model/simulation.hpp"

namespace taperlab {

struct DailyCourse {
  std::vector<double> diazepam_equivalent_mg;  // planned daily dose by the plan's table; empty
                                               // when the course comes from a trace alone
  std::vector<double> effect;                  // mean E of the day (empty without E)
  std::vector<double> adaptation_remaining;    // mean R of the day
  std::vector<double> withdrawal;              // mean W of the day

  // The first `days` days (at most as many as there are).
  [[nodiscard]] DailyCourse first_days(int days) const;
  [[nodiscard]] int days() const { return static_cast<int>(withdrawal.size()); }
};

// Means over each whole day [24 d, 24 d + 24) h of the trace, by the trapezoid rule on its grid.
// The trace must start at 0 with a step that divides 24 h; a last partial day is left out. Throws
// ValidationError otherwise. The planned dose is left empty.
DailyCourse daily_means(const SimulationTrace& trace);

}  // namespace taperlab
