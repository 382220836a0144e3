#pragma once

#include <cmath>
#include <numbers>

namespace taperlab {

// Concentration -> effect (docs/model.md section 2). Drive u is in units of "diazepam 10 mg/day":
// the average steady-state drive of the reference dose is 1 by construction (see potency.hpp).
struct EffectParameters {
  // Steady daily dose (diazepam-equivalent mg) giving half the maximal effect. Assumed default 30
  // (docs/model.md section 2); every plan records the value it used.
  double d50_mg_per_day = 30.0;
  double hill_n = 1.0;
  // Occupancy at a steady 40 mg/day diazepam-equivalent: ~16% (published: alprazolam 2 mg/day
  // SPECT, Fujita 1999; docs/model.md section 2).
  double occupancy_at_40mg = 0.16;
  double reference_dose_mg = 10.0;  // the drive unit (equivalence tables' reference dose)

  friend bool operator==(const EffectParameters&, const EffectParameters&) = default;
  [[nodiscard]] double u50() const { return d50_mg_per_day / reference_dose_mg; }
  [[nodiscard]] double occupancy_scale() const {
    return occupancy_at_40mg / (1.0 - occupancy_at_40mg) / (40.0 / reference_dose_mg);
  }
};

// Two adaptation pools following the effect with lags (docs/model.md section 3). Defaults are the
// model's assumed values: fast half-time 2 d (range 1-4), slow 60 d (30-90), rho 0.8, w_slow 0.1.
struct AdaptationParameters {
  double fast_half_time_d = 2.0;
  double slow_half_time_d = 60.0;
  double rho = 0.8;     // share of the effect that tolerance cancels
  double w_slow = 0.1;  // the slow pool's share; w_fast = rho - w_slow

  friend bool operator==(const AdaptationParameters&, const AdaptationParameters&) = default;
  [[nodiscard]] double w_fast() const { return rho - w_slow; }
  [[nodiscard]] double k_fast_per_h() const {
    return std::numbers::ln2 / (fast_half_time_d * 24.0);
  }
  [[nodiscard]] double k_slow_per_h() const {
    return std::numbers::ln2 / (slow_half_time_d * 24.0);
  }
};

struct ModelParameters {
  EffectParameters effect;
  AdaptationParameters adaptation;
  friend bool operator==(const ModelParameters&, const ModelParameters&) = default;
};

// Throws ValidationError naming the offending parameter.
void validate(const ModelParameters& p);

inline double effect_of_drive(const EffectParameters& p, double u) {
  if (u <= 0.0) return 0.0;
  if (p.hill_n == 1.0) return u / (p.u50() + u);
  const double un = std::pow(u, p.hill_n);
  return un / (std::pow(p.u50(), p.hill_n) + un);
}

inline double occupancy_of_drive(const EffectParameters& p, double u) {
  const double x = p.occupancy_scale() * u;
  return x / (1.0 + x);
}

}  // namespace taperlab
