#pragma once

// Reviewing the plan after what was logged (docs/tracking.md, "Decisions"): on the day a decision
// is due, or at once after a red flag, the decision is stored with its reasons, and a hold or
// slow-down stores a new plan version, all in one transaction.

#include <optional>
#include <string>

#include "core/adapt/decide.hpp"
#include "journal/journal_context.hpp"
#include "journal/today.hpp"

namespace taperlab::journal {

struct ReviewResult {
  adapt::DecisionOutcome outcome;          // not due: why, and when it will be
  std::optional<Decision> decision;        // stored when due
  std::optional<PlanVersion> new_version;  // hold or slow
  std::string plan_change;                 // plain words on what changed in the plan
  bool paused = false;  // after this review the plan is paused (today.hpp, plan_paused)
};

ReviewResult review_plan(const JournalContext& ctx, const Person& person, CivilDate date);

// The day the step in force is reviewed (a check-in that day makes the decision); none on the
// last step, before the plan, or while paused.
std::optional<CivilDate> next_review_date(const TodayView& today, const Catalog& catalog);

}  // namespace taperlab::journal
