#pragma once

// Where a new or edited plan starts (docs/planner.md, "Changing a
// plan"): from the dose in force, never above it. Going back up is possible only as an explicit,
// explained choice, "go back to the previous step", and the reason is recorded in the plan
// version. Shared by `taperlab plan --save` and the web API, so both refuse the same things.

#include <optional>
#include <string>
#include <utility>

#include "core/drugs/catalog.hpp"
#include "core/journal/plan_view.hpp"
#include "core/journal/records.hpp"
#include "core/plan/planner.hpp"
#include "journal/journal_context.hpp"
#include "journal/plan_options.hpp"
#include "store/repository.hpp"

namespace taperlab::journal {

// A go-back plan stays on the previous step's dose this long before it cuts again. Assumed: one
// usual step (docs/planner.md's default interval), which also keeps its first cut out of the 14-day
// window of the cut that is being undone (the rate cap, ASAM 2025).
inline constexpr int kGoBackHoldDays = 14;

// The dose a person takes on a date, as the journal knows it: the step of the plan in force (the
// step of the pause while paused), else the stored regimen.
struct DoseInForce {
  CivilDate date;
  Regimen regimen;                  // empty: the plan in force has stopped every dose
  std::optional<int> plan_version;  // none: the stored regimen (no plan in force)
  std::optional<int> step_index;    // 1-based
  int steps_total = 0;
  bool paused = false;
  // The step before the one in force: the only step a plan may go back to.
  std::optional<PlanStepView> previous_step;
  std::optional<CivilDate> previous_step_start;
};

// None when the journal holds neither a plan in force nor a regimen for `date`.
std::optional<DoseInForce> dose_in_force(store::Repository& repo, const Person& person,
                                         CivilDate date);

// The explicit choice to go back up to the step before the one in force.
struct GoBackChoice {
  int to_step = 0;     // the step asked for; it must be the previous one
  std::string reason;  // why, in the person's or clinician's words; recorded with the version
};

// A plan request for a person, checked against the dose in force.
struct PlanStart {
  PlanRequest request;
  std::optional<DoseInForce> in_force;  // on `from`; none before a regimen is recorded
  CivilDate from;  // the first day the new version is in force: the start, never before today
  std::optional<GoBackChoice> go_back;
  std::optional<CivilDate> go_back_first_cut;  // from + kGoBackHoldDays
  PersonId person_id = 0;
};

// Builds the request for a plan saved for `person` (build_plan_request), with the journal's
// defaults: the regimen is the dose in force on the plan's first day (today, or the start when it
// is later), or with `go_back` the previous step's. Throws ValidationError naming the field:
// "regimen" when the plan would start above the dose in force (or above the previous step when
// going back), "go_back_to_step" or "go_back_reason" when the choice is incomplete or not
// possible. Messages name other options as `spelling` says.
PlanStart plan_start_for(store::Repository& repo, const Catalog& catalog, const Person& person,
                         CivilDate today, PlanOptions options, PlanDefaults defaults,
                         OptionSpelling spelling, const std::optional<GoBackChoice>& go_back);

// The rate cap across plan versions (ASAM 2025; docs/planner.md "Safety rules"): on each of the new
// version's first 14 days (from its start, or from today going back), its daily dose
// (diazepam-equivalent) is not more than 25% (a
// clinician's larger cap with a recorded reason) below the highest daily dose of the 14 days
// before, counting the days the journal's earlier plan or regimen was in force. A cut the old
// plan made last week and the new plan's first cut are one reduction to the body. Throws
// ValidationError("start") naming the first day the new plan may start.
void require_rate_cap_across_versions(store::Repository& repo, const Catalog& catalog,
                                      const PlanStart& start, const Plan& plan);

// Stores the plan (after require_rate_cap_across_versions): from its start (save_plan) or, going
// back, as the plan in force with the previous step's dose from `start.from` until the new plan's
// first cut, the reason recorded.
PlanVersion save_plan_start(const JournalContext& ctx, const Person& person, const PlanStart& start,
                            const Plan& plan, const std::string& reason);

}  // namespace taperlab::journal
