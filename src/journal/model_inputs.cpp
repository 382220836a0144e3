#include "journal/model_inputs.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/adapt/symptom_day.hpp"
#include "core/journal/records_json.hpp"

namespace taperlab::journal {

using namespace taperlab::adapt;  // the adaptation rules and the personal model

namespace {

void add_regimen_day(std::vector<DoseEvent>& events, const Regimen& regimen, int day) {
  for (const auto& drug : regimen.drugs) {
    for (const auto& dose : drug.doses) {
      events.push_back(DoseEvent{day * 24.0 + dose.time.hours(), drug.drug_id, dose.dose_mg});
    }
  }
}

}  // namespace

PersonTimeline person_timeline(store::Repository& repo, const Person& person,
                               const PlanInForce& plan, CivilDate observed_until,
                               CivilDate horizon) {
  PersonTimeline timeline;
  const CivilDate plan_start = plan.view().start_date;
  const auto check_ins = repo.check_ins(person.id, plan_start.plus_days(-28), observed_until);
  timeline.day0 = plan_start;
  if (!check_ins.empty()) timeline.day0 = std::min(plan_start, check_ins.front().date);
  const Regimen& before = plan.view().start_regimen;
  timeline.request.steady_state = before;

  const auto logs = repo.doses(person.id, timeline.day0, observed_until);
  const int days = timeline.day0.days_until(horizon) + 1;
  for (int day = 0; day < days; ++day) {
    const CivilDate date = timeline.day0.plus_days(day);
    const bool logged = date <= observed_until &&
                        std::any_of(logs.begin(), logs.end(),
                                    [&](const DoseLogEntry& e) { return e.date == date; });
    if (logged) {
      for (const auto& e : logs) {
        if (e.date != date || e.status == DoseStatus::kMissed || e.dose_mg <= 0) continue;
        const TimeOfDay at = e.time ? *e.time : e.planned_time.value_or(TimeOfDay{12 * 60});
        timeline.request.doses.push_back(DoseEvent{day * 24.0 + at.hours(), e.drug_id, e.dose_mg});
      }
      continue;
    }
    if (date < plan_start) {
      add_regimen_day(timeline.request.doses, before, day);
    } else if (const PlanStepView* step = plan.view().step_on(date)) {
      add_regimen_day(timeline.request.doses, step->regimen(), day);
    }
  }
  timeline.request.duration_h = days * 24.0;
  for (const auto& c : check_ins) {
    if (c.date < timeline.day0) continue;
    const SymptomDay d = symptom_day(c);
    if (d.symptom_share) {
      timeline.observations.push_back(
          SymptomObservation{timeline.day0.days_until(c.date), *d.symptom_share});
    }
  }
  return timeline;
}

}  // namespace taperlab::journal
