// The --formulations text ("diazepam:2,5,10 tablet half; clonazepam:0.5 tablet",
// formulation_set.hpp), and what a plan then asks of the set it parsed.
#include "core/plan/formulation_set.hpp"
#include "fuzz_support.hpp"
#include "io/data_dir.hpp"

using namespace taperlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Catalog catalog = io::load_catalog(fuzz::data_dir());
  fuzz::accepts("parse_formulations", [&] {
    const FormulationSet set = parse_formulations(fuzz::text_of(data, size), catalog);
    for (const auto& option : set.options) {
      (void)option.describe();
      (void)option.granularity_mg();
      (void)set.for_drug(option.drug_id);
      (void)set.smallest_amount_mg(option.drug_id);
    }
  });
  return 0;
}
