#include "server/routes/routes.hpp"

namespace taperlab::server {

std::vector<Route> api_routes() {
  std::vector<Route> routes;
  add_auth_routes(routes);
  add_catalog_routes(routes);
  add_people_routes(routes);
  add_plan_routes(routes);
  add_dose_routes(routes);
  add_check_in_routes(routes);
  add_questionnaire_routes(routes);
  add_report_routes(routes);
  add_cognitive_routes(routes);
  add_export_routes(routes);
  add_import_routes(routes);
  add_resume_routes(routes);
  add_calendar_routes(routes);
  add_pharmacy_routes(routes);
  add_clinician_routes(routes);
  add_openapi_route(routes);
  return routes;
}

}  // namespace taperlab::server
