#pragma once

// A stored plan read back for day-to-day use: which step is in force on a date, what to take and
// when. It reads the document report::plan_json wrote when the plan was saved, so what the person
// follows is exactly what they were shown, even if the planner changes later.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/civil_date.hpp"
#include "core/dosing/regimen.hpp"

namespace taperlab {

struct PlanDoseView {
  std::string drug_id;
  TimeOfDay time;
  double dose_mg = 0.0;
  std::string units;  // "1 x 0.5 mg tablet + 1/2 x 0.25 mg tablet"
};

struct PlanStepView {
  int index = 0;
  int start_day = 0;
  int duration_days = 0;  // 0 = open-ended (final stop, maintenance)
  std::string kind;       // "cut", "crossover", "final_stop", "maintenance"
  double diazepam_equivalent_mg = 0.0;
  double cut_fraction = 0.0;
  double peak_withdrawal = 0.0;
  std::string note;
  std::vector<PlanDoseView> doses;  // by time; empty after the final stop

  [[nodiscard]] bool open_ended() const { return duration_days <= 0; }
  [[nodiscard]] Regimen regimen() const;
};

struct PlanView {
  CivilDate start_date;
  std::string strategy;
  bool needs_clinician = false;
  std::vector<std::string> findings;  // messages, needs-clinician first as stored
  std::vector<PlanStepView> steps;

  // The step in force on `date` (nullptr before the plan starts).
  [[nodiscard]] const PlanStepView* step_on(CivilDate date) const;
  [[nodiscard]] const PlanStepView* next_step(const PlanStepView& step) const;
  [[nodiscard]] CivilDate date_of(const PlanStepView& step) const {
    return start_date.plus_days(step.start_day);
  }
};

// Throws ValidationError naming the field ("plan.steps[2].doses[0].time") when the document is not
// a dated plan.
PlanView parse_plan_view(const nlohmann::json& doc);

}  // namespace taperlab
