#include "core/drugs/equivalence_table.hpp"

#include "core/base/error.hpp"

namespace taperlab {

const EquivalentDose& EquivalenceTable::at(const std::string& drug_id) const {
  auto it = entries.find(drug_id);
  if (it == entries.end()) {
    throw ValidationError("drug", "the " + name + " table (" + id + ") has no equivalent for " +
                                      drug_id + "; choose another table");
  }
  return it->second;
}

double EquivalenceTable::reference_equivalent_mg(const std::string& drug_id, double dose_mg) const {
  return dose_mg / at(drug_id).dose_mg * reference_dose_mg;
}

Conversion convert(const EquivalenceTable& table, const std::string& from_drug, double amount_mg,
                   const std::string& to_drug) {
  const EquivalentDose& from = table.at(from_drug);
  const EquivalentDose& to = table.at(to_drug);
  Conversion c;
  c.amount_mg = amount_mg / from.dose_mg * to.dose_mg;
  c.low_mg = amount_mg / from.high_mg * to.low_mg;
  c.high_mg = amount_mg / from.low_mg * to.high_mg;
  return c;
}

}  // namespace taperlab
