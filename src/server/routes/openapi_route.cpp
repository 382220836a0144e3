// The API's OpenAPI 3 description, written by hand in openapi.json beside this folder and built
// into the binary; tests/integration/server checks it against api_routes().
#include "server/openapi_document.hpp"
#include "server/routes/routes.hpp"

namespace taperlab::server {
namespace {

ApiResponse openapi(ApiCall&) {
  ApiResponse r;
  r.body = openapi_document();
  return r;
}

}  // namespace

void add_openapi_route(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/v1/openapi.json", Access::kPublic, openapi});
}

}  // namespace taperlab::server
