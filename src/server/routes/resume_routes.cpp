// Resuming a paused plan (journal/resume.hpp): POST /people/{id}/plan/resume {"by": "person" |
// "clinician", "reason": "..."} after a check-in without red flags; 409 with the reason in words
// while it cannot be resumed.
#include "core/base/error.hpp"
#include "core/journal/records_json.hpp"
#include "journal/resume.hpp"
#include "server/routes/routes.hpp"

namespace taperlab::server {
namespace {

ApiResponse resume(ApiCall& call) {
  const Person& person = call.person();
  const nlohmann::json body = call.body();
  journal::ResumeRequest request;
  request.date = body_date(call, body);
  const auto by = optional_text(body, "by");
  if (!by) {
    throw ValidationError("by", "say who resumes the plan: \"person\" (you) or \"clinician\"");
  }
  request.by = journal::parse_resumed_by(*by, "by");
  request.reason = optional_text(body, "reason").value_or("");
  const journal::ResumeResult result = journal::resume_plan(call.journal(), person, request);
  return ApiResponse::json(
      201, {{"decision", to_json(result.decision)},
            {"new_plan_version",
             result.new_version ? nlohmann::json(result.new_version->version) : nlohmann::json()},
            {"plan_change", result.plan_change},
            {"paused", false}});
}

}  // namespace

void add_resume_routes(std::vector<Route>& routes) {
  routes.push_back({"POST", "/api/v1/people/{person_id}/plan/resume", Access::kSession, resume});
}

}  // namespace taperlab::server
