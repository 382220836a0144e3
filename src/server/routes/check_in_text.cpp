#include "server/routes/check_in_text.hpp"

#include "core/base/json_text.hpp"
#include "core/journal/records_json.hpp"
#include "server/routes/journal_json.hpp"

namespace taperlab::server {

std::string check_in_answer_text(const journal::CheckInResult& result,
                                 const std::optional<std::string>& urgent_message) {
  std::string out;
  out.reserve(1024);
  JsonText j(out);
  j.begin_object();  // members in sorted order, as dump() prints an object
  j.key("check_in");
  write_json(j, result.stored);
  j.key("crisis_message").value(result.crisis_message);
  j.key("replaced").value(result.replaced);
  j.key("review");
  write_review(j, result.review);
  j.key("score").begin_object();
  j.key("answered").value(result.score.answered);
  j.key("counts").value(result.score.counts);
  j.key("items").value(result.score.items);
  j.key("max").value(result.score.max);
  j.key("share").value(result.score.share);
  j.key("sum").value(result.score.sum);
  j.end_object();
  if (urgent_message) j.key("urgent_message").value(*urgent_message);
  j.end_object();
  j.finish();
  return out;
}

}  // namespace taperlab::server
