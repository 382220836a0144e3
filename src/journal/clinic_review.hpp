#pragma once

// A clinician's review of a hold or slow-down the system made (docs/tracking.md, clinicians).
// The decision already stored a new plan version (decisions.hpp); the clinician either approves
// it as it is, or edits it: holds the step for another number of days and/or sets the cut and
// interval of the rest of the taper. An edit is built from the plan the decision judged, checked
// against every safety rule the planner checks (never faster than the rate cap, never an abrupt
// stop, ...) and stored as a new plan version whose reason tells the person what changed and why.
// Going faster than the rate cap needs the clinician's override reason and a max_cut; the
// override is kept on the review and in the plan's settings. Nothing can allow an abrupt stop.

#include <optional>
#include <string>

#include "journal/journal_context.hpp"
#include "store/repository.hpp"

namespace taperlab::journal {

struct DecisionReviewRequest {
  RecordId decision_id = 0;
  UserId clinician = 0;
  std::string action;  // "approve" or "edit"
  std::string reason;  // the clinician's words for the person (required for an edit)
  // An edit: at least one of these.
  std::optional<int> hold_days;  // stay on the step in force this many days from the decision
  std::string cut;               // "10%": the rest of the taper cuts this much...
  std::string every;             // "21d": ...this often (the fraction strategy)
  std::string override_reason;   // a clinician's reason to go above the rate cap
  std::string max_cut;           // the cap with the override, e.g. "30%"
};

struct DecisionReviewResult {
  store::DecisionReview review;
  std::optional<PlanVersion> new_version;  // an edit
  std::string words;                       // what changed, for the person
};

// Reviews `request.decision_id` of `person` in one transaction (the review, the edited plan
// version and the clinician's "review" audit entry). Throws NotFound for a decision that is not
// the person's, Conflict for one that is not a hold or slow-down, is already reviewed, or (for an
// edit) whose plan has changed since, and ValidationError for an edit that breaks a safety rule.
DecisionReviewResult review_decision(const JournalContext& ctx, const Person& person,
                                     const DecisionReviewRequest& request);

}  // namespace taperlab::journal
