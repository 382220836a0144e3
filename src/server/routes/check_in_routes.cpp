// The daily check-in: symptoms, sleep, mood, habits and red flags. A report of self-harm thoughts
// always answers with the crisis numbers first.
#include "core/base/error.hpp"
#include "core/base/json_text.hpp"
#include "core/instruments/urgent_message.hpp"
#include "core/journal/records_json.hpp"
#include "journal/check_ins.hpp"
#include "server/routes/check_in_text.hpp"
#include "server/routes/routes.hpp"

namespace taperlab::server {
namespace {

// The records' reader names fields under "check_in."; a form knows them without it.
[[noreturn]] void rethrow_without_prefix(const ValidationError& e) {
  std::vector<FieldError> errors = e.errors();
  const std::string prefix = "check_in.";
  for (auto& fe : errors) {
    if (fe.field.rfind(prefix, 0) == 0) fe.field = fe.field.substr(prefix.size());
  }
  throw ValidationError(std::move(errors));
}

// A red flag in this check-in opens the urgent screen, with the country's emergency number: the
// same full screen as the crisis path, whichever flag it was (a seizure is no milder a matter).
std::optional<std::string> urgent_words(const ApiCall& call, const Person& person,
                                        const journal::CheckInResult& result) {
  if (result.stored.red_flags.empty()) return std::nullopt;
  return urgent_message(call.server.crisis, person.profile.country, result.stored.red_flags,
                        result.stored.date);
}

ApiResponse record_check_in(ApiCall& call) {
  const Person& person = call.person();
  nlohmann::json body = call.body();
  bool replace = false;
  if (body.contains("replace")) {
    if (!body.at("replace").is_boolean())
      throw ValidationError("replace", "expected true or false");
    replace = body.at("replace").get<bool>();
    body.erase("replace");
  }
  const CivilDate date = body_date(call, body);
  body["date"] = date.to_string();
  for (const char* owned : {"id", "person_id", "recorded_at"}) body.erase(owned);
  CheckIn check_in;
  try {
    check_in = parse_check_in(body, "check_in");
  } catch (const ValidationError& e) {
    rethrow_without_prefix(e);
  }
  if (check_in.notes.size() > 2000) throw ValidationError("notes", "at most 2000 characters");
  check_in.person_id = person.id;
  const auto result = journal::record_check_in(call.journal(), person, check_in, replace);
  ApiResponse answer;
  answer.status = 201;
  answer.body = check_in_answer_text(result, urgent_words(call, person, result));
  return answer;
}

ApiResponse list_check_ins(ApiCall& call) {
  const Person& person = call.person();
  const DateRange range = query_range(call, 90);
  ApiResponse answer;
  answer.status = 200;
  JsonText j(answer.body);
  j.begin_object().key("check_ins").begin_array();
  for (const auto& c : call.repo.check_ins(person.id, range.from, range.to)) write_json(j, c);
  j.end_array().end_object();
  j.finish();
  return answer;
}

}  // namespace

void add_check_in_routes(std::vector<Route>& routes) {
  routes.push_back(
      {"GET", "/api/v1/people/{person_id}/check-ins", Access::kSession, list_check_ins});
  routes.push_back(
      {"POST", "/api/v1/people/{person_id}/check-ins", Access::kSession, record_check_in});
}

}  // namespace taperlab::server
