#pragma once

// The cohort driver (issue 21): runs virtual people of a population through one plan and hands
// each, reduced to daily values (person_course.hpp), to a per-thread sink.

#include <cstdint>
#include <span>

#include "core/cohort/person_course.hpp"
#include "core/cohort/population.hpp"
#include "core/model/model_parameters.hpp"
#include "core/model/simulation.hpp"

namespace taperlab {
class Catalog;
struct EquivalenceTable;
}  // namespace taperlab

namespace taperlab::cohort {

struct CohortRequest {
  SimulationRequest plan;  // the plan's steady state + dose events + duration; output_step_h must
                           // divide 24 h (hourly: 1)
  Population population;   // distributions (+ covariates), from data/population
  std::uint64_t n = 0;     // people in the whole study
  std::uint64_t first = 0, count = 0;  // this run's people [first, first + count) (a shard)
  std::uint64_t seed = 0;
};

// The whole days a run of `plan` reports: duration / 24 h, rounded down (each PersonCourse's
// spans hold this many values).
std::size_t cohort_days(const SimulationRequest& plan);

// Runs people [first, first + count) on sinks.size() threads, thread i feeding sinks[i] (the
// calling thread is thread 0). Person k's parameters depend only on (seed, k): any thread count
// or sharding gives the same people, and each person's course is the same bits. People are dealt
// to threads in fixed batches (batch b to thread b mod T), so each sink's people are fixed too.
// Throws ValidationError for a shard outside [0, n), no sinks, or a plan the engine cannot run; an
// exception raised by a sink on any thread is rethrown here once all threads have stopped.
void run_cohort(const Catalog& catalog, const EquivalenceTable& table, const ModelParameters& base,
                const CohortRequest& request, std::span<CohortSink* const> sinks);

// The same people through the single-person Simulator, one person at a time on the calling
// thread: the reference the fast engine is tested and benchmarked against. Slow.
void run_cohort_with_simulator(const Catalog& catalog, const EquivalenceTable& table,
                               const ModelParameters& base, const CohortRequest& request,
                               CohortSink& sink);

}  // namespace taperlab::cohort
