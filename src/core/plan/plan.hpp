#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/civil_date.hpp"
#include "core/dosing/dose_schedule.hpp"
#include "core/model/model_parameters.hpp"
#include "core/plan/dose_makeup.hpp"
#include "core/person/profile.hpp"
#include "core/dosing/regimen.hpp"

namespace taperlab {

struct PlannedDose {
  TimeOfDay time;
  DoseMakeup makeup;  // makeup.dose_mg is the dose
  [[nodiscard]] double dose_mg() const { return makeup.dose_mg; }
};

struct PlannedDrug {
  std::string drug_id;
  std::vector<PlannedDose> doses;  // by time; a 0 mg dose is not listed
  [[nodiscard]] double daily_mg() const;
};

enum class StepKind {
  kStart,        // unused
  kCrossover,    // one dose substituted by the long-acting drug
  kCut,          // a reduction
  kFinalStop,    // the last step: nothing is taken from here
  kMaintenance,  // the goal dose, held
};
const char* to_string(StepKind k);

struct TaperStep {
  int index = 0;          // 1-based
  int start_day = 0;      // day 0 = the plan's start
  int duration_days = 0;  // 0 for the final stop / maintenance (open-ended)
  StepKind kind = StepKind::kCut;
  std::vector<PlannedDrug> drugs;              // empty when nothing is taken
  double diazepam_equivalent_mg = 0.0;         // daily, by the plan's equivalence table
  double target_diazepam_equivalent_mg = 0.0;  // what the strategy asked for before rounding
  double cut_fraction = 0.0;     // of the previous step's diazepam-equivalent daily dose
  double peak_withdrawal = 0.0;  // simulated peak W during this step
  std::string note;

  [[nodiscard]] bool stopped() const { return drugs.empty(); }
  [[nodiscard]] Regimen regimen() const;
};

enum class Severity { kInfo, kWarning, kNeedsClinician };
const char* to_string(Severity s);

// A red flag or rule outcome shown at the top of a plan, with what to do about it.
struct SafetyFinding {
  Severity severity = Severity::kInfo;
  std::string code;     // stable identifier, e.g. "seizures", "rate-cap-override"
  std::string message;  // what we found
  std::string action;   // what to do
};

struct PlanSettings {
  std::string strategy;       // fraction | hyperbolic | bands | guided | crossover
  std::string then_strategy;  // after a crossover
  std::string table_id = "ashton";
  ModelParameters model;
  double cut_fraction = 0.10;
  int every_days = 14;
  std::optional<int> steps;       // hyperbolic
  std::string pace = "medium";    // bands
  std::optional<double> ceiling;  // guided
  std::string crossover_to = "diazepam";
  std::optional<double> goal_mg;  // maintenance daily dose of the final drug; absent = stop
  std::optional<CivilDate> start_date;
  std::optional<CivilDate> target_date;
  bool cut_evening_last = true;
  // A clinician may exceed the rate cap only with a recorded reason.
  std::optional<std::string> clinician_override_reason;
  double max_cut_fraction_override = 0.25;  // used only with an override reason
  // The country whose marketed products the plan and its alternatives use (catalogue code: US,
  // UK, IE, CA, AU, DE, FR, NL, ES, IT). Empty: only the products in the request.
  std::string country;
  // Which complete plan comes first when the products at hand cannot make one on their own:
  // "keep-drug" (stay on the drug), "diazepam" (switch first), "fewest-products" (the default).
  std::string prefer;
  // 1-based: take this alternative instead of the first (plan_search.hpp).
  std::optional<int> alternative;
};

struct PharmacyLine {
  DispensingOption option;
  double tablets = 0.0;    // whole tablets/capsules to dispense (rounded up)
  double volume_ml = 0.0;  // liquids
};

struct Plan;

// Another complete plan for the same person, made when the products at hand cannot make a safe
// plan on their own (or stop only from above 1 mg diazepam-equivalent): each passes
// check_plan_rules and is simulated.
enum class AlternativeKind {
  kAsGiven,        // the products the person listed
  kExtraProducts,  // the same drug with the fewest extra products marketed in the country
  kCrossover,      // a switch to diazepam first, with the country's diazepam products
  kCompounded,     // the same drug from a compounded oral liquid
};
const char* to_string(AlternativeKind k);

struct PlanAlternative {
  AlternativeKind kind = AlternativeKind::kAsGiven;
  std::string title;  // "clonazepam with a 0.125 mg orally disintegrating tablet added"
  // What to ask the pharmacy for beyond what the person has: products and the whole plan's
  // quantity, e.g. "clonazepam 0.125 mg orally disintegrating tablets: 84".
  std::vector<std::string> to_get;
  int weeks = 0;  // until the last step starts
  int steps = 0;
  double peak_share_of_abrupt = 0.0;  // highest simulated peak of any step / abrupt stop's
  std::shared_ptr<const Plan> plan;
  // "1. clonazepam with 0.125 mg ODT added: get ...; 38 weeks, 20 steps, peak 14% of an abrupt
  // stop's"
  [[nodiscard]] std::string summary_line() const;
};

struct Plan {
  Regimen start_regimen;
  Profile profile;
  PlanSettings settings;
  FormulationSet formulations;
  std::vector<TaperStep> steps;
  std::vector<SafetyFinding> findings;
  std::vector<std::string> notes;  // e.g. why the plan is longer than a target date allows
  double start_diazepam_equivalent_mg = 0.0;
  double abrupt_stop_peak_withdrawal = 0.0;  // for comparison
  // Complete plans to choose from (this plan is alternatives[chosen_alternative]'s), only when the
  // products at hand could not make a plan alone or stop from 1 mg diazepam-equivalent or less.
  std::vector<PlanAlternative> alternatives;
  int chosen_alternative = 0;       // 0-based index into alternatives
  std::string alternatives_reason;  // why they were looked for, in words

  [[nodiscard]] bool needs_clinician() const;
  [[nodiscard]] int total_days() const;  // day the last step starts
  // The doses from day 0, for `simulate --plan`.
  [[nodiscard]] DoseSchedule schedule() const;
  // Units to dispense for one step (its whole duration) and for the plan.
  [[nodiscard]] std::vector<PharmacyLine> pharmacy_for_step(const TaperStep& step) const;
  [[nodiscard]] std::vector<PharmacyLine> pharmacy_total() const;
};

inline constexpr const char* kDraftNotice =
    "This plan is a draft to discuss and agree with your prescriber before you change any dose.";

}  // namespace taperlab
