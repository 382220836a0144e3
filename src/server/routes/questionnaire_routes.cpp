// PHQ-9 and GAD-7. PHQ-9 item 9 above 0 always answers with the crisis numbers.
#include "core/base/error.hpp"
#include "core/base/json_text.hpp"
#include "core/journal/records_json.hpp"
#include "journal/questionnaires.hpp"
#include "server/routes/journal_json.hpp"
#include "server/routes/routes.hpp"

namespace taperlab::server {
namespace {

std::vector<int> answers_of(const nlohmann::json& body) {
  if (!body.contains("answers") || !body.at("answers").is_array()) {
    throw ValidationError("answers", "expected a list of answers, e.g. [0, 1, 2, ...]");
  }
  std::vector<int> answers;
  const auto& list = body.at("answers");
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_number_integer()) {
      throw ValidationError("answers[" + std::to_string(i) + "]", "expected a whole number");
    }
    answers.push_back(list[i].get<int>());
  }
  return answers;
}

ApiResponse record(ApiCall& call) {
  const Person& person = call.person();
  const nlohmann::json body = call.body();
  const std::string instrument = call.request.captures.at(1);
  const auto r = journal::record_questionnaire(call.journal(), person, instrument, answers_of(body),
                                               body_date(call, body));
  ApiResponse answer;
  answer.status = 201;
  JsonText j(answer.body);
  j.begin_object();  // members in sorted order, as dump() prints an object
  j.key("band").value(r.score.band);
  j.key("crisis_message").value(r.crisis_message);
  j.key("instrument").value(r.instrument->id);
  j.key("max").value(r.score.max);
  j.key("response").document(to_json(r.stored));
  j.key("review");
  write_review(j, r.review);
  j.key("total").value(r.score.total);
  j.end_object();
  j.finish();
  return answer;
}

ApiResponse list(ApiCall& call) {
  const Person& person = call.person();
  std::string instrument = call.request.query_value("instrument").value_or("");
  if (!instrument.empty()) instrument = call.server.instruments.find(instrument, "instrument").id;
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : call.repo.questionnaire_responses(person.id, instrument)) {
    out.push_back(to_json(r));
  }
  return ApiResponse::json(200, {{"responses", out}});
}

}  // namespace

void add_questionnaire_routes(std::vector<Route>& routes) {
  const std::string base = "/api/v1/people/{person_id}/questionnaires";
  routes.push_back({"GET", base, Access::kSession, list});
  routes.push_back({"POST", base + "/{instrument}", Access::kSession, record});
}

}  // namespace taperlab::server
