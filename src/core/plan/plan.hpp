#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/civil_date.hpp"
#include "core/dose_schedule.hpp"
#include "core/model_parameters.hpp"
#include "core/plan/dose_makeup.hpp"
#include "core/profile.hpp"
#include "core/regimen.hpp"

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
};

struct PharmacyLine {
  DispensingOption option;
  double tablets = 0.0;    // whole tablets/capsules to dispense (rounded up)
  double volume_ml = 0.0;  // liquids
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
