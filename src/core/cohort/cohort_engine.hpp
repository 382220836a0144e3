#pragma once

// The fast cohort engine (issue 21): the model of simulation.cpp (exact PK propagators, effect, two
// adaptation pools, W = max(0, T - E), R = T / T at day 0) for many people at once. People are
// laid out as a structure of arrays, one person per SIMD lane (kLanes people per group); each
// person's propagators exp(M dt) are computed once per distinct interval. The hourly grid is
// reduced to daily values as it goes (person_course.hpp), so memory is bounded by the days, not
// the people. The AVX2 code path (chosen at run time) and the portable one do the same operations
// in the same order, without fused multiply-adds, so they give the same bits; with every multiplier
// 1, a person's course is that of the single-person Simulator, to the bit.

#include <cstdint>
#include <memory>

#include "core/cohort/person_course.hpp"
#include "core/cohort/population.hpp"
#include "core/model/simulation.hpp"

namespace taperlab::cohort {

class CohortEngine {
 public:
  static constexpr std::size_t kLanes = 4;     // people per SIMD group: one AVX2 register
  static constexpr std::uint64_t kBatch = 64;  // people per batch dealt to a thread (run_cohort)

  // Per-thread scratch memory: one group's state and the group's daily values.
  class Workspace {
   public:
    Workspace();
    ~Workspace();
    Workspace(Workspace&&) noexcept;
    Workspace& operator=(Workspace&&) noexcept;
    struct Impl;
    std::unique_ptr<Impl> impl;
  };

  // Prepares the plan: drug blocks, gut inputs and the distinct intervals between events. Throws
  // ValidationError for a plan the engine cannot run (an output step that does not divide 24 h).
  CohortEngine(const Catalog& catalog, const EquivalenceTable& table, const ModelParameters& base,
               const SimulationRequest& plan, const Population& population, std::uint64_t seed);
  ~CohortEngine();
  CohortEngine(CohortEngine&&) noexcept;
  CohortEngine& operator=(CohortEngine&&) noexcept;

  [[nodiscard]] std::size_t days() const noexcept;
  [[nodiscard]] Workspace workspace() const;
  // Whether the AVX2 code path runs on this machine.
  [[nodiscard]] static bool uses_avx2() noexcept;
  // Forces the portable code path (tests compare the two); true by default where AVX2 is present.
  void allow_avx2(bool allow) noexcept;

  // Runs people [first, first + count), handing each to `sink` in index order. Const and
  // thread-safe: each thread brings its own workspace.
  void run(std::uint64_t first, std::uint64_t count, Workspace& workspace, CohortSink& sink) const;

  struct Plan;

 private:
  std::unique_ptr<Plan> plan_;
};

}  // namespace taperlab::cohort
