#include "core/adapt/synthetic_person.hpp"

#include <algorithm>
#include <cmath>

#include "core/model/daily_course.hpp"

namespace taperlab::adapt {

SyntheticJournal synthetic_journal(const Catalog& catalog, const EquivalenceTable& table,
                                   const SimulationRequest& taken, const SyntheticPerson& person,
                                   std::mt19937_64& rng) {
  SimulationRequest request = taken;
  request.output_step_h = 1.0;
  request.duration_h = std::floor(taken.duration_h / 24.0 + 1e-9) * 24.0;
  Simulator sim(catalog, table, person.model);
  const DailyCourse daily = daily_means(sim.run(request));
  std::normal_distribution<double> noise(0.0, person.noise_sd);
  SyntheticJournal out;
  out.withdrawal = daily.withdrawal;
  for (std::size_t d = 0; d < daily.withdrawal.size(); ++d) {
    const double truth = std::clamp(person.s0 + person.s1 * daily.withdrawal[d], 0.0, 1.0);
    out.true_share.push_back(truth);
    out.observations.push_back({static_cast<int>(d), std::clamp(truth + noise(rng), 0.0, 1.0)});
  }
  return out;
}

}  // namespace taperlab::adapt
