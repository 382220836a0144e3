#pragma once

#include <map>
#include <string>

#include "core/base/sourced.hpp"

namespace taperlab {

// The dose of one drug that a source calls equivalent to the reference dose (diazepam 10 mg).
struct EquivalentDose {
  double dose_mg = 0.0;
  double low_mg = 0.0;
  double high_mg = 0.0;
  Evidence evidence = Evidence::kPublished;
  std::string note;
};

struct EquivalenceTable {
  std::string id;  // "ashton", "vadod", "who", "nhs-scotland"
  std::string name;
  std::string citation;
  std::string reference_drug;
  double reference_dose_mg = 10.0;
  std::map<std::string, EquivalentDose> entries;

  // Throws ValidationError (field "drug") when this table has no entry for the drug.
  [[nodiscard]] const EquivalentDose& at(const std::string& drug_id) const;
  [[nodiscard]] bool has(const std::string& drug_id) const { return entries.count(drug_id) > 0; }

  // Daily mg of the reference drug that `dose_mg` of `drug_id` stands for (point value).
  [[nodiscard]] double reference_equivalent_mg(const std::string& drug_id, double dose_mg) const;
};

struct Conversion {
  double amount_mg = 0.0;
  double low_mg = 0.0;
  double high_mg = 0.0;
};

// Converts an amount of one drug into another through the table's reference dose. The range
// combines both drugs' printed ranges (widest reading of the source).
Conversion convert(const EquivalenceTable& table, const std::string& from_drug, double amount_mg,
                   const std::string& to_drug);

}  // namespace taperlab
