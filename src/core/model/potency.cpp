#include "core/model/potency.hpp"

namespace taperlab {

DrugPotency solve_potency(const Drug& drug, const PkSystem& pk, const EquivalenceTable& table) {
  DrugPotency out;
  out.equivalent_dose_mg = table.at(drug.id).dose_mg;
  std::vector<double> relative(pk.size(), 0.0);
  relative[1] = drug.pk.relative_potency.value;
  for (std::size_t m = 0; m < drug.pk.metabolites.size(); ++m) {
    relative[m + 2] = drug.pk.metabolites[m].relative_potency.value;
  }
  const std::vector<double> css = pk.average_steady_state_mg_per_l(out.equivalent_dose_mg);
  double k = 0.0;  // so that sum_s relative_s * Css_s / k == 1
  for (std::size_t s = 1; s < pk.size(); ++s) k += relative[s] * css[s];
  for (std::size_t s = 1; s < pk.size(); ++s) {
    out.weight[s] = relative[s] / (pk.volume_l(s) * k);
  }
  return out;
}

}  // namespace taperlab
