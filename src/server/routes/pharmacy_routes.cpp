// The pharmacy view of the plan in force (journal/pharmacy.hpp): what to dispense per supply
// period from a day (today by default) and in total, as JSON or as the printable text.
#include <charconv>
#include <string>

#include "core/base/error.hpp"
#include "journal/pharmacy.hpp"
#include "report/pharmacy_report.hpp"
#include "server/routes/routes.hpp"

namespace taperlab::server {
namespace {

int period_param(const ApiCall& call) {
  const auto text = call.request.query_value("period");
  if (!text) return 28;
  int days = 0;
  const auto* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, days);
  if (text->empty() || ec != std::errc() || ptr != end) {
    throw ValidationError("period",
                          "expected a whole number of days: 7, 14 or 28 (any from 1 "
                          "to 90)");
  }
  check_supply_period(days, "period");
  return days;
}

ApiResponse plan_pharmacy(ApiCall& call) {
  const Person& person = call.person();
  const int period = period_param(call);
  const std::string format = call.request.query_value("format").value_or("json");
  if (format != "json" && format != "text") {
    throw ValidationError("format", "expected json or text, got '" + format + "'");
  }
  const CivilDate from = call.date_param();
  const journal::PlanSupply supply = journal::plan_supply(call.repo, person, from, period);
  if (format == "text") {
    return ApiResponse::download(
        report::pharmacy_text(supply.schedule, call.server.catalog, supply.heading),
        "text/plain; charset=utf-8",
        "taperlab-pharmacy-v" + std::to_string(supply.version) + "-" + from.to_string() + ".txt");
  }
  nlohmann::json out = report::pharmacy_json(supply.schedule, call.server.catalog);
  out["version"] = supply.version;
  out["heading"] = supply.heading.plan;
  out["from_later_day"] = supply.heading.from_later_day;
  return ApiResponse::json(200, out);
}

}  // namespace

void add_pharmacy_routes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/v1/people/{person_id}/plans/current/pharmacy", Access::kSession,
                    plan_pharmacy});
}

}  // namespace taperlab::server
