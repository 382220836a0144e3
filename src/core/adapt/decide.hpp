#pragma once

// What to do at the end of a taper step, judged from what the person logged (docs/tracking.md,
// "Decisions"): continue, hold (repeat the step), slow down, or get help now.
// Pure: the caller passes today's date and the journal.

#include <optional>
#include <string>
#include <vector>

#include "core/adapt/symptom_day.hpp"
#include "core/base/civil_date.hpp"
#include "core/dosing/regimen.hpp"
#include "core/drugs/drug.hpp"
#include "core/journal/records.hpp"

namespace taperlab {
class Catalog;
}  // namespace taperlab

namespace taperlab::adapt {

// The plan step being judged.
struct StepContext {
  int index = 1;                      // the plan's 1-based step index
  CivilDate start;                    // the first day on this step's dose (the cut day)
  std::optional<CivilDate> next_cut;  // the next step's first day; none for the last step
  double cut_fraction = 0.0;          // of the previous daily dose; 0 for a hold or first step
  bool followed_cut = false;          // this step began with a cut
};

// A decision already made in this plan.
struct PastDecision {
  CivilDate date;
  DecisionKind kind = DecisionKind::kContinue;
  int step_index = 0;
  // The end of a pause (journal/resume.hpp): stored as "continue" with evidence rule "resume". Like
  // an urgent decision it judges no step, so the step's own review still comes.
  bool resume = false;
};
PastDecision past_decision(const Decision& decision);

// The evidence rule that marks a decision as the resume of a paused plan.
inline constexpr const char* kResumeRule = "resume";

// The rules' numbers. None is published for this use; each is an assumption stated with its
// reason, and each lands in the evidence of every decision so that it can be reviewed.
struct DecisionThresholds {
  // Fewest check-ins after the symptom window that can be judged: three give a mean and a
  // direction (assumed). Fewer: hold, never continue on missing data.
  int min_check_ins = 3;
  // The end of a step is the mean of its last 3 check-ins, smoothing one bad or good day (assumed).
  int recent_check_ins = 3;
  // "Near the usual level": within max(5 points, 25% of the usual level). Five points of the share
  // is about four item-points on the 22-item checklist, an ordinary day-to-day wobble; 25% keeps
  // the margin proportionate for people whose usual level is high (both assumed).
  double margin_share = 0.05;
  double margin_relative = 0.25;
  // "Rising": the least-squares slope over the judged days is at least 0.5 points a day (3.5 a
  // week, so the margin would be crossed within about 10 days), and is above zero with 95%
  // one-sided confidence (Student's t on n - 2 degrees of freedom), so that day-to-day noise alone
  // rarely holds a step (assumed; with a plain 1.28 standard errors a synthetic mild person was
  // held for noise on about 1 step in 7). Needs 4 or more check-ins; with fewer the direction is
  // not judged.
  double rising_slope_per_day = 0.005;
  int min_check_ins_for_trend = 4;
  // A severe day: any item rated 4 (very severe) or a share of 50% or more (assumed: half the
  // checklist's maximum is a day most people would call severe).
  int severe_item_rating = 4;
  double severe_share = 0.5;
  // The week before the first cut needs this many check-ins to serve as the usual level.
  int baseline_min_check_ins = 3;
};

struct DecisionInput {
  CivilDate today;
  StepContext step;
  std::optional<CivilDate> first_cut;  // the plan's first cut: the week before is the usual level
  ActingClass acting = ActingClass::kLong;  // of the drug(s) taken; the longest-acting wins
  std::vector<SymptomDay> days;             // this plan's journal so far, any order
  std::vector<PastDecision> decisions;      // this plan's decisions so far, any order
};

struct DecisionOutcome {
  std::optional<DecisionKind> kind;  // absent: not yet due (see `reason` and `due_on`)
  std::string reason;                // plain words with the numbers behind them
  JsonValue evidence;                // those numbers, for the record
  std::optional<CivilDate> due_on;   // when not yet due: the day the decision will be due

  [[nodiscard]] bool due() const { return kind.has_value(); }
};

// Applies the rules, in this order:
//  1. urgent, on any day: a red flag (seizure, confusion, hallucinations, thoughts of self-harm)
//     logged up to today and not yet answered by an urgent decision on or after its date (the
//     plan is then paused until it is resumed: journal/resume.hpp);
//  2. not yet due: before next_decision_date, on the last step, or when this step was already
//     decided;
//  3. slow: a severe day anywhere in the step;
//  4. hold: fewer than `min_check_ins` check-ins after the symptom window ("too few to judge");
//  5. hold: the mean of the last check-ins is above the usual level plus the margin, or the
//     series is rising; slow instead when this is the second hold in a row: the previous
//     decision (urgent ones and resumes aside) was a hold, or was the continue that ended a held
//     step (the previous cut needed a hold too);
//  6. continue otherwise.
// The judged days run from the end of the symptom window to the due date, so that a late call
// gives the same answer. Throws ValidationError for a share outside 0..1, a rating outside 0..4,
// or today before the step's start.
DecisionOutcome decide(const DecisionInput& input, const DecisionThresholds& thresholds = {});

// Days after a cut within which its symptoms appear (the window's upper end): short-acting 2,
// intermediate 4, long-acting 7 (RACGP: onset 1-2 days for short-acting, 3-7 days for long-acting
// drugs; intermediate assumed between them; docs/tracking.md, "Decisions").
int symptom_window_days(ActingClass acting);

// The longest-acting class among the regimen's drugs (long > intermediate > short).
ActingClass longest_acting(const Regimen& regimen, const Catalog& catalog);

// The day the step's decision is due: its last day (the day before the next cut), but never
// before the symptom window has passed with `min_check_ins` days left to log after it (a step
// shorter than that waits; the next cut waits with it). Absent for the last step.
std::optional<CivilDate> next_decision_date(const StepContext& step, ActingClass acting,
                                            int min_check_ins = DecisionThresholds{}.min_check_ins);

}  // namespace taperlab::adapt
