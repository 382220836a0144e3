#pragma once

// The person's usual symptom level, against which the decision rules judge a step.

#include <optional>
#include <string>
#include <vector>

#include "core/adapt/symptom_day.hpp"
#include "core/base/civil_date.hpp"

namespace taperlab::adapt {

enum class UsualLevelSource {
  kWeekBeforeFirstCut,  // the 7 days before the plan's first cut: the person before tapering
  kCalmestWeek,         // no such week logged: the lowest 7-day median seen so far
  kAllCheckIns,         // no week with enough check-ins: the median of every check-in so far
};
const char* to_string(UsualLevelSource s);  // "week-before-first-cut", "calmest-week", ...

struct UsualLevel {
  double share = 0.0;  // median symptom share, 0..1
  UsualLevelSource source = UsualLevelSource::kWeekBeforeFirstCut;
  CivilDate from;  // the days it was taken from (inclusive)
  CivilDate to;
  int check_ins = 0;
};

// The median share of the check-ins in the 7 days before `first_cut` when that week holds at least
// `min_check_ins`; else the lowest median of any 7-day window (ending on a check-in day up to
// `today`) holding at least `min_check_ins`; else the median of every check-in up to `today`.
// The calmest-week fallback is biased low by noise (a minimum over windows); the decision margin
// absorbs that, and a low baseline errs towards holding, never towards speeding up. Absent when
// there is no check-in at all.
std::optional<UsualLevel> usual_level(const std::vector<SymptomDay>& days,
                                      std::optional<CivilDate> first_cut, CivilDate today,
                                      int min_check_ins = 3);

}  // namespace taperlab::adapt
