#pragma once

// A plan's inputs as data, stored with each plan version so that a hold or a slow-down can
// re-plan from the same settings, products and profile (the planner is deterministic).

#include <nlohmann/json_fwd.hpp>

#include "core/plan/planner.hpp"

namespace taperlab {

nlohmann::json to_json(const PlanRequest& request);

// Reads what to_json wrote. Drugs are taken as stored (they were checked when the plan was made);
// throws ValidationError naming the field ("request.settings.cut_fraction") on malformed input.
PlanRequest parse_plan_request(const nlohmann::json& doc);

}  // namespace taperlab
