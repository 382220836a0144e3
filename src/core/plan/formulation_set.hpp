#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/drugs/drug.hpp"

namespace taperlab {

class Catalog;

// One product a person has at hand and can measure a dose from.
struct DispensingOption {
  std::string drug_id;
  FormulationForm form = FormulationForm::kTablet;
  double strength_mg = 0.0;           // solids (tablet, capsule, odt, compounded capsule)
  double strength_mg_per_ml = 0.0;    // liquids
  Split split = Split::kNone;         // solids: the smallest piece allowed
  double measure_increment_ml = 0.1;  // liquids: the smallest measurable step of volume
  bool compounded = false;            // a custom strength made up by a pharmacy

  [[nodiscard]] bool is_liquid() const { return form == FormulationForm::kOralSolution; }
  // Smallest amount of drug one piece or one measuring increment holds, in mg.
  [[nodiscard]] double granularity_mg() const;
  // "5 mg tablet (halves)", "1 mg/mL oral solution", "0.25 mg compounded capsule"
  [[nodiscard]] std::string describe() const;
};

// The products available to one person, for every drug of their plan.
struct FormulationSet {
  std::vector<DispensingOption> options;

  [[nodiscard]] std::vector<const DispensingOption*> for_drug(const std::string& drug_id) const;
  [[nodiscard]] bool has_drug(const std::string& drug_id) const;
  // The smallest amount of the drug that can be measured out (mg): the finest granularity.
  [[nodiscard]] double smallest_amount_mg(const std::string& drug_id) const;
};

// Parses the --formulations text, e.g.
//   "diazepam:2,5,10 tablet half; clonazepam:0.5 tablet; diazepam:1 solution; lorazepam:0.1 capsule
//   compounded"
// Grammar, per ';'-separated item: DRUG ':' STRENGTHS [FORM] [SPLIT] [compounded] [step=ML]
//   STRENGTHS  comma-separated numbers (mg for solids, mg/mL for solutions)
//   FORM       tablet (default) | capsule | odt | solution (oral solution / liquid)
//   SPLIT      whole (default for tablets unless given) | half | quarter   (tablets only)
//   step=ML    measuring increment for solutions (default 0.1 mL)
// Strengths of a drug that the catalogue does not list are accepted only with `compounded`.
// Throws ValidationError naming `field` (and the item) for unknown drugs, forms, malformed numbers.
FormulationSet parse_formulations(std::string_view text, const Catalog& catalog,
                                  const std::string& field = "formulations");

// The catalogue's formulations of each drug marketed in `country` (all countries when it is
// empty, for advice only: a plan never mixes countries), with the split each allows.
FormulationSet default_formulations(const Catalog& catalog,
                                    const std::vector<std::string>& drug_ids,
                                    const std::string& country = "");

}  // namespace taperlab
