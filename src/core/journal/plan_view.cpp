#include "core/journal/plan_view.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "core/base/json_fields.hpp"
#include "core/plan/plan.hpp"

namespace taperlab {
namespace {

using json_fields::boolean;
using json_fields::member;
using json_fields::number;
using json_fields::optional_member;
using json_fields::optional_number;
using json_fields::optional_whole_number;
using json_fields::text;
using json_fields::whole_number;
using nlohmann::json;

// Days and step numbers far beyond any plan's (a plan lasts months or years) but within an int:
// wide enough never to refuse a plan taperlab saved.
constexpr int kFarDays = 100000;

// Doses and diazepam equivalents far beyond any (the largest tablets are tens of mg; a day's
// diazepam equivalent in the clinic is at most a few hundred mg), to refuse only nonsense.
constexpr double kFarMg = 100000.0;

std::string item(const std::string& field, std::size_t i) {
  return field + "[" + std::to_string(i) + "]";
}

double amount(const json& obj, const char* key, const std::string& field) {
  const double x = number(obj, key, field);
  if (!(x >= 0 && x <= kFarMg)) {
    throw ValidationError(
        json_fields::path(field, key),
        "expected an amount from 0 to " + std::to_string(static_cast<int>(kFarMg)));
  }
  return x;
}

const json& array(const json& obj, const char* key, const std::string& field) {
  const json& v = member(obj, key, field);
  if (!v.is_array()) throw ValidationError(json_fields::path(field, key), "expected an array");
  return v;
}

const json* optional_array(const json& obj, const char* key, const std::string& field) {
  const json* v = optional_member(obj, key);
  if (v != nullptr && !v->is_array()) {
    throw ValidationError(json_fields::path(field, key), "expected an array");
  }
  return v;
}

// The step kinds adapt/replan.hpp reads back (plan.hpp's StepKind).
void check_step_kind(const std::string& kind, const std::string& field) {
  for (auto k : {StepKind::kStart, StepKind::kCrossover, StepKind::kCut, StepKind::kFinalStop,
                 StepKind::kMaintenance}) {
    if (kind == to_string(k)) return;
  }
  throw ValidationError(field, "unknown step kind");
}

// {"drugs": [{"drug", "doses": [{"dose_mg", "time"}]}]}
Regimen start_regimen(const json& doc, const std::string& field) {
  Regimen regimen;
  const json* start = optional_member(doc, "start_regimen");
  if (start == nullptr) return regimen;
  const std::string f = json_fields::path(field, "start_regimen");
  const json& drugs = array(*start, "drugs", f);
  for (std::size_t i = 0; i < drugs.size(); ++i) {
    const std::string g = item(f + ".drugs", i);
    DrugRegimen drug{text(drugs[i], "drug", g), {}};
    const json& doses = array(drugs[i], "doses", g);
    for (std::size_t j = 0; j < doses.size(); ++j) {
      const std::string h = item(g + ".doses", j);
      const double dose_mg = amount(doses[j], "dose_mg", h);
      drug.doses.push_back(
          ScheduledDose{dose_mg, parse_time_of_day(text(doses[j], "time", h), h + ".time")});
    }
    regimen.drugs.push_back(std::move(drug));
  }
  return regimen;
}

// The members adapt/replan.hpp edits besides the steps: read here so that an edit never meets a
// type it does not expect.
void check_edited_members(const json& doc, const std::string& field) {
  (void)optional_whole_number(doc, "total_days", field, -kFarDays, kFarDays);
  if (const json* notes = optional_array(doc, "notes", field)) {
    for (std::size_t i = 0; i < notes->size(); ++i) {
      if (!(*notes)[i].is_string()) {
        throw ValidationError(item(field + ".notes", i), "expected a string");
      }
    }
  }
}

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
  if (const json* findings = optional_array(doc, "findings", field)) {
    for (std::size_t i = 0; i < findings->size(); ++i) {
      const std::string f = item("plan.findings", i);
      (void)json_fields::optional_text((*findings)[i], "code", f);
      view.findings.push_back(text((*findings)[i], "message", f));
    }
  }
  view.start_regimen = start_regimen(doc, field);
  if (optional_member(doc, "start_diazepam_equivalent_mg") != nullptr) {
    view.start_diazepam_equivalent_mg = amount(doc, "start_diazepam_equivalent_mg", field);
  }
  check_edited_members(doc, field);
  const json& steps = member(doc, "steps", field);
  if (!steps.is_array() || steps.empty()) {
    throw ValidationError("plan.steps", "expected at least one step");
  }
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const std::string f = "plan.steps[" + std::to_string(i) + "]";
    const json& s = steps[i];
    PlanStepView step;
    // Steps are numbered from 1 in order: the journal finds a step's predecessor by its number.
    step.index = whole_number(s, "index", f, -kFarDays, kFarDays);
    if (step.index != static_cast<int>(i) + 1) {
      throw ValidationError(f + ".index", "expected step " + std::to_string(i + 1) +
                                              " (steps numbered from 1 in order)");
    }
    step.start_day = whole_number(s, "day", f, -kFarDays, kFarDays);
    step.duration_days = whole_number(s, "duration_days", f, -kFarDays, kFarDays);
    step.kind = text(s, "kind", f);
    check_step_kind(step.kind, f + ".kind");
    step.diazepam_equivalent_mg = amount(s, "diazepam_equivalent_mg", f);
    step.cut_fraction = number(s, "cut_fraction", f);
    step.peak_withdrawal = number(s, "peak_withdrawal", f);
    step.note = json_fields::optional_text(s, "note", f).value_or(std::string());
    const json& doses = member(s, "doses", f);
    if (!doses.is_array()) throw ValidationError(f + ".doses", "expected an array");
    for (std::size_t j = 0; j < doses.size(); ++j) {
      const std::string g = f + ".doses[" + std::to_string(j) + "]";
      PlanDoseView dose;
      dose.drug_id = text(doses[j], "drug", g);
      dose.time = parse_time_of_day(text(doses[j], "time", g), g + ".time");
      dose.dose_mg = amount(doses[j], "dose_mg", g);
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
