#pragma once

// A plan's course day by day as the model sees it, next to an abrupt stop of the same regimen:
// what the plan wizard charts so that a person sees why the slow path is the safe one.

#include <vector>

#include "core/drugs/catalog.hpp"
#include "core/model/daily_course.hpp"
#include "core/plan/plan.hpp"
#include "core/plan/planner.hpp"

namespace taperlab {

struct PlanCourse {
  int days = 0;  // day 0 is the plan's first day
  DailyCourse plan;
  DailyCourse abrupt;  // the same regimen stopped on day 0, for comparison only
};

// Simulates from day 0 to the plan's last step plus `tail_days` (at least 1 day), with the start
// regimen taken daily before day 0. Uses the plan's own model settings and equivalence table.
PlanCourse plan_course(const Plan& plan, const Catalog& catalog, int tail_days = 90);
// Same, resuming the simulations build_plan made of this very plan (and leaving them changed):
// the answer is the same to the bit, with most of the days already simulated. When
// `from_planner.known_abrupt` covers the days, the abrupt stop is taken from it, not simulated.
PlanCourse plan_course(const Plan& plan, const Catalog& catalog, PlanSimulations& from_planner,
                       int tail_days = 90);

}  // namespace taperlab
