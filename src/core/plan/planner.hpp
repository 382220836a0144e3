#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/dose_schedule.hpp"
#include "core/model_parameters.hpp"
#include "core/plan/daily_course.hpp"
#include "core/plan/plan.hpp"
#include "core/regimen.hpp"
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

// The starting regimen stopped on day 0. It is the same whatever the strategy, so a caller that
// shows many plans for one regimen (the wizard, one strategy after another) keeps it rather than
// simulating it again: it depends only on what AbruptStopKey holds.
struct AbruptStop {
  double peak_withdrawal = 0.0;  // over days 0-120: the planner's yardstick for the final stop
  DailyCourse course;            // from day 0, for as many days as were simulated
};

struct AbruptStopKey {
  Regimen regimen;
  ModelParameters model;
  std::string table_id;
  friend bool operator==(const AbruptStopKey&, const AbruptStopKey&) = default;
};
AbruptStopKey abrupt_stop_key(const PlanRequest& request);

// The planner's last simulations, for plan_course (plan_series.hpp) to resume instead of
// simulating the same days again: a preview shows the course of the plan it has just built.
struct PlanSimulations {
  SimulationTrace plan;  // the finished plan, to its last step and a tail
  std::vector<DoseEvent> plan_doses;
  SimulationTrace abrupt;  // the starting regimen stopped on day 0, when not known_abrupt
  // Given by the caller before build_plan when it already knows the request's abrupt stop (same
  // AbruptStopKey): then build_plan does not simulate it, nor does plan_course for the days the
  // course covers. Plans and courses are the same to the bit either way.
  std::optional<AbruptStop> known_abrupt;
};

// Same, keeping its last simulations in `simulations` (all but known_abrupt are replaced).
Plan build_plan(const PlanRequest& request, const Catalog& catalog, PlanSimulations& simulations);

}  // namespace taperlab
