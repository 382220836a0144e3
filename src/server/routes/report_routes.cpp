// What the person reads back: status with the model's forecast, the progress charts' series,
// insights (associations, not causes) and the decisions made on their plan.
#include "core/insight/insight_summary.hpp"
#include "core/journal/records_json.hpp"
#include "journal/insights.hpp"
#include "journal/progress.hpp"
#include "journal/recovery.hpp"
#include "journal/status.hpp"
#include "report/insights_report.hpp"
#include "server/routes/routes.hpp"

namespace taperlab::server {
namespace {

ApiResponse status(ApiCall& call) {
  const Person& person = call.person();
  const auto view = journal::build_status(call.journal(), person, call.date_param());
  return ApiResponse::json(200, journal::to_json(view));
}

ApiResponse progress(ApiCall& call) {
  const Person& person = call.person();
  return ApiResponse::json(200, journal::progress_json(call.journal(), person, call.date_param()));
}

// After the last dose: days since it, the baseline comparison, the model's curve and any concern
// (journal/recovery.hpp); {"recovery": null} before.
ApiResponse recovery(ApiCall& call) {
  const Person& person = call.person();
  const auto view = journal::build_recovery(call.journal(), person, call.date_param());
  return ApiResponse::json(
      200, {{"recovery", view ? journal::to_json(*view) : nlohmann::json(nullptr)}});
}

ApiResponse insights(ApiCall& call) {
  const Person& person = call.person();
  const auto summary = journal::journal_insights(call.repo, person, call.date_param());
  return ApiResponse::json(200, report::insights_json(summary));
}

ApiResponse decisions(ApiCall& call) {
  const Person& person = call.person();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : call.repo.decisions(person.id)) out.push_back(to_json(d));
  return ApiResponse::json(200, {{"decisions", out}});
}

}  // namespace

void add_report_routes(std::vector<Route>& routes) {
  const std::string base = "/api/v1/people/{person_id}";
  routes.push_back({"GET", base + "/status", Access::kSession, status});
  routes.push_back({"GET", base + "/progress", Access::kSession, progress});
  routes.push_back({"GET", base + "/insights", Access::kSession, insights});
  routes.push_back({"GET", base + "/recovery", Access::kSession, recovery});
  routes.push_back({"GET", base + "/decisions", Access::kSession, decisions});
}

}  // namespace taperlab::server
