#pragma once

// The person's history as the model sees it: what they took (the dose log, and the plan for days
// nothing was logged) and their daily symptom shares, on one time axis.

#include <vector>

#include "core/adapt/personal_model.hpp"
#include "journal/plans.hpp"

namespace taperlab::journal {

struct PersonTimeline {
  CivilDate day0;             // the simulation's day 0: the plan start or the first check-in
  SimulationRequest request;  // steady regimen before day0, doses from day0 to the horizon
  std::vector<adapt::SymptomObservation> observations;  // check-ins from day0 to `observed_until`
};

// Doses up to `observed_until` come from the log where anything was logged that day (missed doses
// are not taken; extra and different amounts count as logged), else from the plan: most people do
// not log every dose, and assuming the plan was followed is the neutral reading. After
// `observed_until` the plan's doses run to `horizon`. Before the plan starts, the regimen it
// started from is taken (that is also the steady state before day 0).
PersonTimeline person_timeline(store::Repository& repo, const Person& person,
                               const PlanInForce& plan, CivilDate observed_until,
                               CivilDate horizon);

}  // namespace taperlab::journal
