#pragma once

// What the person's fitted model expects for the rest of the plan, with an honest band
// (docs/model.md section 4): W, S and R per day, sampled from the fit's Laplace normal.

#include <random>
#include <vector>

#include "core/adapt/personal_model.hpp"
#include "core/model/simulation.hpp"

namespace taperlab {
class Catalog;
struct EquivalenceTable;
}  // namespace taperlab

namespace taperlab::adapt {

struct ForecastOptions {
  int draws = 200;      // parameter draws from the Laplace normal
  double band = 0.80;   // central share of the draws inside [low, high]
  double step_h = 1.0;  // simulation grid for the daily means (must divide 24)
};

// One day's median and band (low = (1 - band)/2 quantile, high = (1 + band)/2).
struct ForecastBand {
  double median = 0.0;
  double low = 0.0;
  double high = 0.0;
};

struct ForecastDay {
  int day = 0;                        // relative to the simulation's day 0
  ForecastBand withdrawal;            // daily mean W: parameter uncertainty
  ForecastBand symptom_share;         // a day's check-in: parameters plus day-to-day noise
  ForecastBand adaptation_remaining;  // daily mean R
};

struct Forecast {
  std::vector<ForecastDay> days;  // every whole day of the request, from day 0
  int draws = 0;
};

// `plan` holds the history and the planned doses on the fit's day 0 (steady regimen before it);
// its duration sets the horizon, its output step is replaced by options.step_h. Each draw samples
// theta from the fit's mode and covariance, runs one Simulator, and takes the daily means; the
// symptom band adds N(0, residual SD) day-to-day noise to s0 + s1 W and clips to 0..1.
// Deterministic for a given `rng` state. Throws ValidationError for draws < 2, a band outside (0,
// 1) or a bad step.
Forecast forecast(const Catalog& catalog, const EquivalenceTable& table, const PersonalFit& fit,
                  const SimulationRequest& plan, std::mt19937_64& rng,
                  const ForecastOptions& options = {});

}  // namespace taperlab::adapt
