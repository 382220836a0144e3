#pragma once

// The journal gathered for `taperlab insights`: each day's check-in with the dose line of the plan
// in force that day, questionnaire totals and memory/attention scores.

#include "core/insight/insight_input.hpp"
#include "core/insight/insight_summary.hpp"
#include "store/repository.hpp"

namespace taperlab::journal {

// From the first record to `until`. A cognitive session's score is its result's "score" member
// (the web app's tests store their main score there); sessions without one are left out.
insight::InsightInput insight_input(store::Repository& repo, PersonId person, CivilDate until);

// The summary of insight_input, with the recovery phase's own trends when `until` falls after the
// last dose of the plan (recovery.hpp).
insight::InsightSummary journal_insights(store::Repository& repo, const Person& person,
                                         CivilDate until);

}  // namespace taperlab::journal
