#pragma once

#include <string>
#include <vector>

#include "core/dosing/regimen.hpp"

namespace taperlab {

// A dose taken at t_h hours after day 0's midnight.
struct DoseEvent {
  double t_h = 0.0;
  std::string drug_id;
  double dose_mg = 0.0;

  friend bool operator==(const DoseEvent&, const DoseEvent&) = default;
};

// The time of the first dose at which two time-ordered lists differ (a dose in one and not the
// other, or not the same dose): both lists hold the same doses before it. Infinity when they are
// the same.
double first_difference_h(const std::vector<DoseEvent>& a, const std::vector<DoseEvent>& b);

// From start_day (inclusive) until the next step, the regimen is taken every day.
struct ScheduleStep {
  int start_day = 0;
  Regimen regimen;
};

struct MissedDose {
  int day = 0;
  std::string drug_id;
  TimeOfDay time;
};

// What is taken from day 0: steps of daily regimens plus irregular events. No steps means nothing
// is taken (an abrupt stop when a regimen was taken before day 0).
struct DoseSchedule {
  std::vector<ScheduleStep> steps;  // sorted by start_day, strictly increasing
  std::vector<MissedDose> missed;   // planned doses that were not taken
  std::vector<DoseEvent> extra;     // doses taken in addition to the plan

  // Every dose taken in [0, days*24), sorted by time. Throws ValidationError if a missed dose
  // names no planned dose.
  [[nodiscard]] std::vector<DoseEvent> events(int days) const;
  // The regimen in force on `day` (empty before the first step or when none is set).
  [[nodiscard]] const Regimen* regimen_on(int day) const;
};

// Unrounded reference schedules used by the model's calibration and the worked example (the
// planner rounds real plans to dispensable units):
// cut `fraction` of the current daily dose every `every_days` (first cut on day 0), scaling every
// dose alike; stops once the next dose would fall below `stop_below_fraction` of the start.
DoseSchedule fraction_taper(const Regimen& start, double fraction, int every_days,
                            double stop_below_fraction);
// cut a fixed `cut_fraction_of_start` of the starting dose every `every_days` (first cut on
// day 0) until zero.
DoseSchedule equal_step_taper(const Regimen& start, double cut_fraction_of_start, int every_days);

Regimen scaled(const Regimen& regimen, double factor);

}  // namespace taperlab
