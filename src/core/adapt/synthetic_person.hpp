#pragma once

// A simulated person with known parameters, for tests, benchmarks and demonstrations of the
// personal model: never for a real person's journal.

#include <random>
#include <vector>

#include "core/adapt/personal_model.hpp"
#include "core/model/model_parameters.hpp"
#include "core/model/simulation.hpp"

namespace taperlab {
class Catalog;
struct EquivalenceTable;
}  // namespace taperlab

namespace taperlab::adapt {

struct SyntheticPerson {
  ModelParameters model;   // the person's true half-times and D50
  double s0 = 0.08;        // share with no withdrawal pressure
  double s1 = 15.0;        // share per unit of W
  double noise_sd = 0.03;  // day-to-day normal noise on the share
};

struct SyntheticJournal {
  std::vector<double> withdrawal;                // true daily mean W, day 0..days-1
  std::vector<double> true_share;                // s0 + s1 W, clipped to 0..1
  std::vector<SymptomObservation> observations;  // one noisy check-in a day, clipped to 0..1
};

// Simulates `taken` for whole days (its duration, output step 1 h) and draws one check-in a day.
SyntheticJournal synthetic_journal(const Catalog& catalog, const EquivalenceTable& table,
                                   const SimulationRequest& taken, const SyntheticPerson& person,
                                   std::mt19937_64& rng);

}  // namespace taperlab::adapt
