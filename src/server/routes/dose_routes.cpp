// What to take today and the dose log: one tap confirms a planned dose.
#include "core/base/error.hpp"
#include "core/journal/records_json.hpp"
#include "core/dosing/regimen.hpp"
#include "journal/dose_logging.hpp"
#include "journal/today.hpp"
#include "server/routes/routes.hpp"

namespace taperlab::server {
namespace {

ApiResponse today(ApiCall& call) {
  const Person& person = call.person();
  const CivilDate date = call.date_param();
  TodayMemo& memo = *call.server.today_answers;
  // The version first: a write committed between the reads leaves the entry stale, never newer
  // than what it was built from.
  const std::int64_t version = call.repo.journal_version(person.id);
  ApiResponse answer;
  if (auto kept = memo.find(person.id, date, version)) {
    answer.body = *kept;
    return answer;
  }
  answer.body = journal::today_json_text(journal::build_today(call.repo, person, date));
  memo.keep(person.id, date, version, answer.body);
  return answer;
}

ApiResponse list_doses(ApiCall& call) {
  const Person& person = call.person();
  const DateRange range = query_range(call, 30);
  nlohmann::json doses = nlohmann::json::array();
  for (const auto& d : call.repo.doses(person.id, range.from, range.to)) {
    doses.push_back(to_json(d));
  }
  return ApiResponse::json(200, {{"doses", doses}});
}

ApiResponse take(ApiCall& call) {
  const Person& person = call.person();
  const nlohmann::json body = call.body();
  journal::TakeRequest request;
  request.date = body_date(call, body);
  if (auto t = optional_text(body, "time")) request.time = parse_time_of_day(*t, "time");
  if (auto t = optional_text(body, "planned_time")) {
    request.planned_time = parse_time_of_day(*t, "planned_time");
  }
  request.drug = optional_text(body, "drug");
  request.dose_mg = optional_number(body, "dose_mg");
  if (auto s = optional_text(body, "status")) request.status = parse_dose_status(*s, "status");
  request.note = optional_text(body, "note").value_or("");
  if (request.note.size() > 500) throw ValidationError("note", "at most 500 characters");
  const DoseLogEntry entry = journal::take_dose(call.journal(), person, request);
  return ApiResponse::json(201, to_json(entry));
}

}  // namespace

void add_dose_routes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/v1/people/{person_id}/today", Access::kSession, today});
  routes.push_back({"GET", "/api/v1/people/{person_id}/doses", Access::kSession, list_doses});
  routes.push_back({"POST", "/api/v1/people/{person_id}/doses", Access::kSession, take});
}

}  // namespace taperlab::server
