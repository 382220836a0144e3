#include "core/cohort/cohort_plan.hpp"

#include <nlohmann/json.hpp>

#include "core/base/json_fields.hpp"
#include "core/journal/plan_request_json.hpp"
#include "core/journal/plan_view.hpp"

namespace taperlab::cohort {

SimulationRequest CohortPlan::request(int days) const {
  SimulationRequest r;
  r.steady_state = start_regimen;
  r.doses = schedule.events(days);
  r.duration_h = days * 24.0;
  r.output_step_h = 1.0;
  return r;
}

CohortPlan parse_cohort_plan(const nlohmann::json& doc) {
  CohortPlan plan;
  plan.table_id = json_fields::text(doc, "table", "plan");
  plan.model = parse_model_parameters(json_fields::member(doc, "model", "plan"), "plan.model");
  // parse_plan_view reads dated plans (the journal's); the cohort only needs days from day 0, so
  // an undated plan is read with a stand-in start date that nothing uses.
  PlanView view;
  const nlohmann::json* start = json_fields::optional_member(doc, "start_date");
  if (start == nullptr && doc.is_object()) {
    nlohmann::json dated = doc;
    dated["start_date"] = "2000-01-01";
    view = parse_plan_view(dated);
  } else {
    view = parse_plan_view(doc);
  }
  plan.start_regimen = view.start_regimen;
  if (plan.start_regimen.drugs.empty()) {
    throw ValidationError("plan.start_regimen",
                          "the plan does not say what was taken before it (start_regimen)");
  }
  for (const auto& step : view.steps) {
    plan.schedule.steps.push_back(ScheduleStep{step.start_day, step.regimen()});
    plan.last_step_day = step.start_day;
  }
  return plan;
}

}  // namespace taperlab::cohort
