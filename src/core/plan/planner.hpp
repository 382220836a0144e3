#pragma once

#include <vector>

#include "core/dose_schedule.hpp"
#include "core/plan/plan.hpp"
#include "core/simulation.hpp"

namespace taperlab {

class Catalog;

struct PlanRequest {
  Regimen regimen;  // taken now
  Profile profile;
  PlanSettings settings;
  FormulationSet formulations;  // what the person has (or can get)
};

// Builds a dated, dispensable plan that obeys every safety rule (safety_rules.hpp), with every
// step simulated. Throws ValidationError naming the option when the request cannot be met (e.g.
// "--formulations" when no product can make a needed dose, with a suggestion of one that would).
Plan build_plan(const PlanRequest& request, const Catalog& catalog);

// The planner's last simulations, for plan_course (plan_series.hpp) to resume instead of
// simulating the same days again: a preview shows the course of the plan it has just built.
struct PlanSimulations {
  SimulationTrace plan;  // the finished plan, to its last step and a tail
  std::vector<DoseEvent> plan_doses;
  SimulationTrace abrupt;  // the starting regimen stopped on day 0
};

// Same, keeping its last simulations in `simulations`.
Plan build_plan(const PlanRequest& request, const Catalog& catalog, PlanSimulations& simulations);

}  // namespace taperlab
