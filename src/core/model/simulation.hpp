#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/dosing/dose_schedule.hpp"
#include "core/dosing/regimen.hpp"
#include "core/model/model_parameters.hpp"
#include "core/model/trace_column.hpp"

namespace taperlab {

class Catalog;
struct EquivalenceTable;

struct SimulationRequest {
  Regimen steady_state;          // taken daily for months before day 0 (may be empty)
  std::vector<DoseEvent> doses;  // taken from day 0, any order
  double duration_h = 0.0;
  double output_step_h = 1.0;
};

// Time series on the output grid t = 0, h, 2h, ..., duration (docs/model.md sections 1-3).
struct SimulationTrace {
  std::vector<std::string> species;  // concentration columns, in first-seen order
  TraceColumn t_h;
  TraceColumn concentration_mg_per_l;  // row-major: [row * species.size() + s]
  TraceColumn drive_u;
  TraceColumn occupancy;
  TraceColumn effect;
  TraceColumn adaptation;            // T = T_fast + T_slow
  TraceColumn withdrawal;            // W = max(0, T - E)
  TraceColumn adaptation_remaining;  // R = T / T at day 0 (0 when drug-naive)
  double adaptation_at_start = 0.0;
  double effect_at_start = 0.0;

  // The model's state at the start of every day of the run (the PK amounts of each drug block,
  // then the two adaptation pools), from which a later run that shares this run's beginning
  // resumes (Simulator::run with same_until_h). Written and read by the simulator only.
  TraceColumn resume_state;
  std::vector<std::string> resume_drugs;  // the drug blocks of resume_state, in order
  double resume_step_h = 0.0;

  [[nodiscard]] std::size_t rows() const noexcept { return t_h.size(); }
  [[nodiscard]] double concentration(std::size_t row, std::size_t species_index) const {
    return concentration_mg_per_l[row * species.size() + species_index];
  }
};

// Runs the PK-effect-adaptation model. Holds per-drug matrices and propagators between runs, so
// reuse one Simulator for many runs with the same table and parameters. Not thread-safe: use one
// per thread.
class Simulator {
 public:
  Simulator(const Catalog& catalog, const EquivalenceTable& table, ModelParameters params);
  ~Simulator();
  Simulator(Simulator&&) noexcept;
  Simulator& operator=(Simulator&&) noexcept;

  [[nodiscard]] const ModelParameters& parameters() const noexcept { return params_; }
  [[nodiscard]] const EquivalenceTable& table() const noexcept { return *table_; }

  SimulationTrace run(const SimulationRequest& request);
  // Same, reusing `trace`'s memory: for populations and benchmarks that run many people.
  void run(const SimulationRequest& request, SimulationTrace& trace);
  // Same, where `trace` holds this simulator's run of a request with the same steady state and
  // output step whose doses before `same_until_h` were the same as `request`'s: its rows up to
  // the last start of a day before then are kept and only the rest is simulated. The planner's
  // trial plans differ only in their last weeks. The answer is that of run(request, trace), to
  // the bit; a trace that does not fit (other drugs, other step, nothing shared) is run whole.
  void run(const SimulationRequest& request, SimulationTrace& trace, double same_until_h);

 private:
  struct DrugBlock;
  struct Run;  // one run's steps (simulation.cpp)
  DrugBlock& block(const std::string& drug_id);

  const Catalog* catalog_;
  const EquivalenceTable* table_;
  ModelParameters params_;
  std::map<std::string, std::unique_ptr<DrugBlock>> blocks_;
};

}  // namespace taperlab
