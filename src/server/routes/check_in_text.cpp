#include "server/routes/check_in_text.hpp"

#include "core/journal/records_json.hpp"
#include "report/json_text.hpp"

namespace taperlab::server {
namespace {

// Members in sorted order, as dump() prints an object.
void write_sleep(report::JsonText& j, const SleepDiary& s) {
  auto time = [&](const std::optional<TimeOfDay>& t) {
    if (t) {
      j.value(t->to_string());
    } else {
      j.null();
    }
  };
  j.begin_object();
  j.key("awakenings").value(s.awakenings);
  j.key("bedtime");
  time(s.bedtime);
  j.key("minutes_to_fall_asleep").value(s.minutes_to_fall_asleep);
  j.key("quality").value(s.quality);
  j.key("wake_time");
  time(s.wake_time);
  j.end_object();
}

void write_habits(report::JsonText& j, const Habits& h) {
  j.begin_object();
  j.key("alcohol_units").value(h.alcohol_units);
  j.key("caffeine_drinks").value(h.caffeine_drinks);
  j.key("exercise_kind").value(h.exercise_kind);
  j.key("exercise_minutes").value(h.exercise_minutes);
  j.key("regular_meals").value(h.regular_meals);
  j.key("relaxation_minutes").value(h.relaxation_minutes);
  j.key("social_contact").value(h.social_contact);
  j.key("therapy_session").value(h.therapy_session);
  j.end_object();
}

void write_check_in(report::JsonText& j, const CheckIn& c) {
  j.begin_object();
  j.key("date").value(c.date);
  j.key("habits");
  write_habits(j, c.habits);
  j.key("id").value(static_cast<std::int64_t>(c.id));
  j.key("mood").value(c.mood);
  j.key("notes").value(c.notes);
  j.key("person_id").value(static_cast<std::int64_t>(c.person_id));
  j.key("recorded_at").value(c.recorded_at);
  j.key("red_flags").raw(red_flags_json_text(c.red_flags));
  j.key("sleep");
  write_sleep(j, c.sleep);
  j.key("symptoms").raw(symptoms_json_text(c.symptoms));
  j.end_object();
}

// As review_json (journal_json.hpp).
void write_review(report::JsonText& j, const journal::ReviewResult& review) {
  j.begin_object();
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

}  // namespace

std::string check_in_answer_text(const journal::CheckInResult& result,
                                 const std::optional<std::string>& urgent_message) {
  std::string out;
  out.reserve(1024);
  report::JsonText j(out);
  j.begin_object();
  j.key("check_in");
  write_check_in(j, result.stored);
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
