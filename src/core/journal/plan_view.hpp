#pragma once

// The stored plan document, written and read here. plan_document_text writes it when a plan is
// saved (and for the plan preview and `plan --json`); parse_plan_view reads it back for
// day-to-day use: which step is in force on a date, what to take and when. What the person follows
// is exactly what they were shown, even if the planner changes later. adapt/replan.hpp edits the
// document (hold, slow down) and parse_dose_schedule reads its steps for `simulate --plan`.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/civil_date.hpp"
#include "core/dosing/regimen.hpp"

namespace taperlab {

struct Plan;

// The plan as data: top-level "steps" hold each step's "day" and "doses" [{drug, dose_mg, time}]
// (the stop step has no doses), with the settings, findings, alternatives, pharmacy lists and
// model parameters beside them, for people and tools. Members are in sorted order, as
// nlohmann::json::dump() prints them, so the text reads back and prints as itself. Written
// straight as text (json_text.hpp): a plan preview answers with it, tens of kilobytes.
std::string plan_document_text(const Plan& plan);

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
  // What the person took before the plan (the model's steady state before day 0), and its
  // diazepam equivalent; empty and 0 in a document that has none.
  Regimen start_regimen;
  double start_diazepam_equivalent_mg = 0.0;

  // The step in force on `date` (nullptr before the plan starts).
  [[nodiscard]] const PlanStepView* step_on(CivilDate date) const;
  [[nodiscard]] const PlanStepView* next_step(const PlanStepView& step) const;
  [[nodiscard]] CivilDate date_of(const PlanStepView& step) const {
    return start_date.plus_days(step.start_day);
  }
};

// Throws ValidationError naming the field ("plan.steps[2].doses[0].time") when the document is not
// a dated plan. This is the one reader of a stored plan: every member any later reader takes from
// the document (the steps, start_regimen, start_diazepam_equivalent_mg, total_days, notes,
// findings, which adapt/replan.hpp edits) is checked here, so that a document it accepts (an
// import's, say) is one that every screen can read back.
PlanView parse_plan_view(const nlohmann::json& doc);

}  // namespace taperlab
