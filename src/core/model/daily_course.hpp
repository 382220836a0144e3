#pragma once

#include <vector>

namespace taperlab {

// A course day by day as the model sees it: what the plan wizard charts.
struct DailyCourse {
  std::vector<double> diazepam_equivalent_mg;  // planned daily dose, by the plan's table
  std::vector<double> effect;                  // mean E of the day
  std::vector<double> adaptation_remaining;    // mean R of the day
  std::vector<double> withdrawal;              // mean W of the day

  // The first `days` days (at most as many as there are).
  [[nodiscard]] DailyCourse first_days(int days) const;
  [[nodiscard]] int days() const { return static_cast<int>(effect.size()); }
};

}  // namespace taperlab
