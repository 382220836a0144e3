#pragma once

#include <string>

#include "core/drugs/catalog.hpp"
#include "core/plan/planner.hpp"
#include "core/dosing/regimen.hpp"

namespace taperlab::testing {

// The shipped catalogue from data/, loaded once.
const Catalog& shipped_catalog();

// One drug's regimen, e.g. "diazepam 5mg@08:00, 5mg@20:00", read with the shipped catalogue.
Regimen regimen_of(const std::string& text);

// A plan request for one drug's regimen with a strategy and the products at hand.
PlanRequest plan_request(const std::string& regimen, const std::string& strategy,
                         const std::string& formulations);

}  // namespace taperlab::testing
