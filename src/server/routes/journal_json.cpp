#include "server/routes/journal_json.hpp"

#include <nlohmann/json.hpp>

#include "core/base/json_text.hpp"
#include "core/journal/records_json.hpp"

namespace taperlab::server {

void write_review(JsonText& j, const journal::ReviewResult& review) {
  j.begin_object();  // members in sorted order, as dump() prints an object
  j.key("decision");
  if (review.decision) {
    j.document(to_json(*review.decision));  // only on the day a decision is made
  } else {
    j.null();
  }
  j.key("new_plan_version");
  if (review.new_version) {
    j.value(review.new_version->version);
  } else {
    j.null();
  }
  j.key("next_review");
  if (review.outcome.due_on && !review.paused) {
    j.value(*review.outcome.due_on);
  } else {
    j.null();
  }
  j.key("paused").value(review.paused);
  j.key("plan_change").value(review.plan_change);
  j.end_object();
}

}  // namespace taperlab::server
