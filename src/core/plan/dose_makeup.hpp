#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/plan/formulation_set.hpp"

namespace taperlab {

// One product's share of a dose: tablet pieces (counted in quarters) or a liquid volume.
struct UnitPart {
  DispensingOption option;
  int quarters = 0;        // solids: 4 = one whole tablet, 2 = a half, 1 = a quarter
  double volume_ml = 0.0;  // liquids

  [[nodiscard]] double mg() const;
};

// How one dose at one clock time is made from real units.
struct DoseMakeup {
  double dose_mg = 0.0;
  std::vector<UnitPart> parts;  // largest strength first; empty for a 0 mg dose

  // "1 x 5 mg + 1/2 x 2 mg", "2.5 mL of 1 mg/mL", "1 1/2 x 0.5 mg"; "none" for 0 mg.
  [[nodiscard]] std::string describe() const;
  // Number of separate solid pieces a person handles (a half counts as one piece).
  [[nodiscard]] int pieces() const;
};

// Limits on how a dose may be made.
struct MakeupRules {
  int max_pieces = 4;    // keep the number of tablets per dose small
  int max_products = 0;  // different products in one dose; 0: any number
};

// The feasible dose of `drug_id` nearest to target_mg that is not above max_mg (never above the
// previous step), made with as few pieces as possible among equally near doses. Returns nullopt
// when nothing above 0 mg and at most max_mg can be made within the rules. A target of 0 gives an
// empty makeup.
std::optional<DoseMakeup> make_dose(const std::string& drug_id, double target_mg, double max_mg,
                                    const FormulationSet& formulations,
                                    const MakeupRules& rules = {});

// Every distinct single-dose amount (mg, ascending, > 0, <= max_mg) that the formulations can make
// within the rules. Used by strategies to choose among feasible steps.
std::vector<double> achievable_doses(const std::string& drug_id, double max_mg,
                                     const FormulationSet& formulations,
                                     const MakeupRules& rules = {});

// make_dose and achievable_doses for one drug's products, with the table of what they can make
// found once: a plan makes hundreds of doses from the same products, and finding the table again
// for each was more than half of making one. The maker refers to `formulations`' options, which
// must outlive it (and stay unchanged).
class DoseMaker {
 public:
  DoseMaker(const std::string& drug_id, const FormulationSet& formulations,
            const MakeupRules& rules = {});

  [[nodiscard]] std::optional<DoseMakeup> make(double target_mg, double max_mg) const;
  [[nodiscard]] std::vector<double> achievable(double max_mg) const;

  struct Prepared;  // the table and the options it was made from (dose_makeup.cpp)

 private:
  std::shared_ptr<const Prepared> prepared_;  // null when no product of the drug can be used
};

// Advice when a needed amount cannot be made: which product would make it, e.g.
// "a 2 mg diazepam tablet halved, or diazepam oral solution 1 mg/mL".
std::string suggest_formulation(const std::string& drug_id, double needed_mg,
                                const Catalog& catalog);

}  // namespace taperlab
