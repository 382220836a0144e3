#pragma once

// Turning a hold or slow-down decision into a new plan version (docs/tracking.md, "Decisions").
// Plans are stored as the documents plan_document_text writes (core/journal/plan_view.hpp); these
// functions edit those documents so that the days already lived keep their steps, and check the
// result against every safety rule before it can be stored.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/civil_date.hpp"
#include "core/plan/planner.hpp"

namespace taperlab {
struct EquivalenceTable;
}

namespace taperlab::adapt {

// Repeats the step in force on `decision_date` for `hold_days` more days: that step gets longer
// and every later step moves later by the same number of days. Cuts only ever move later, so the
// result can never be faster than the plan it revises. Throws ValidationError when no step with
// a next cut is in force on that date.
nlohmann::json hold_plan(const nlohmann::json& plan_doc, CivilDate decision_date, int hold_days,
                         const std::string& note);

// Settings for the rest of a taper after a slow-down, from the current dose: smaller cuts
// (half the cut fraction, at least 2.5%), longer steps (1.5 times the interval, at most 28 days),
// a slower pace for bands, more steps for hyperbolic, and for guided a lower ceiling (the
// person's own ceiling when a personal fit gives one, never above half the old plan's largest
// step peak). `personal` replaces the model with the person's fitted parameters.
struct SlowDownInputs {
  std::optional<ModelParameters> personal;
  std::optional<double> personal_ceiling;
  double old_largest_step_peak_withdrawal = 0.0;
};
PlanRequest slower_request(const PlanRequest& old, const Regimen& current, CivilDate start,
                           const SlowDownInputs& inputs);

// The first day a slowed plan may cut: at least 7 more days on the current dose after the
// decision (symptoms were too high to cut now) and at least 14 days after the step's own cut, so
// the 14-day rate window never sees two cuts from different plans.
CivilDate slowed_first_cut(CivilDate decision_date, CivilDate current_step_start);

// Keeps `plan_doc`'s steps up to the one in force on `decision_date`, which then runs until the
// day before `from` (steps the old plan had between the two are dropped: they were cuts the
// decision stopped), and continues with `segment_doc` (a stored plan document that starts on
// `from`), renumbering its steps. The segment's pharmacy and settings replace the old ones: what a
// pharmacy needs is what is still to come. `note` is added to the plan's notes.
nlohmann::json splice_plan(const nlohmann::json& plan_doc, CivilDate decision_date, CivilDate from,
                           const nlohmann::json& segment_doc, const std::string& note);

// Every safety rule (check_plan_rules) applied to a stored plan document, with the profile and
// settings of `request` and the plan's own starting dose. Empty when the plan obeys all rules.
std::vector<std::string> check_stored_plan(const nlohmann::json& plan_doc,
                                           const PlanRequest& request,
                                           const EquivalenceTable& table);

}  // namespace taperlab::adapt
