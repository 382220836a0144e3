#include "core/cohort/simulator_cohort.hpp"

#include <algorithm>
#include <cmath>

#include "core/base/error.hpp"
#include "core/cohort/run_cohort.hpp"
#include "core/cohort/sampler.hpp"
#include "core/drugs/catalog.hpp"

namespace taperlab::cohort {

void reduce_to_days(std::span<const double> withdrawal, std::span<const double> effect,
                    std::span<const double> remaining, std::size_t rows_per_day,
                    std::span<double> peak, std::span<double> mean_e, std::span<double> r_day) {
  const double inv = 1.0 / static_cast<double>(rows_per_day);
  for (std::size_t d = 0; d < peak.size(); ++d) {
    const std::size_t a = d * rows_per_day;
    const std::size_t b = a + rows_per_day;
    double w = withdrawal[a];
    double e = 0.5 * (effect[a] + effect[b]);
    for (std::size_t k = a + 1; k < b; ++k) {
      w = std::max(w, withdrawal[k]);
      e += effect[k];
    }
    peak[d] = std::max(w, withdrawal[b]);
    mean_e[d] = e * inv;
    r_day[d] = remaining[a];
  }
}

SimulatorPerson simulator_person(const std::vector<Drug>& drugs, const ModelParameters& base,
                                 const Multipliers& m) {
  const double cl = m[static_cast<std::size_t>(PersonParameter::kClearance)];
  const double v = m[static_cast<std::size_t>(PersonParameter::kVolume)];
  SimulatorPerson out{drugs, base};
  for (Drug& d : out.drugs) {
    d.pk.cl_l_per_h.value *= cl;
    d.pk.v_l.value *= v;
    d.pk.ka_per_h.value *= m[static_cast<std::size_t>(PersonParameter::kAbsorption)];
    for (Metabolite& met : d.pk.metabolites) {
      met.cl_l_per_h.value *= cl;
      met.v_l.value *= v;
    }
  }
  AdaptationParameters& a = out.parameters.adaptation;
  a.fast_half_time_d /= m[static_cast<std::size_t>(PersonParameter::kFastRate)];
  a.slow_half_time_d /= m[static_cast<std::size_t>(PersonParameter::kSlowRate)];
  out.parameters.effect.d50_mg_per_day = out.parameters.effect.d50_mg_per_day /
                                         m[static_cast<std::size_t>(PersonParameter::kPotency)] *
                                         cl;
  return out;
}

SimulatorCohort::SimulatorCohort(const Catalog& catalog, const EquivalenceTable& table,
                                 const ModelParameters& base, const SimulationRequest& plan,
                                 const Population& population, std::uint64_t seed)
    : table_(&table),
      base_(base),
      plan_(&plan),
      population_(&population),
      seed_(seed),
      rows_per_day_(static_cast<std::size_t>(std::llround(24.0 / plan.output_step_h))),
      days_(cohort_days(plan)) {
  auto note = [&](const std::string& name) {
    const Drug& d = catalog.drug(name);
    for (const auto& seen : drugs_) {
      if (seen.id == d.id) return;
    }
    Drug light = d;
    light.formulations.clear();
    drugs_.push_back(std::move(light));
  };
  for (const auto& d : plan.steady_state.drugs) note(d.drug_id);
  for (const auto& e : plan.doses) note(e.drug_id);
  peak_.resize(days_);
  mean_e_.resize(days_);
  remaining_.resize(days_);
}

void SimulatorCohort::run(std::uint64_t first, std::uint64_t count, CohortSink& sink) {
  for (std::uint64_t k = first; k < first + count; ++k) {
    const Multipliers m = sample_person(*population_, seed_, k);
    SimulatorPerson person = simulator_person(drugs_, base_, m);
    const Catalog own(std::move(person.drugs), {});
    Simulator simulator(own, *table_, person.parameters);
    simulator.run(*plan_, trace_);
    reduce_to_days(trace_.withdrawal, trace_.effect, trace_.adaptation_remaining, rows_per_day_,
                   peak_, mean_e_, remaining_);
    sink.add(PersonCourse{k, peak_, mean_e_, remaining_});
  }
}

}  // namespace taperlab::cohort
