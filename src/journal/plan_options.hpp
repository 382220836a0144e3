#pragma once

// The words a person or clinician uses to ask for a plan ("cut 10% every 14d", "bands, slow
// pace", "cross over to diazepam"), turned into the planner's PlanRequest. Shared by
// `taperlab plan` and the web API so that both accept and reject exactly the same things; only
// the field names differ ("--cut" on the command line, "cut" in JSON), through `field_prefix`.

#include <optional>
#include <string>
#include <vector>

#include "core/drugs/catalog.hpp"
#include "core/journal/records.hpp"
#include "core/model/model_parameters.hpp"
#include "core/plan/planner.hpp"
#include "store/repository.hpp"

namespace taperlab::journal {

struct PlanOptions {
  std::vector<std::string> regimens;  // "clonazepam 1mg@08:00, 1mg@20:00", one per drug
  std::optional<Profile> profile;
  std::string strategy;  // fraction | hyperbolic | bands | guided | crossover
  std::string cut;       // "10%"
  std::string every;     // "14d", "2w"
  int steps = 0;         // hyperbolic
  std::string pace;      // bands
  double ceiling = 0;    // guided
  std::string to;        // crossover
  std::string then;      // crossover
  std::string formulations;
  std::string country;  // whose marketed products the plan uses (US, UK, DE, ...)
  std::string prefer;   // keep-drug | diazepam | fewest-products (plan_search.cpp)
  int alternative = 0;  // 1-based; 0: the first in the order of preference
  std::string start;
  std::string by;
  std::string goal = "stop";
  std::string table = "ashton";
  bool cut_evening_first = false;
  std::string override_reason;
  std::string max_cut;
  ModelParameters model;
};

// What the journal supplies when the options leave something out (a plan saved for a person).
struct PlanDefaults {
  std::optional<Regimen> regimen;
  std::optional<CivilDate> start;
  // The country when neither the options nor the profile give one: the journal's person's, else
  // the system locale's (the CLI), else none (then the request names the country option).
  std::string country;
};

// The catalogue's code for a country a person names: upper case, GB as UK (the drug files' code
// for the United Kingdom). Throws ValidationError(field) for a country with no products listed.
std::string catalogue_country(const Catalog& catalog, const std::string& country,
                              const std::string& field);

// Checks every option and builds the request; options win over the defaults. Throws
// ValidationError naming the option (field_prefix + "cut", ...).
PlanRequest build_plan_request(const Catalog& catalog, const PlanOptions& options,
                               const std::string& field_prefix, const PlanDefaults& defaults = {});

// A plan saved for a person starts from the dose in force: plan_start.hpp.

}  // namespace taperlab::journal
