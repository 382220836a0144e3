#pragma once

// A plan file as a cohort runs it: the document `taperlab plan --format json` writes (and a saved
// plan's), read by the one reader of a stored plan (parse_plan_view), turned into the simulation
// every virtual person takes: the regimen before the plan as the steady state, then each step's
// regimen daily from its day.

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/model/model_parameters.hpp"
#include "core/model/simulation.hpp"

namespace taperlab::cohort {

struct CohortPlan {
  std::string table_id;   // the equivalence table the plan was made with ("table")
  ModelParameters model;  // the plan's model parameters ("model"): the population's centre
  Regimen start_regimen;  // taken for months before day 0
  DoseSchedule schedule;  // each step's regimen from its day
  int last_step_day = 0;  // the day the last step starts

  // The simulation of days 0 .. days-1 on the hourly grid.
  [[nodiscard]] SimulationRequest request(int days) const;
};

// Throws ValidationError naming the field ("plan.steps[2].doses[0].time"). An undated plan (made
// without --start) is read as well: a cohort has no calendar.
CohortPlan parse_cohort_plan(const nlohmann::json& doc);

}  // namespace taperlab::cohort
