// A person's own profile and regimen, and "delete my data".
#include "core/base/error.hpp"
#include "core/journal/records_json.hpp"
#include "core/person/profile.hpp"
#include "core/dosing/regimen.hpp"
#include "io/time_zone.hpp"
#include "journal/people.hpp"
#include "server/routes/routes.hpp"
#include "server/session_cookie.hpp"

namespace taperlab::server {
namespace {

ApiResponse get_person(ApiCall& call) { return ApiResponse::json(200, to_json(call.person())); }

ApiResponse update_person(ApiCall& call) {
  const Person& person = call.person();
  const nlohmann::json body = call.body();
  journal::InitRequest request;
  request.person_id = person.id;
  request.date = call.today;
  request.name = optional_text(body, "name");
  if (request.name && request.name->size() > 100) {
    throw ValidationError("name", "at most 100 characters");
  }
  if (body.contains("profile")) {
    if (!body.at("profile").is_object()) throw ValidationError("profile", "expected an object");
    request.profile = parse_profile(body.at("profile"));
    // The prescriber is edited in its own settings section: a profile sent without it (the
    // profile form) keeps the one stored; an empty object clears it.
    if (!body.at("profile").contains("prescriber")) {
      request.profile->prescriber = person.profile.prescriber;
    }
  }
  if (auto zone = optional_text(body, "time_zone")) {
    request.time_zone = io::require_time_zone(*zone, "time_zone");
  }
  const auto result = journal::init_person(call.journal(), request);
  return ApiResponse::json(200, to_json(result.person));
}

ApiResponse delete_person(ApiCall& call) {
  const Person& person = call.person();
  call.repo.delete_person(person.id);  // the account and its sessions go with it
  ApiResponse r = ApiResponse::no_content();
  r.headers.emplace_back("Set-Cookie", cleared_session_cookie(call.request.https));
  return r;
}

ApiResponse get_regimen(ApiCall& call) {
  const Person& person = call.person();
  auto record = call.repo.regimen_on(person.id, call.date_param());
  return ApiResponse::json(200, {{"regimen", record ? to_json(*record) : nlohmann::json(nullptr)}});
}

ApiResponse set_regimen(ApiCall& call) {
  const Person& person = call.person();
  const nlohmann::json body = call.body();
  std::vector<std::string> texts;
  if (body.contains("regimen") && body.at("regimen").is_array()) {
    for (const auto& item : body.at("regimen")) {
      if (!item.is_string()) throw ValidationError("regimen", "expected text for each drug");
      texts.push_back(item.get<std::string>());
    }
  } else {
    texts.push_back(required_text(body, "regimen"));
  }
  Regimen regimen;
  for (const auto& text : texts) {
    DrugRegimen drug = parse_drug_regimen(text, call.server.catalog, "regimen");
    check_plausible(drug, call.server.catalog, "regimen");
    add_drug(regimen, std::move(drug), "regimen");
  }
  journal::InitRequest request;
  request.person_id = person.id;
  request.date = body_date(call, body);
  request.regimen = regimen;
  if (auto weeks = optional_number(body, "weeks_on_regimen")) {
    if (!(*weeks > 0 && *weeks < 5200)) {
      throw ValidationError("weeks_on_regimen", "expected a number of weeks above 0");
    }
    Profile profile = person.profile;
    profile.weeks_on_regimen = *weeks;
    request.profile = profile;
  }
  const auto result = journal::init_person(call.journal(), request);
  return ApiResponse::json(201, to_json(*result.regimen));
}

}  // namespace

void add_people_routes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/v1/people/{person_id}", Access::kSession, get_person});
  routes.push_back({"PUT", "/api/v1/people/{person_id}", Access::kSession, update_person});
  routes.push_back({"DELETE", "/api/v1/people/{person_id}", Access::kSession, delete_person});
  routes.push_back({"GET", "/api/v1/people/{person_id}/regimen", Access::kSession, get_regimen});
  routes.push_back({"POST", "/api/v1/people/{person_id}/regimen", Access::kSession, set_regimen});
}

}  // namespace taperlab::server
