// The regimen parsers: the command line's text ("clonazepam 1mg@08:00, 1mg@20:00", regimen.hpp)
// and, for an input that starts with '{', the JSON form records_json reads from a request or a
// stored record.
#include <nlohmann/json.hpp>
#include <utility>

#include "core/base/json_fields.hpp"
#include "core/dosing/regimen.hpp"
#include "core/journal/records_json.hpp"
#include "fuzz_support.hpp"
#include "io/data_dir.hpp"

using namespace taperlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Catalog catalog = io::load_catalog(fuzz::data_dir());
  const std::string_view text = fuzz::text_of(data, size);
  if (!text.empty() && text.front() == '{') {
    fuzz::accepts("parse_regimen (JSON)", [&] {
      const Regimen regimen = parse_regimen(json_fields::parse_document(text));
      (void)regimen.describe();
    });
    return 0;
  }
  fuzz::accepts("parse_drug_regimen", [&] {
    DrugRegimen drug = parse_drug_regimen(text, catalog);
    (void)drug.daily_mg();
    for (const auto& dose : drug.doses) {
      (void)dose.time.to_string();
      (void)format_mg(dose.dose_mg);
    }
    Regimen regimen;
    add_drug(regimen, std::move(drug));
    (void)regimen.describe();
  });
  return 0;
}
