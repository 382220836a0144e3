#pragma once

#include <string>

#include "core/model/model_parameters.hpp"

namespace taperlab {

// The daily dose each strategy asks for next, before rounding and before the rate cap (which
// always wins). Doses here are diazepam-equivalent mg/day unless named otherwise.

// fraction: cut p of the current dose (Ashton; ASAM 2025: 5-10% every 2-4 weeks).
double fraction_target(double current_mg, double cut_fraction);

// hyperbolic: equal steps in modelled steady-state effect E (docs/model.md section 2; Horowitz &
// Taylor; Maudsley Deprescribing Guidelines 2024). Step k of n from the start dose.
double steady_effect(double dz_eq_mg_per_day, const EffectParameters& p);
double dose_for_effect(double effect, const EffectParameters& p);  // inverse, dz-eq mg/day
double hyperbolic_target(double start_dz_eq_mg, int step, int steps, const EffectParameters& p);
// Number of equal-effect steps whose first cut is about `first_cut` of the start dose.
int hyperbolic_steps_for_first_cut(double start_dz_eq_mg, double first_cut,
                                   const EffectParameters& p);

// bands: Ashton's dose bands (NICE CKS benzodiazepine withdrawal, Ashton Manual): above 20 mg
// cut 2-4 mg, 20-10 mg cut 1-2 mg, 10-5 mg cut 1 mg, below 5 mg cut 0.5-1 mg (diazepam mg/day),
// every 1-2 weeks. Published ranges; the pace picks within them.
enum class Pace { kSlow, kMedium, kFast };
Pace parse_pace(const std::string& text, const std::string& field);
const char* to_string(Pace p);
double bands_cut_mg(double current_dz_eq_mg, Pace pace);
int bands_interval_days(Pace pace);

}  // namespace taperlab
