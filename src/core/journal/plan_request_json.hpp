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

// The model's parameters as a plan document and a plan request store them ("model": {
// "d50_mg_per_day", "hill_n", "occupancy_at_40mg", "fast_half_time_d", "slow_half_time_d", "rho",
// "w_slow"}), checked by validate(); `field` names the object ("plan.model").
ModelParameters parse_model_parameters(const nlohmann::json& model, const std::string& field);

}  // namespace taperlab
