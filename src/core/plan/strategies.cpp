#include "core/plan/strategies.hpp"

#include <algorithm>
#include <cmath>

#include "core/base/error.hpp"

namespace taperlab {

double fraction_target(double current_mg, double cut_fraction) {
  return current_mg * (1.0 - cut_fraction);
}

double steady_effect(double dz_eq_mg_per_day, const EffectParameters& p) {
  return effect_of_drive(p, dz_eq_mg_per_day / p.reference_dose_mg);
}

double dose_for_effect(double effect, const EffectParameters& p) {
  if (effect <= 0) return 0.0;
  // E = u^n / (u50^n + u^n)  =>  u = u50 * (E / (1 - E))^(1/n)
  const double u = p.u50() * std::pow(effect / (1.0 - effect), 1.0 / p.hill_n);
  return u * p.reference_dose_mg;
}

double hyperbolic_target(double start_dz_eq_mg, int step, int steps, const EffectParameters& p) {
  const double e0 = steady_effect(start_dz_eq_mg, p);
  const double e = e0 * (1.0 - static_cast<double>(step) / steps);
  return dose_for_effect(std::max(0.0, e), p);
}

int hyperbolic_steps_for_first_cut(double start_dz_eq_mg, double first_cut,
                                   const EffectParameters& p) {
  const double e0 = steady_effect(start_dz_eq_mg, p);
  const double e1 = steady_effect(start_dz_eq_mg * (1.0 - first_cut), p);
  const double n = e0 / (e0 - e1);
  return std::max(2, static_cast<int>(std::lround(n)));
}

Pace parse_pace(const std::string& text, const std::string& field) {
  if (text == "slow") return Pace::kSlow;
  if (text == "medium") return Pace::kMedium;
  if (text == "fast") return Pace::kFast;
  throw ValidationError(field, "expected slow, medium or fast, got '" + text + "'");
}

const char* to_string(Pace p) {
  switch (p) {
    case Pace::kSlow:
      return "slow";
    case Pace::kMedium:
      return "medium";
    case Pace::kFast:
      return "fast";
  }
  return "?";
}

double bands_cut_mg(double current, Pace pace) {
  // Each pace's cut in each band (mg diazepam a day), within NICE CKS's published ranges: above
  // 20 mg 2-4, 20-10 mg 1-2, 10-5 mg 1, below 5 mg 0.5-1. With a cut every 2 weeks (whole weeks,
  // so supply dates line up) they were chosen so that every pace lands in NICE CKS's expected
  // durations: 30-60 weeks from 40 mg, 20-40 weeks from 20 mg (derived; checked by tests).
  struct Band {
    double above_mg;
    double slow_cut;
    double medium_cut;
    double fast_cut;
  };
  static constexpr Band kBands[] = {
      {20.0, 2.5, 3.0, 4.0}, {10.0, 1.5, 2.0, 2.0}, {5.0, 1.0, 1.0, 1.0}, {0.0, 0.75, 0.75, 1.0}};
  for (const Band& b : kBands) {
    if (current > b.above_mg + 1e-9) {
      switch (pace) {
        case Pace::kSlow:
          return b.slow_cut;
        case Pace::kMedium:
          return b.medium_cut;
        case Pace::kFast:
          return b.fast_cut;
      }
    }
  }
  return 0.5;
}

int bands_interval_days(Pace pace) {
  // Within NICE's "every 1-2 weeks", in whole weeks so that supply and review dates line up
  // (issue 19): every pace cuts every 2 weeks, and the paces differ in the size of the cut.
  (void)pace;
  return 14;
}

}  // namespace taperlab
