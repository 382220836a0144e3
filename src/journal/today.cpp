#include "journal/today.hpp"

#include <algorithm>
#include <cmath>

#include "core/journal/records_json.hpp"

namespace taperlab::journal {
namespace {

std::vector<PlanDoseView> regimen_doses(const Regimen& regimen) {
  std::vector<PlanDoseView> doses;
  for (const auto& drug : regimen.drugs) {
    for (const auto& dose : drug.doses) {
      doses.push_back(
          PlanDoseView{drug.drug_id, dose.time, dose.dose_mg, format_mg(dose.dose_mg) + " mg"});
    }
  }
  std::stable_sort(doses.begin(), doses.end(),
                   [](const PlanDoseView& a, const PlanDoseView& b) { return a.time < b.time; });
  return doses;
}

}  // namespace

bool plan_paused(const std::optional<Decision>& latest_decision,
                 const std::optional<PlanInForce>& plan) {
  if (!latest_decision || latest_decision->kind != DecisionKind::kUrgent) return false;
  const bool replanned = plan && plan->version().effective_from > latest_decision->date;
  return !replanned;
}

TodayView build_today(store::Repository& repo, const Person& person, CivilDate date) {
  TodayView today;
  today.date = date;
  today.regimen = repo.regimen_on(person.id, date);
  today.plan = plan_in_force(repo, person.id, date);
  if (!today.plan) {
    // A plan saved to start later is worth mentioning.
    for (const auto& v : repo.plan_versions(person.id)) {
      if (v.effective_from > date &&
          (!today.plan_start_date || v.effective_from < *today.plan_start_date)) {
        today.plan_start_date = v.effective_from;
      }
    }
  }
  today.latest_decision = repo.latest_decision(person.id, date);
  today.paused = plan_paused(today.latest_decision, today.plan);

  std::vector<PlanDoseView> planned;
  if (today.plan) {
    const PlanView& view = today.plan->view();
    today.steps_total = static_cast<int>(view.steps.size());
    // While paused no further cut starts: the dose of the day of the urgent decision is kept
    // (never a sudden stop).
    const CivilDate step_date = today.paused ? std::min(date, today.latest_decision->date) : date;
    if (const PlanStepView* step = view.step_on(step_date)) {
      today.step = *step;
      today.day_in_step = view.date_of(*step).days_until(date) + 1;
      const PlanStepView* next = today.paused ? nullptr : view.next_step(*step);
      if (next) {
        today.next_step = *next;
        today.next_change_date = view.date_of(*next);
      }
      planned = step->doses;
    }
  } else if (today.regimen) {
    planned = regimen_doses(today.regimen->regimen);
  }

  std::vector<DoseLogEntry> logs = repo.doses(person.id, date, date);
  std::vector<bool> used(logs.size(), false);
  for (const auto& dose : planned) {
    TodayDose entry{dose, std::nullopt};
    for (std::size_t i = 0; i < logs.size(); ++i) {
      if (!used[i] && logs[i].status != DoseStatus::kExtra && logs[i].drug_id == dose.drug_id &&
          logs[i].planned_time == dose.time) {
        entry.logged = logs[i];
        used[i] = true;
        break;
      }
    }
    today.doses.push_back(std::move(entry));
  }
  for (std::size_t i = 0; i < logs.size(); ++i) {
    if (!used[i]) today.unplanned.push_back(logs[i]);
  }

  return today;
}

nlohmann::json to_json(const TodayView& today) {
  using nlohmann::json;
  json doses = json::array();
  for (const auto& d : today.doses) {
    doses.push_back({{"drug", d.planned.drug_id},
                     {"time", d.planned.time.to_string()},
                     {"dose_mg", d.planned.dose_mg},
                     {"units", d.planned.units},
                     {"logged", d.logged ? to_json(*d.logged) : json(nullptr)}});
  }
  json unplanned = json::array();
  for (const auto& d : today.unplanned) unplanned.push_back(to_json(d));
  json out = {{"date", today.date.to_string()},
              {"paused", today.paused},
              {"doses", doses},
              {"unplanned", unplanned}};
  if (today.plan) {
    out["plan_version"] = today.plan->version().version;
    out["plan_start_date"] = today.plan->view().start_date.to_string();
  } else {
    out["plan_version"] = nullptr;
    out["plan_start_date"] =
        today.plan_start_date ? json(today.plan_start_date->to_string()) : json(nullptr);
  }
  if (today.step) {
    out["step"] = {{"index", today.step->index},
                   {"of", today.steps_total},
                   {"kind", today.step->kind},
                   {"day_in_step", today.day_in_step},
                   {"diazepam_equivalent_mg", today.step->diazepam_equivalent_mg}};
  } else {
    out["step"] = nullptr;
  }
  out["next_change_date"] =
      today.next_change_date ? json(today.next_change_date->to_string()) : json(nullptr);
  out["days_to_next_change"] =
      today.days_to_next_change() ? json(*today.days_to_next_change()) : json(nullptr);
  if (today.next_step) {
    out["next_step"] = {{"index", today.next_step->index},
                        {"kind", today.next_step->kind},
                        {"diazepam_equivalent_mg", today.next_step->diazepam_equivalent_mg}};
  } else {
    out["next_step"] = nullptr;
  }
  out["latest_decision"] = today.latest_decision ? to_json(*today.latest_decision) : json(nullptr);
  return out;
}

}  // namespace taperlab::journal
