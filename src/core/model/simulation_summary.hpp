#pragma once

#include <optional>
#include <vector>

#include "core/model/simulation.hpp"

namespace taperlab {

struct AdaptationAtDay {
  int day = 0;
  std::optional<double> remaining;  // absent when the simulation is shorter than `day`
};

struct SimulationSummary {
  double peak_withdrawal = 0.0;
  double peak_day = 0.0;
  // First time after the peak when W is below 25% of the peak; absent if not within the run or
  // if there was no withdrawal pressure at all.
  std::optional<double> below_quarter_of_peak_day;
  std::vector<AdaptationAtDay> adaptation_remaining;
  double effect_at_start = 0.0;
  double adaptation_at_start = 0.0;
};

SimulationSummary summarize(const SimulationTrace& trace,
                            const std::vector<int>& adaptation_days = {30, 90, 180});

}  // namespace taperlab
