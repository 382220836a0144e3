// PHQ-9 and GAD-7. PHQ-9 item 9 above 0 always answers with the crisis numbers.
#include <cstdint>
#include <limits>

#include "core/base/error.hpp"
#include "core/base/json_fields.hpp"
#include "core/base/json_text.hpp"
#include "core/instruments/instrument_score.hpp"
#include "core/journal/records_json.hpp"
#include "journal/questionnaires.hpp"
#include "server/routes/journal_json.hpp"
#include "server/routes/routes.hpp"

namespace taperlab::server {
namespace {

// Each answer read as a 64-bit whole number and checked against its item before it becomes an int:
// 2^32 + 1 for PHQ-9 item 9 is refused as itself, never stored as the 1 that shows the crisis
// message.
std::vector<int> answers_of(const nlohmann::json& body, const Instrument& instrument) {
  if (!body.contains("answers") || !body.at("answers").is_array()) {
    throw ValidationError("answers", "expected a list of answers, e.g. [0, 1, 2, ...]");
  }
  std::vector<std::int64_t> answers;
  const auto& list = body.at("answers");
  for (std::size_t i = 0; i < list.size(); ++i) {
    answers.push_back(json_fields::integer_value(list[i], "answers[" + std::to_string(i) + "]",
                                                 std::numeric_limits<std::int64_t>::min(),
                                                 std::numeric_limits<std::int64_t>::max()));
  }
  return checked_answers(instrument, answers, "answers");
}

ApiResponse record_answers(ApiCall& call) {
  const Person& person = call.person();
  const nlohmann::json body = call.body();
  const std::string instrument = call.request.captures.at(1);
  const std::vector<int> answers =
      answers_of(body, call.server.instruments.find(instrument, "instrument"));
  const auto r = journal::record_questionnaire(call.journal(), person, instrument, answers,
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

ApiResponse list_answers(ApiCall& call) {
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
  routes.push_back({"GET", base, Access::kSession, list_answers});
  routes.push_back({"POST", base + "/{instrument}", Access::kSession, record_answers});
}

}  // namespace taperlab::server
