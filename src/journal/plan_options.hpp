#pragma once

// The words a person or clinician uses to ask for a plan ("cut 10% every 14d", "bands, slow
// pace", "cross over to diazepam"), turned into the planner's PlanRequest. Shared by
// `taperlab plan` and the web API so that both accept and reject exactly the same things; only
// the errors name the option by its JSON name ("max_cut"), which the CLI shows as its flag
// (apps/cli/cli_fields.cpp); messages that mention another option spell it as the caller does.

#include <optional>
#include <string>
#include <string_view>
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

// How a message names an option: as `taperlab plan` spells it ("--max-cut") or as the API's JSON
// does ("max_cut"). `name` is the JSON name.
enum class OptionSpelling { kCommandLine, kJson };
std::string option_name(std::string_view name, OptionSpelling spelling);

// The catalogue's code for a country a person names (CountryCode::catalogue_code: upper case,
// GB as UK). Throws ValidationError(field) for a malformed code or one with no products listed.
std::string catalogue_country(const Catalog& catalog, const std::string& country,
                              const std::string& field);

// The options' own forms: "10%" or "10" as 0.10, "14d", "14" or "2w" as days (1 to 90).
// Throw ValidationError(field).
double parse_percent(const std::string& text, const std::string& field);
// A clinician's max_cut ("40%"): a percentage no larger than the override's hard ceiling
// (kMostOverrideCutFraction, core/plan/safety_rules.hpp); ValidationError naming `field` else.
double parse_max_cut(const std::string& text, const std::string& field);
int parse_days(const std::string& text, const std::string& field);

// Checks every option and builds the request; options win over the defaults. Throws
// ValidationError naming the option by its JSON name ("cut", "max_cut", ...).
PlanRequest build_plan_request(const Catalog& catalog, const PlanOptions& options,
                               OptionSpelling spelling, const PlanDefaults& defaults = {});

// A plan saved for a person starts from the dose in force: plan_start.hpp.

}  // namespace taperlab::journal
