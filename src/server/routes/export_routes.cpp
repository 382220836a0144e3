// "Download my data": the whole journal as JSON (what `taperlab import` reads) or one CSV row per
// day, as a file.
#include "core/base/error.hpp"
#include "journal/export_import.hpp"
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

}  // namespace

void add_export_routes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/v1/people/{person_id}/export", Access::kSession, export_journal});
}

}  // namespace taperlab::server
