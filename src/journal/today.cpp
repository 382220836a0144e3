#include "journal/today.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/journal/records_json.hpp"
#include "io/time_zone.hpp"
#include "journal/recovery.hpp"
#include "core/base/json_text.hpp"

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

bool plan_paused(const std::optional<Decision>& latest_decision) {
  return latest_decision && latest_decision->kind == DecisionKind::kUrgent;
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
  today.paused = plan_paused(today.latest_decision);
  if (today.paused) {
    // The plan of the day it was paused; a plan saved since waits for the resume.
    today.plan = plan_in_force(repo, person.id, today.latest_decision->date);
    today.pause = pause_state(repo, person.id, *today.latest_decision, date);
  }

  std::vector<PlanDoseView> planned;
  if (today.plan) {
    const PlanView& view = today.plan->view();
    today.steps_total = static_cast<int>(view.steps.size());
    // While paused no further cut starts: the dose of the day of the urgent decision is kept
    // (never a sudden stop).
    const CivilDate step_date = today.paused ? std::min(date, today.latest_decision->date) : date;
    if (const PlanStepView* step = view.step_on(step_date)) {
      today.step = *step;
      // A paused step is frozen on the day of the pause ("day 12 of 14", never "day 40 of 14"):
      // after the resume it goes on from there, the step made longer by the days paused.
      today.day_in_step = view.date_of(*step).days_until(step_date) + 1;
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
  today.time_zone = io::effective_time_zone(person.time_zone);
  for (const auto& dose : planned) {
    TodayDose entry{dose, std::nullopt, dose.time, ""};
    const io::PlacedTime placed = io::place_wall_time(date, dose.time, today.time_zone);
    entry.due_time = placed.shown;
    if (placed.skipped) entry.clock_change = "skipped";
    if (placed.repeated) entry.clock_change = "repeated";
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
  // After the last dose: the recovery phase (journal/recovery.hpp).
  apply_recovery_phase(repo, person.id, today);

  return today;
}

std::string today_json_text(const TodayView& today) {
  std::string out;
  out.reserve(1024);
  JsonText j(out);
  // Members in sorted order, as nlohmann::json prints them (core/base/json_text.hpp).
  j.begin_object();
  j.key("date").value(today.date);
  j.key("days_to_next_change").value(today.days_to_next_change());
  j.key("doses").begin_array();
  for (const auto& d : today.doses) {
    j.begin_object();
    j.key("clock_change");
    if (d.clock_change.empty()) {
      j.null();
    } else {
      j.value(d.clock_change);
    }
    j.key("dose_mg").value(d.planned.dose_mg);
    j.key("drug").value(d.planned.drug_id);
    j.key("due_time").value(d.due_time.to_string());
    j.key("logged");
    if (d.logged) {
      j.document(to_json(*d.logged));
    } else {
      j.null();
    }
    j.key("time").value(d.planned.time.to_string());
    j.key("units").value(d.planned.units);
    j.end_object();
  }
  j.end_array();
  j.key("latest_decision");
  if (today.latest_decision) {
    j.document(to_json(*today.latest_decision));
  } else {
    j.null();
  }
  j.key("next_change_date").value(today.next_change_date);
  j.key("next_step");
  if (today.next_step) {
    j.begin_object();
    j.key("diazepam_equivalent_mg").value(today.next_step->diazepam_equivalent_mg);
    j.key("index").value(today.next_step->index);
    j.key("kind").value(today.next_step->kind);
    j.end_object();
  } else {
    j.null();
  }
  j.key("pause");
  if (today.pause) {
    j.document(to_json(*today.pause));
  } else {
    j.null();
  }
  j.key("paused").value(today.paused);
  j.key("phase").value(to_string(today.phase));
  j.key("plan_start_date");
  if (today.plan) {
    j.value(today.plan->view().start_date);
  } else {
    j.value(today.plan_start_date);
  }
  j.key("plan_version");
  if (today.plan) {
    j.value(today.plan->version().version);
  } else {
    j.null();
  }
  j.key("recovery");
  if (today.recovery) {
    j.document(to_json(*today.recovery));
  } else {
    j.null();
  }
  j.key("step");
  if (today.step) {
    j.begin_object();
    j.key("day_in_step").value(today.day_in_step);
    j.key("diazepam_equivalent_mg").value(today.step->diazepam_equivalent_mg);
    j.key("index").value(today.step->index);
    j.key("kind").value(today.step->kind);
    j.key("of").value(today.steps_total);
    j.end_object();
  } else {
    j.null();
  }
  j.key("time_zone").value(today.time_zone);
  j.key("unplanned").begin_array();
  for (const auto& d : today.unplanned) j.document(to_json(d));
  j.end_array();
  j.end_object();
  j.finish();
  return out;
}

}  // namespace taperlab::journal
