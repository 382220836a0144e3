#include "test_catalog.hpp"

#include "io/data_dir.hpp"

namespace taperlab::testing {

const Catalog& shipped_catalog() {
  static const Catalog catalog = io::load_catalog(TAPERLAB_TEST_DATA_DIR);
  return catalog;
}

Regimen regimen_of(const std::string& text) {
  Regimen r;
  add_drug(r, parse_drug_regimen(text, shipped_catalog()));
  return r;
}

PlanRequest plan_request(const std::string& regimen, const std::string& strategy,
                         const std::string& formulations) {
  PlanRequest r;
  r.regimen = regimen_of(regimen);
  r.settings.strategy = strategy;
  r.formulations = parse_formulations(formulations, shipped_catalog());
  return r;
}

}  // namespace taperlab::testing
