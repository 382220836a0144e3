#pragma once

// Each file adds one resource's routes to the API's list (server/api.hpp: api_routes()).

#include <nlohmann/json.hpp>  // every route reads or writes JSON
#include <vector>

#include "server/api.hpp"

namespace taperlab::server {

void add_auth_routes(std::vector<Route>& routes);
void add_catalog_routes(std::vector<Route>& routes);
void add_people_routes(std::vector<Route>& routes);
void add_plan_routes(std::vector<Route>& routes);
void add_dose_routes(std::vector<Route>& routes);
void add_check_in_routes(std::vector<Route>& routes);
void add_questionnaire_routes(std::vector<Route>& routes);
void add_report_routes(std::vector<Route>& routes);
void add_cognitive_routes(std::vector<Route>& routes);
void add_export_routes(std::vector<Route>& routes);
void add_import_routes(std::vector<Route>& routes);
void add_resume_routes(std::vector<Route>& routes);
void add_calendar_routes(std::vector<Route>& routes);
void add_pharmacy_routes(std::vector<Route>& routes);
void add_openapi_route(std::vector<Route>& routes);
void add_clinician_routes(std::vector<Route>& routes);

// A clinician's review of a decision, as the decisions list and the review route show it.
nlohmann::json review_json(const store::DecisionReview& review);

// Shared by the routes: the body's optional members with the field named on a wrong type.
std::optional<std::string> optional_text(const nlohmann::json& body, const char* key);
std::optional<double> optional_number(const nlohmann::json& body, const char* key);
std::string required_text(const nlohmann::json& body, const char* key);
// `from` and `to` from the query: `to` defaults to today, `from` to `default_days` before `to`.
struct DateRange {
  CivilDate from;
  CivilDate to;
};
DateRange query_range(const ApiCall& call, int default_days);
// The body's "date", else today; never in the future.
CivilDate body_date(const ApiCall& call, const nlohmann::json& body);

}  // namespace taperlab::server
