#pragma once

// The person's own model (docs/model.md section 4): predicted symptom share S(t) = s0 + s1 * W(t),
// with W from the pharmacological model under the person's own fast and slow adaptation
// half-times and D50, fitted by maximum a posteriori with population priors.

#include <array>
#include <optional>
#include <vector>

#include "core/adapt/symptom_day.hpp"
#include "core/base/civil_date.hpp"
#include "core/model/model_parameters.hpp"
#include "core/model/simulation.hpp"

namespace taperlab {
class Catalog;
struct EquivalenceTable;
}  // namespace taperlab

namespace taperlab::adapt {

// One check-in: its day relative to the simulation's day 0 and its symptom share (0..1).
struct SymptomObservation {
  int day = 0;
  double symptom_share = 0.0;
};

// The journal's check-ins as observations on the simulation's day 0 = `day0`: days before it and
// days without a symptom share (no check-in) are left out.
std::vector<SymptomObservation> symptom_observations(const std::vector<SymptomDay>& days,
                                                     CivilDate day0);

// Normal priors on the fitted scale. The centres of the half-times and D50 are the population
// model's values (PersonalFitOptions::population: by default 2 d, 60 d and 30 mg/day, docs/model.md
// sections 2-3).
struct PersonalPrior {
  // Log-scale SDs. 0.55 puts the model's published-range ends (fast 1-4 d, slow 30-90 d) near the
  // 10th and 90th percentiles, and equals a 60% CV, the lower end of the 60-100% between-person
  // CV docs/model.md section 5 assumes for k_fast and k_slow.
  double fast_half_time_log_sd = 0.55;
  double slow_half_time_log_sd = 0.55;
  // 0.47 = a 50% CV, the potency spread of docs/model.md section 5.
  double d50_log_sd = 0.47;
  // s1 (share per unit of W) is log-normal, so it stays >= 0. Centre assumed: an abrupt stop from
  // a steady 20 mg/day diazepam-equivalent peaks at W of 0.075-0.19 in this model (diazepam 0.075,
  // clonazepam 0.11, alprazolam 0.19), and a rise of about 0.4 of the checklist's maximum then
  // (moderate to severe on most items) gives s1 of about 4. The SD of 1.0 (a factor e either way)
  // is wide on purpose: the centre is a guess, not data.
  double s1_median = 4.0;
  double s1_log_sd = 1.0;
  // s0, the share with no withdrawal. Default centre: the observations' calmest week (the lowest
  // 7-day median); SD 0.10 is weak on a 0..1 scale, so the data decide.
  std::optional<double> s0_mean;
  double s0_sd = 0.10;
};

struct PersonalFitOptions {
  ModelParameters population;  // prior centres; rho, w_slow and the Hill slope stay as given
  PersonalPrior prior;
  int min_days = 14;    // docs/model.md section 4: "after two or more weeks of logged check-ins"
  double step_h = 1.0;  // simulation grid for the daily means of W (must divide 24)
  int max_iterations = 100;
  // The smallest residual SD believed: one item-point on the 22-item checklist is 1/88 of the
  // share (about 0.011), so a day-to-day SD below 0.01 is below the scale's resolution.
  double residual_sd_floor = 0.01;
};

// A fitted value and its 80% credible interval (Laplace approximation), on the natural scale.
// For log-fitted parameters the value is exp(mode): the posterior median under the approximation.
struct Estimate {
  double value = 0.0;
  double low = 0.0;   // 10th percentile
  double high = 0.0;  // 90th percentile
};

struct PersonalFit {
  Estimate s0;                // share with no withdrawal pressure
  Estimate s1;                // share per unit of withdrawal pressure W
  Estimate fast_half_time_d;  // adaptation, fast pool
  Estimate slow_half_time_d;  // adaptation, slow pool
  Estimate d50_mg_per_day;    // diazepam-equivalent dose of half-maximal effect
  double residual_sd = 0.0;   // day-to-day SD of the share around the fitted curve
  int observations = 0;
  int iterations = 0;  // Levenberg-Marquardt steps, over all rounds
  bool converged = false;
  ModelParameters population;  // the options' model, for the fixed parts

  // The fitted scale: theta = (s0, ln s1, ln fast half-time d, ln slow half-time d, ln D50), its
  // mode and covariance (row-major): the Laplace normal the forecast samples.
  std::array<double, 5> mode{};
  std::array<double, 25> covariance{};

  // The population model with the fitted half-times and D50: for the planner's guided strategy
  // (PlanSettings::model).
  [[nodiscard]] ModelParameters personal_parameters() const;
};

// Which of the daily means of W is compared with each day's share: the day's mean (see
// model/daily_course.hpp). `taken` must reproduce what the person took: the steady regimen before
// day 0 and every dose from day 0 through the last observed day (its duration and output step are
// set here). The residual SD is estimated along with the fit: fit with a guess (0.05), re-estimate
// the SD from the residuals (n - 5 degrees of freedom), refit, up to 4 rounds. Throws
// ValidationError ("check_ins") with fewer than `min_days` days of check-ins ("needs at least 14
// days of check-ins, has N"), a share outside 0..1, a negative day or a day twice.
PersonalFit fit_personal_model(const Catalog& catalog, const EquivalenceTable& table,
                               const SimulationRequest& taken,
                               const std::vector<SymptomObservation>& observations,
                               const PersonalFitOptions& options = {});

// The withdrawal pressure W at which the fitted S rises `tolerable_rise_share` above s0 (e.g.
// 0.10), for the guided strategy's ceiling when re-planning. Uses the upper end of s1's 80%
// interval, so that an uncertain fit gives a lower (more cautious) ceiling, never a higher one.
// Clamped to [0.001, 0.1]: 0.1 is about the abrupt-stop peak of W from 20 mg/day
// diazepam-equivalent in this model (0.075-0.19 by drug), so a higher ceiling would limit nothing;
// below 0.001, a tenth of the peak of a 10%-per-14-days plan (0.011-0.024 for diazepam 20 mg,
// clonazepam 1 mg or alprazolam 1 mg a day), the guided strategy could only take its smallest cut.
// Throws ValidationError when the rise is not in (0, 1].
double personal_ceiling(const PersonalFit& fit, double tolerable_rise_share);

}  // namespace taperlab::adapt
