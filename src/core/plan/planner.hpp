#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/dosing/dose_schedule.hpp"
#include "core/base/error.hpp"
#include "core/model/model_parameters.hpp"
#include "core/model/daily_course.hpp"
#include "core/plan/plan.hpp"
#include "core/dosing/regimen.hpp"
#include "core/model/simulation.hpp"

namespace taperlab {

class Catalog;

struct PlanRequest {
  Regimen regimen;  // taken now
  Profile profile;
  PlanSettings settings;
  FormulationSet formulations;  // what the person has (or can get)
};

// Builds a dated, dispensable plan that obeys every safety rule (safety_rules.hpp), with every
// step simulated. When the products in the request cannot make a safe plan on their own, or can
// stop only from above 1 mg diazepam-equivalent, the plan comes with complete alternatives
// (plan_search.cpp: extra products of the country, a diazepam crossover, a compounded liquid) and
// is the first of them in the person's order of preference (settings.prefer), or the one
// settings.alternative names. Throws ValidationError naming the option when the request itself
// is wrong, and, only when nothing can be dispensed anywhere, a ValidationError saying what to do.
Plan build_plan(const PlanRequest& request, const Catalog& catalog);

// Thrown by build_plan_as_given when the request's products cannot make a step within the rules
// (or the current dose, or the crossover's drug is missing): the alternatives' search takes over.
class ProductsCannotMake : public ValidationError {
 public:
  ProductsCannotMake(std::string drug, double needed, const std::string& message)
      : ValidationError("formulations", message), drug_id(std::move(drug)), needed_mg(needed) {}
  std::string drug_id;
  double needed_mg = 0.0;  // the daily amount of drug_id that could not be made (0: unknown)
};

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

// What the search for alternatives found for one request, whichever of them is chosen: a caller
// that previews the same request again (the wizard, when a person picks another card) hands it
// back, and only the chosen plan is built.
struct PlanSearchResult {
  std::vector<PlanAlternative> alternatives;  // in the person's order of preference
  std::vector<PlanRequest> requests;          // parallel: the request that makes each
  std::string reason;                         // Plan::alternatives_reason
};

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
  // Given by the caller when it knows the search for this very request (settings.alternative
  // aside): then only the chosen alternative is built. Set by build_plan when it searched.
  std::shared_ptr<const PlanSearchResult> known_search;
  std::shared_ptr<const PlanSearchResult> search;
};

// Same, keeping its last simulations in `simulations` (all but known_abrupt are replaced). They are
// the chosen plan's.
Plan build_plan(const PlanRequest& request, const Catalog& catalog, PlanSimulations& simulations);

// The request that made `plan`: `asked` itself, or, when the plan is an alternative, that
// alternative's products and strategy (what a saved plan and its re-plans go on from).
PlanRequest chosen_request(const PlanRequest& asked, const Plan& plan);

// The plan from the request's products alone, with no search for alternatives: throws
// ProductsCannotMake when they cannot make it.
Plan build_plan_as_given(const PlanRequest& request, const Catalog& catalog,
                         PlanSimulations* simulations);

}  // namespace taperlab
