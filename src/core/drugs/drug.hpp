#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/sourced.hpp"

namespace taperlab {

enum class DrugClass { kBenzodiazepine, kZDrug };
// Duration class used by the planner (symptom window after a cut, crossover advice).
enum class ActingClass { kShort, kIntermediate, kLong };

struct HalfLifeRange {
  double low_h = 0.0;
  double high_h = 0.0;
};

struct HalfLives {
  std::optional<HalfLifeRange> parent;  // absent for pure prodrugs described by metabolites only
  std::optional<HalfLifeRange> active_metabolites;
  Evidence evidence = Evidence::kAssumed;
  std::string source;
};

// One active metabolite: formed from `formed_from` (the parent id or an earlier species of the
// chain) with fraction fm of that precursor's elimination.
struct Metabolite {
  std::string species;
  std::string formed_from;
  Sourced fm;
  Sourced cl_l_per_h;
  Sourced v_l;
  Sourced relative_potency;
};

struct PkParameters {
  Sourced bioavailability;  // F
  Sourced ka_per_h;
  Sourced lag_h;
  Sourced cl_l_per_h;
  Sourced v_l;
  Sourced relative_potency;  // of the parent species; ~0 for prodrugs
  std::vector<Metabolite> metabolites;
};

enum class FormulationForm { kTablet, kCapsule, kOdt, kOralSolution };
enum class Split { kNone, kHalf, kQuarter };
// Whether a pharmacy in the formulation's country can supply the product (data/SOURCES.md,
// "Products by country"): licensed and on the market, obtainable on prescription as a licensed
// special / unlicensed import / extemporaneous preparation, or no longer made.
enum class ProductStatus { kMarketed, kSpecial, kDiscontinued };

struct Formulation {
  // One of "US", "UK", "IE", "CA", "AU", "DE", "FR", "NL", "ES", "IT" (UK, not GB).
  std::string country;
  FormulationForm form = FormulationForm::kTablet;
  double strength_mg = 0.0;         // solid forms
  double strength_mg_per_ml = 0.0;  // liquids
  bool scored = false;
  Split split = Split::kNone;
  ProductStatus status = ProductStatus::kMarketed;  // a missing "status" reads as marketed
  std::string source;
};

struct Drug {
  std::string id;
  std::string generic_name;
  DrugClass drug_class = DrugClass::kBenzodiazepine;
  std::string atc;
  ActingClass acting = ActingClass::kLong;
  std::map<std::string, std::vector<std::string>> brands;  // region -> brand names
  HalfLives half_life;
  Sourced max_daily_mg;
  PkParameters pk;
  std::vector<Formulation> formulations;
};

const char* to_string(DrugClass c);
const char* to_string(ActingClass c);
const char* to_string(FormulationForm f);
const char* to_string(Split s);
const char* to_string(ProductStatus s);

}  // namespace taperlab
