// "Download my data": the whole journal as JSON (what `taperlab import` reads) or one CSV row per
// day, as a file; and the same journal as a FHIR R4 Bundle for a clinic's health record.
#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "io/data_dir.hpp"
#include "journal/export_import.hpp"
#include "journal/fhir_export.hpp"
#include "server/routes/routes.hpp"

namespace taperlab::server {
namespace {

ApiResponse export_journal(ApiCall& call) {
  const Person& person = call.person();
  const std::string format = call.request.query_value("format").value_or("json");
  const std::string stem = "taperlab-journal-" + call.today.to_string();
  if (format == "json") {
    return ApiResponse::download(journal::export_json(call.repo, person.id).dump(2) + "\n",
                                 "application/json", stem + ".json");
  }
  if (format == "csv") {
    return ApiResponse::download(journal::export_csv(call.repo, person.id),
                                 "text/csv; charset=utf-8", stem + ".csv");
  }
  throw ValidationError("format", "expected json or csv, got '" + format + "'");
}

// The FHIR R4 Bundle (journal/fhir_export.hpp), authorized as the export above. The product codes
// come from the data folder the server was started with (`taperlab --data-dir DIR serve`, else
// TAPERLAB_DATA_DIR or the built-in one).
ApiResponse export_fhir(ApiCall& call) {
  const Person& person = call.person();
  const auto& codes = journal::medication_codes(
      call.server.data_dir.empty() ? io::default_data_dir() : call.server.data_dir);
  return ApiResponse::download(journal::export_fhir(call.repo, person.id, call.server.instruments,
                                                    codes, call.today, call.now_utc)
                                       .dump(2) +
                                   "\n",
                               "application/fhir+json",
                               "taperlab-fhir-" + call.today.to_string() + ".json");
}

}  // namespace

void add_export_routes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/v1/people/{person_id}/export", Access::kSession, export_journal});
  routes.push_back(
      {"GET", "/api/v1/people/{person_id}/export.fhir.json", Access::kSession, export_fhir});
}

}  // namespace taperlab::server
