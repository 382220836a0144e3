#include "core/plan/safety_rules.hpp"

#include <algorithm>
#include <cmath>

#include "core/base/text.hpp"
#include "core/drugs/catalog.hpp"
#include "core/drugs/equivalence_table.hpp"
#include "core/plan/dose_makeup.hpp"
#include "core/plan/planner.hpp"

namespace taperlab {

double diazepam_equivalent_mg(const Regimen& regimen, const EquivalenceTable& table) {
  double total = 0;
  for (const auto& d : regimen.drugs)
    total += table.reference_equivalent_mg(d.drug_id, d.daily_mg());
  return total;
}

std::vector<SafetyFinding> red_flags(const Profile& profile, const Regimen& regimen,
                                     double dz_eq_mg, const Catalog& catalog,
                                     const std::string& switching_to) {
  std::vector<SafetyFinding> out;
  auto clinician = [&](std::string code, std::string message, std::string action) {
    out.push_back(
        {Severity::kNeedsClinician, std::move(code), std::move(message), std::move(action)});
  };
  auto warning = [&](std::string code, std::string message, std::string action) {
    out.push_back({Severity::kWarning, std::move(code), std::move(message), std::move(action)});
  };
  const auto& r = profile.risks;
  if (r.count(RiskFactor::kSeizures) || profile.treats_epilepsy) {
    clinician(
        "seizures",
        profile.treats_epilepsy
            ? "This medicine treats epilepsy: reducing it can bring back seizures."
            : "A history of seizures or epilepsy raises the risk of seizures during withdrawal.",
        "Plan the taper with your prescriber (and neurologist, if you have one) before "
        "starting; never stop suddenly.");
  }
  if (r.count(RiskFactor::kAlcoholUseDisorder)) {
    clinician("alcohol",
              "Alcohol use disorder raises the risk of seizures and of relapse during "
              "withdrawal.",
              "Taper under a specialist addiction or alcohol service.");
  }
  if (r.count(RiskFactor::kSubstanceUseDisorder)) {
    clinician("substance-use", "A substance use disorder needs specialist support during a taper.",
              "Taper with a specialist addiction service.");
  }
  if (r.count(RiskFactor::kOpioidCoPrescription)) {
    clinician(
        "opioids", "Benzodiazepines taken with opioids raise the risk of overdose.",
        "Review both medicines with your prescriber, and ask about naloxone to keep at home.");
  }
  if (r.count(RiskFactor::kPregnancy)) {
    clinician("pregnancy", "Pregnancy changes both the risks of the medicine and of withdrawal.",
              "Plan any change with your obstetric team and prescriber before starting.");
  }
  if (r.count(RiskFactor::kLiverImpairment)) {
    clinician("liver", "Liver impairment slows the clearance of many benzodiazepines.",
              "Your prescriber may prefer oxazepam or lorazepam and a slower pace.");
  }
  if (profile.age_years && *profile.age_years >= 65) {
    clinician("age-65-plus",
              "At 65 or older, falls, confusion and slower clearance are more "
              "likely (Beers Criteria 2023).",
              "Review with your prescriber; long-acting drugs with active metabolites (e.g. "
              "diazepam) may build up, so oxazepam or lorazepam are often preferred.");
  }
  if (dz_eq_mg > 40.0 + 1e-9) {
    clinician("high-dose", "The daily dose is above 40 mg diazepam-equivalent.",
              "High-dose tapers need a prescriber's close supervision from the start.");
  }
  if (r.count(RiskFactor::kBipolar) || r.count(RiskFactor::kPsychosis)) {
    clinician("bipolar-psychosis",
              "Bipolar or psychotic illness can be destabilised by poor "
              "sleep and withdrawal.",
              "Agree the plan with your mental health team; hold the taper if sleep is badly "
              "disturbed.");
  }
  if (r.count(RiskFactor::kPriorFailedTaper)) {
    warning("prior-failed-taper", "An earlier taper did not succeed.",
            "A slower pace and more support often help; a hold is not a failure.");
  }
  for (const auto& d : regimen.drugs) {
    const Drug* drug = catalog.find_drug(d.drug_id);
    if (!drug || drug->acting != ActingClass::kShort || d.doses.size() < 2) continue;
    if (switching_to.empty()) {
      warning("short-acting",
              drug->generic_name +
                  " is short-acting: symptoms between doses are "
                  "common during a taper.",
              "Ask your prescriber whether switching to diazepam first (a crossover) would help.");
    } else if (d.drug_id != switching_to) {
      // The plan is the crossover: advising one would be advice to do what it already does.
      out.push_back({Severity::kInfo, "short-acting-switching",
                     drug->generic_name +
                         " is short-acting: symptoms between doses are common "
                         "until the switch to " +
                         switching_to + " is complete.",
                     "Tell your prescriber if they are hard to bear; a switch step can be "
                     "held longer."});
    }
  }
  if (profile.weeks_on_regimen && *profile.weeks_on_regimen <= kDependenceWeeks) {
    out.push_back({Severity::kInfo, "short-use",
                   "Taken daily for 4 weeks or less: dependence is less likely.",
                   "Your prescriber may suggest a shorter taper."});
  }
  std::stable_sort(out.begin(), out.end(), [](const SafetyFinding& a, const SafetyFinding& b) {
    return static_cast<int>(a.severity) > static_cast<int>(b.severity);
  });
  return out;
}

namespace {

// Daily diazepam-equivalent in force on `day` (the starting regimen before day 0), from each
// step's, worked out once (`step_dz`, parallel to plan.steps).
double dose_on(const Plan& plan, const std::vector<double>& step_dz, int day) {
  double dose = plan.start_diazepam_equivalent_mg;
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    if (plan.steps[i].start_day > day) break;
    dose = step_dz[i];
  }
  return dose;
}

double start_amount(const Plan& plan, const std::string& drug) {
  for (const auto& d : plan.start_regimen.drugs) {
    if (d.drug_id == drug) return d.daily_mg();
  }
  return 0.0;
}

double start_largest_dose(const Plan& plan, const std::string& drug) {
  double largest = 0.0;
  for (const auto& d : plan.start_regimen.drugs) {
    if (d.drug_id != drug) continue;
    for (const auto& dose : d.doses) largest = std::max(largest, dose.dose_mg);
  }
  return largest;
}

bool in_start_regimen(const Plan& plan, const std::string& drug, double dose_mg) {
  for (const auto& d : plan.start_regimen.drugs) {
    if (d.drug_id != drug) continue;
    for (const auto& dose : d.doses) {
      if (std::abs(dose.dose_mg - dose_mg) <= 1e-9) return true;
    }
  }
  return false;
}

// Whether the step before the final stop is one dose, the smallest its products can make.
bool stops_from_smallest_dose(const TaperStep& last_taken, const FormulationSet& products) {
  if (last_taken.drugs.size() != 1 || last_taken.drugs.front().doses.size() != 1) return false;
  const PlannedDrug& d = last_taken.drugs.front();
  const double dose = d.doses.front().dose_mg();
  const auto makeable = achievable_doses(d.drug_id, dose, products);
  return !makeable.empty() && makeable.front() >= dose - 1e-9;
}

}  // namespace

std::vector<std::string> check_plan_rules(const Plan& plan, const EquivalenceTable& table) {
  std::vector<std::string> violations;
  if (plan.steps.empty()) {
    violations.push_back("the plan has no steps");
    return violations;
  }
  const bool overridden = plan.settings.clinician_override_reason.has_value();
  // An override relaxes the cap up to the hard ceiling, never beyond it.
  const double cap =
      overridden ? std::min(plan.settings.max_cut_fraction_override, kMostOverrideCutFraction)
                 : kMaxCutFraction;
  const bool dependent =
      !plan.profile.weeks_on_regimen || *plan.profile.weeks_on_regimen > kDependenceWeeks;

  std::vector<double> step_dz;
  step_dz.reserve(plan.steps.size());
  for (const auto& s : plan.steps) step_dz.push_back(diazepam_equivalent_mg(s.regimen(), table));
  double previous = plan.start_diazepam_equivalent_mg;
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const TaperStep& s = plan.steps[i];
    const double now = step_dz[i];
    if (now > previous * (1 + 1e-9) + 1e-9 && s.kind != StepKind::kCrossover) {
      violations.push_back("step " + std::to_string(s.index) + " increases the daily dose");
    }
    if (s.kind == StepKind::kCrossover && now > previous * 1.15 + 1e-9) {
      violations.push_back("crossover step " + std::to_string(s.index) +
                           " raises the equivalent dose by more than rounding");
    }
    if (i > 0 && s.start_day <= plan.steps[i - 1].start_day) {
      violations.push_back("steps are not in date order");
    }
    const bool final_stop = s.stopped() && i + 1 == plan.steps.size();
    if (final_stop) {
      if (i == 0 && dependent) violations.push_back("abrupt stop of a dependence-forming regimen");
      if (i > 0 && previous > kFinalStopFromMg + 1e-9 &&
          !stops_from_smallest_dose(plan.steps[i - 1], plan.formulations)) {
        violations.push_back("final stop from " + format_decimal(previous, 2) +
                             " mg diazepam-equivalent a day, above 1 mg, although a smaller "
                             "dose can be made");
      }
    }
    if (!final_stop && i > 0) {
      for (const auto& d : s.drugs) {
        for (const auto& dose : d.doses) {
          const double dz = table.reference_equivalent_mg(d.drug_id, dose.dose_mg());
          if (dz < kSmallestDoseDiazepamEquivalentMg - 1e-9 &&
              !in_start_regimen(plan, d.drug_id, dose.dose_mg())) {
            violations.push_back("step " + std::to_string(s.index) + " keeps a dose of " +
                                 format_decimal(dose.dose_mg(), 4) + " mg " + d.drug_id +
                                 ", too small to matter");
          }
        }
      }
    }
    if (plan.settings.strategy == "crossover") {
      for (const auto& d : s.drugs) {
        if (d.drug_id != plan.settings.crossover_to) continue;
        const double most_daily = std::max(kCrossoverMostDailyMg, start_amount(plan, d.drug_id));
        const double most_dose =
            std::max(overridden ? kCrossoverMostDoseOverrideMg : kCrossoverMostDoseMg,
                     start_largest_dose(plan, d.drug_id));
        if (d.daily_mg() > most_daily + 1e-9) {
          violations.push_back("step " + std::to_string(s.index) + " takes " + d.drug_id +
                               " above " + format_decimal(most_daily, 2) + " mg a day");
        }
        for (const auto& dose : d.doses) {
          if (dose.dose_mg() > most_dose + 1e-9) {
            violations.push_back("step " + std::to_string(s.index) + " has a " +
                                 format_decimal(dose.dose_mg(), 2) + " mg dose of " + d.drug_id +
                                 ", above " + format_decimal(most_dose, 2) + " mg");
          }
        }
      }
    }
    // The rate cap over the 14 days before this step; a final stop is judged by the rule above.
    if (!final_stop && s.kind != StepKind::kCrossover) {
      const double window_start = dose_on(plan, step_dz, s.start_day - kRateWindowDays);
      if (now < window_start * (1 - cap) - 1e-9) {
        violations.push_back("step " + std::to_string(s.index) + " cuts more than " +
                             std::to_string(static_cast<int>(std::lround(cap * 100))) +
                             "% within 14 days");
      }
    }
    previous = now;
  }
  const TaperStep& last = plan.steps.back();
  if (plan.settings.goal_mg) {
    if (last.stopped())
      violations.push_back("the plan stops although a maintenance dose was the goal");
  } else if (!last.stopped()) {
    violations.push_back("the plan does not reach its goal (stop)");
  }
  return violations;
}

}  // namespace taperlab
