// Memory and attention sessions from the browser, each compared with the person's own baseline
// on the same device.
#include "core/base/error.hpp"
#include "journal/cognitive.hpp"
#include "server/routes/routes.hpp"

namespace taperlab::server {
namespace {

ApiResponse record_result(ApiCall& call) {
  const Person& person = call.person();
  const nlohmann::json body = call.body();
  CognitiveSession draft;
  draft.date = body_date(call, body);
  draft.test_id = optional_text(body, "test_id").value_or("");
  draft.device = optional_text(body, "device").value_or("");
  draft.browser = optional_text(body, "browser").value_or("");
  draft.result = body.contains("result") ? body.at("result") : nlohmann::json(nullptr);
  const auto view = journal::record_cognitive_session(call.journal(), person, std::move(draft));
  return ApiResponse::json(201, journal::to_json(view));
}

ApiResponse list_results(ApiCall& call) {
  const Person& person = call.person();
  return ApiResponse::json(
      200, journal::to_json(journal::list_cognitive_sessions(call.repo, person.id)));
}

}  // namespace

void add_cognitive_routes(std::vector<Route>& routes) {
  const std::string base = "/api/v1/people/{person_id}/cognitive-sessions";
  routes.push_back({"GET", base, Access::kSession, list_results});
  routes.push_back({"POST", base, Access::kSession, record_result});
}

}  // namespace taperlab::server
