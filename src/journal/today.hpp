#pragma once

#include <optional>
#include <vector>

#include "core/journal/recovery.hpp"
#include "journal/pause.hpp"
#include "journal/plans.hpp"

namespace taperlab::journal {

// One planned dose of the day and what was logged against it.
struct TodayDose {
  PlanDoseView planned;
  std::optional<DoseLogEntry> logged;
  // When the person's clock shows it due: planned.time, except on a spring-forward day when that
  // time does not exist (moved forward by the gap, io/time_zone.hpp). clock_change says why:
  // "" (none), "skipped" (the clock jumps over planned.time) or "repeated" (planned.time happens
  // twice; the first is meant).
  TimeOfDay due_time;
  std::string clock_change;
};

// What to take on a date and where the person stands in the plan.
struct TodayView {
  CivilDate date;
  std::optional<PlanInForce> plan;   // none: no plan yet (the regimen is shown instead)
  std::optional<PlanStepView> step;  // the step in force (none before the plan starts)
  int steps_total = 0;               // steps in the plan version
  int day_in_step = 0;               // 1-based
  std::optional<PlanStepView> next_step;
  std::optional<CivilDate> next_change_date;  // when the next step starts
  std::optional<CivilDate> plan_start_date;   // when the plan begins, if after `date`
  std::vector<TodayDose> doses;               // planned doses by time
  std::vector<DoseLogEntry> unplanned;        // extra doses, or logs that match no planned dose
  std::optional<RegimenRecord> regimen;       // the regimen in force (used when no plan)
  std::optional<Decision> latest_decision;    // the most recent decision up to `date`
  bool paused = false;  // the latest decision is urgent: no cut until the plan is resumed
  std::optional<PauseState> pause;  // when paused: since when, and whether it may be resumed
  // Where the journal stands (recovery.hpp): after the last dose of a plan that ends in a stop,
  // "recovery", with no step, nothing paused and no decision of the taper repeated.
  JournalPhase phase = JournalPhase::kNoPlan;
  std::optional<RecoveryToday> recovery;  // the recovery phase only
  std::string time_zone;  // the zone whose wall clock `date` and the dose times are on

  [[nodiscard]] std::optional<int> days_to_next_change() const {
    if (!next_change_date) return std::nullopt;
    return date.days_until(*next_change_date);
  }
};

// After an urgent decision the plan is paused until it is resumed (resume.hpp: a "continue"
// decision after a check-in without red flags); a new plan saved meanwhile waits for the resume.
// `latest_decision` is the most recent one up to the day in question.
bool plan_paused(const std::optional<Decision>& latest_decision);

// The planned doses come from the plan step in force, else from the regimen in force. While the
// plan is paused, the step in force on the day of the urgent decision is kept, from the plan in
// force that day: one dose list, never a later plan's lower dose, never a sudden stop.
TodayView build_today(store::Repository& repo, const Person& person, CivilDate date);

// The day as JSON (what GET today answers), written straight as text: members in sorted order, as
// nlohmann::json::dump() prints them, so callers that embed it in a larger document parse it.
std::string today_json_text(const TodayView& today);

}  // namespace taperlab::journal
