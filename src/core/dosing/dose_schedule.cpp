#include "core/dosing/dose_schedule.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/base/error.hpp"

namespace taperlab {

const Regimen* DoseSchedule::regimen_on(int day) const {
  const Regimen* current = nullptr;
  for (const auto& s : steps) {
    if (s.start_day > day) break;
    current = &s.regimen;
  }
  return current;
}

double first_difference_h(const std::vector<DoseEvent>& a, const std::vector<DoseEvent>& b) {
  const auto [in_a, in_b] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  double t = std::numeric_limits<double>::infinity();
  if (in_a != a.end()) t = in_a->t_h;
  if (in_b != b.end()) t = std::min(t, in_b->t_h);
  return t;
}

std::vector<DoseEvent> DoseSchedule::events(int days) const {
  std::vector<DoseEvent> out;
  std::size_t most_per_day = 0;
  for (const auto& s : steps) {
    std::size_t n = 0;
    for (const auto& drug : s.regimen.drugs) n += drug.doses.size();
    most_per_day = std::max(most_per_day, n);
  }
  out.reserve(static_cast<std::size_t>(std::max(days, 0)) * most_per_day + extra.size());
  std::vector<bool> missed_used(missed.size(), false);
  // The step in force moves forward with the day (steps are sorted): not a search per day.
  std::size_t next_step = 0;
  const Regimen* regimen = nullptr;
  for (int day = 0; day < days; ++day) {
    while (next_step < steps.size() && steps[next_step].start_day <= day) {
      regimen = &steps[next_step++].regimen;
    }
    if (!regimen) continue;
    for (const auto& drug : regimen->drugs) {
      for (const auto& dose : drug.doses) {
        bool skipped = false;
        for (std::size_t m = 0; m < missed.size(); ++m) {
          if (missed[m].day == day && missed[m].drug_id == drug.drug_id &&
              missed[m].time == dose.time) {
            skipped = true;
            missed_used[m] = true;
          }
        }
        if (!skipped) out.push_back({day * 24.0 + dose.time.hours(), drug.drug_id, dose.dose_mg});
      }
    }
  }
  for (std::size_t m = 0; m < missed.size(); ++m) {
    if (!missed_used[m] && missed[m].day < days) {
      throw ValidationError("missed[" + std::to_string(m) + "]",
                            "no planned " + missed[m].drug_id + " dose at " +
                                missed[m].time.to_string() + " on day " +
                                std::to_string(missed[m].day));
    }
  }
  for (const auto& e : extra) {
    if (e.t_h >= 0 && e.t_h < days * 24.0) out.push_back(e);
  }
  const auto by_time = [](const DoseEvent& a, const DoseEvent& b) { return a.t_h < b.t_h; };
  // Usually in order already (one drug, doses listed by time): a plan's simulations ask for
  // thousands of events each, and a merge sort moves every one of them log n times.
  if (!std::is_sorted(out.begin(), out.end(), by_time)) {
    std::stable_sort(out.begin(), out.end(), by_time);
  }
  return out;
}

Regimen scaled(const Regimen& regimen, double factor) {
  Regimen out = regimen;
  for (auto& drug : out.drugs) {
    for (auto& dose : drug.doses) dose.dose_mg *= factor;
  }
  return out;
}

DoseSchedule fraction_taper(const Regimen& start, double fraction, int every_days,
                            double stop_below_fraction) {
  DoseSchedule s;
  double level = 1.0 - fraction;  // the first cut is on day 0
  for (int step = 0;; ++step) {
    s.steps.push_back({step * every_days, scaled(start, level)});
    level *= 1.0 - fraction;
    if (level < stop_below_fraction) {
      s.steps.push_back({(step + 1) * every_days, Regimen{}});
      break;
    }
  }
  return s;
}

DoseSchedule equal_step_taper(const Regimen& start, double cut_fraction_of_start, int every_days) {
  DoseSchedule s;
  // The first cut is on day 0; the last step is zero.
  const int steps = static_cast<int>(std::ceil(1.0 / cut_fraction_of_start - 1e-9));
  for (int step = 0; step < steps - 1; ++step) {
    s.steps.push_back({step * every_days, scaled(start, 1.0 - (step + 1) * cut_fraction_of_start)});
  }
  s.steps.push_back({(steps - 1) * every_days, Regimen{}});
  return s;
}

}  // namespace taperlab
