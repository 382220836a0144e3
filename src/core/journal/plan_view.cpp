#include "core/journal/plan_view.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "core/base/json_fields.hpp"

namespace taperlab {
namespace {

using json_fields::boolean;
using json_fields::member;
using json_fields::number;
using json_fields::text;
using json_fields::whole_number;
using nlohmann::json;

// Days and step numbers far beyond any plan's (a plan lasts months or years) but within an int:
// wide enough never to refuse a plan taperlab saved.
constexpr int kFarDays = 100000;

}  // namespace

Regimen PlanStepView::regimen() const {
  Regimen regimen;
  for (const auto& dose : doses) {
    auto it = std::find_if(regimen.drugs.begin(), regimen.drugs.end(),
                           [&](const DrugRegimen& d) { return d.drug_id == dose.drug_id; });
    if (it == regimen.drugs.end()) {
      regimen.drugs.push_back(DrugRegimen{dose.drug_id, {}});
      it = regimen.drugs.end() - 1;
    }
    it->doses.push_back(ScheduledDose{dose.dose_mg, dose.time});
  }
  for (auto& d : regimen.drugs) {
    std::sort(d.doses.begin(), d.doses.end(),
              [](const ScheduledDose& a, const ScheduledDose& b) { return a.time < b.time; });
  }
  return regimen;
}

const PlanStepView* PlanView::step_on(CivilDate date) const {
  const int day = start_date.days_until(date);
  const PlanStepView* found = nullptr;
  for (const auto& step : steps) {
    if (step.start_day <= day) found = &step;
  }
  return found;
}

const PlanStepView* PlanView::next_step(const PlanStepView& step) const {
  for (const auto& s : steps) {
    if (s.start_day > step.start_day) return &s;
  }
  return nullptr;
}

PlanView parse_plan_view(const json& doc) {
  const std::string field = "plan";
  PlanView view;
  const json& start = member(doc, "start_date", field);
  if (!start.is_string()) {
    throw ValidationError("plan.start_date", "a saved plan needs a start date");
  }
  view.start_date = parse_civil_date(start.get<std::string>(), "plan.start_date");
  view.strategy = text(doc, "strategy", field);
  view.needs_clinician = boolean(doc, "needs_clinician", field);
  if (doc.contains("findings") && doc.at("findings").is_array()) {
    for (const auto& f : doc.at("findings")) {
      if (f.is_object() && f.contains("message") && f.at("message").is_string()) {
        view.findings.push_back(f.at("message").get<std::string>());
      }
    }
  }
  const json& steps = member(doc, "steps", field);
  if (!steps.is_array() || steps.empty()) {
    throw ValidationError("plan.steps", "expected at least one step");
  }
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const std::string f = "plan.steps[" + std::to_string(i) + "]";
    const json& s = steps[i];
    PlanStepView step;
    step.index = whole_number(s, "index", f, -kFarDays, kFarDays);
    step.start_day = whole_number(s, "day", f, -kFarDays, kFarDays);
    step.duration_days = whole_number(s, "duration_days", f, -kFarDays, kFarDays);
    step.kind = text(s, "kind", f);
    step.diazepam_equivalent_mg = number(s, "diazepam_equivalent_mg", f);
    step.cut_fraction = number(s, "cut_fraction", f);
    step.peak_withdrawal = number(s, "peak_withdrawal", f);
    step.note = s.contains("note") && s.at("note").is_string() ? s.at("note").get<std::string>()
                                                               : std::string();
    const json& doses = member(s, "doses", f);
    if (!doses.is_array()) throw ValidationError(f + ".doses", "expected an array");
    for (std::size_t j = 0; j < doses.size(); ++j) {
      const std::string g = f + ".doses[" + std::to_string(j) + "]";
      PlanDoseView dose;
      dose.drug_id = text(doses[j], "drug", g);
      dose.time = parse_time_of_day(text(doses[j], "time", g), g + ".time");
      dose.dose_mg = number(doses[j], "dose_mg", g);
      dose.units = text(doses[j], "units", g);
      step.doses.push_back(std::move(dose));
    }
    std::stable_sort(step.doses.begin(), step.doses.end(),
                     [](const PlanDoseView& a, const PlanDoseView& b) { return a.time < b.time; });
    if (!view.steps.empty() && step.start_day <= view.steps.back().start_day) {
      throw ValidationError(f + ".day", "steps must start on increasing days");
    }
    view.steps.push_back(std::move(step));
  }
  return view;
}

}  // namespace taperlab
