#pragma once

// A cohort run one person at a time through the single-person Simulator: the reference that the
// fast engine (cohort_engine.hpp) is tested and benchmarked against. Same people, same model.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/cohort/person_course.hpp"
#include "core/cohort/population.hpp"
#include "core/drugs/drug.hpp"
#include "core/model/simulation.hpp"

namespace taperlab::cohort {

// Reduces one person's hourly trace to daily values (person_course.hpp): the day's peak W over
// rows [r d, r d + r], its mean E by the trapezoid rule over the same rows (daily_means' order of
// operations), R at row r d; r = rows per day. `peak`, `mean_e` and `remaining` hold `days`.
void reduce_to_days(std::span<const double> withdrawal, std::span<const double> effect,
                    std::span<const double> remaining, std::size_t rows_per_day,
                    std::span<double> peak, std::span<double> mean_e, std::span<double> r_day);

// Person k's model in the Simulator's terms: each drug of `drugs` with its clearances, volumes
// and ka scaled, and the model's half-times and D50 scaled. The Simulator solves each drug's
// potency from the person's own PK, which scales the drive by the clearance multiplier; D50 is
// scaled by it too, so that the effect is that of the population's potency (as in the engine).
struct SimulatorPerson {
  std::vector<Drug> drugs;
  ModelParameters parameters;
};
SimulatorPerson simulator_person(const std::vector<Drug>& drugs, const ModelParameters& base,
                                 const Multipliers& m);

class SimulatorCohort {
 public:
  SimulatorCohort(const Catalog& catalog, const EquivalenceTable& table,
                  const ModelParameters& base, const SimulationRequest& plan,
                  const Population& population, std::uint64_t seed);
  // Runs people [first, first + count), handing each to `sink` in order.
  void run(std::uint64_t first, std::uint64_t count, CohortSink& sink);

 private:
  const EquivalenceTable* table_;
  ModelParameters base_;
  const SimulationRequest* plan_;
  const Population* population_;
  std::uint64_t seed_;
  std::vector<Drug> drugs_;  // the plan's drugs, without their products
  std::size_t rows_per_day_;
  std::size_t days_;
  SimulationTrace trace_;
  std::vector<double> peak_, mean_e_, remaining_;
};

}  // namespace taperlab::cohort
