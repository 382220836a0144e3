#pragma once

#include <vector>

#include "core/drugs/drug.hpp"
#include "core/drugs/equivalence_table.hpp"
#include "core/model/pk_system.hpp"

namespace taperlab {

// Drive weights per PK state: u = sum_s weight[s] * A_s, i.e. sum_i C_i / K_i (docs/model.md
// section 2). Each drug's scale K is solved so that its equivalent dose from the chosen table
// gives, on average at steady state, the same drive as the reference dose of diazepam: u = 1.
// Metabolites carry their relative potency from the catalogue. Shared species (e.g. nordazepam
// from diazepam and from chlordiazepoxide) are scaled per drug: a simplification that keeps each
// drug's equivalence exact under the chosen table.
struct DrugPotency {
  PkState weight{};  // per mg in each state; gut is 0
  double equivalent_dose_mg = 0.0;
};

DrugPotency solve_potency(const Drug& drug, const PkSystem& pk, const EquivalenceTable& table);

}  // namespace taperlab
