#pragma once

#include "core/plan/plan.hpp"

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

}  // namespace taperlab
