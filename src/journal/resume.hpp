#pragma once

// Ending a pause (pause.hpp): the person, or their clinician, resumes the plan after a check-in on
// a later day than the urgent decision without any red flag. The resume is stored as a "continue"
// decision whose evidence says who resumed, why, and the check-in it rests on; when steps remain,
// a new plan version moves every later step later by the days paused, so that no cut planned for
// the pause is skipped (the dose never falls by more than one step at once).

#include <optional>
#include <string>

#include "journal/journal_context.hpp"

namespace taperlab::journal {

enum class ResumedBy { kPerson, kClinician };
const char* to_string(ResumedBy by);  // "person", "clinician"
ResumedBy parse_resumed_by(const std::string& text, const std::string& field);

struct ResumeRequest {
  CivilDate date;  // the day the plan resumes (today at the edges); not in the future
  ResumedBy by = ResumedBy::kPerson;
  std::string reason;  // in the person's or clinician's words, 1..500 characters
};

struct ResumeResult {
  Decision decision;                       // the stored resume ("continue", rule "resume")
  std::optional<PlanVersion> new_version;  // the plan moved later by the days paused
  std::string plan_change;                 // plain words on what changes
};

// Throws Conflict when the plan is not paused on that day, when no check-in after the urgent
// decision's day is stored, or when the latest one reports a red flag (the message says which);
// ValidationError for an empty or over-long reason or a date in the future.
ResumeResult resume_plan(const JournalContext& ctx, const Person& person,
                         const ResumeRequest& request);

}  // namespace taperlab::journal
