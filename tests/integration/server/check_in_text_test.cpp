// The check-in answer written as text (server/routes/check_in_text.hpp) must be the text the
// server printed when it built the answer as a JSON document: the web app and other clients read
// it, and nothing may be added, dropped or printed differently.

#include "server/routes/check_in_text.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "core/journal/records_json.hpp"
#include "server/api.hpp"
#include "server/routes/journal_json.hpp"

namespace taperlab::server::testing {
namespace {

// The answer as the route built it before: a document, printed by ApiResponse::json.
std::string as_document(const journal::CheckInResult& r) {
  return ApiResponse::json(
             201,
             {{"check_in", to_json(r.stored)},
              {"score",
               {{"sum", r.score.sum},
                {"max", r.score.max},
                {"share", r.score.share ? nlohmann::json(*r.score.share) : nlohmann::json(nullptr)},
                {"answered", r.score.answered},
                {"items", r.score.items},
                {"counts", r.score.counts}}},
              {"replaced", r.replaced},
              {"crisis_message",
               r.crisis_message ? nlohmann::json(*r.crisis_message) : nlohmann::json(nullptr)},
              {"review", review_json(r.review)}})
      .body;
}

journal::CheckInResult bare() {
  journal::CheckInResult r;
  r.stored.id = 1;
  r.stored.person_id = 2;
  r.stored.date = parse_civil_date("2026-12-03", "date");
  r.stored.recorded_at = "2026-12-03T08:00:00Z";
  return r;
}

journal::CheckInResult full() {
  journal::CheckInResult r = bare();
  CheckIn& c = r.stored;
  c.id = std::numeric_limits<std::int64_t>::max();
  c.person_id = 9007199254740993;
  c.symptoms = {{"anxiety", 3}, {"insomnia", 4}, {"tremor", 0}, {"\xc3\xa9tourdi", 1}};
  c.sleep.bedtime = parse_time_of_day("23:15", "bedtime");
  c.sleep.minutes_to_fall_asleep = 45;
  c.sleep.awakenings = 0;
  c.sleep.wake_time = parse_time_of_day("06:05", "wake_time");
  c.sleep.quality = 7;
  c.habits.exercise_minutes = 30;
  c.habits.exercise_kind = "walk \"fast\"\\slow\n\ttab";
  c.habits.regular_meals = true;
  c.habits.caffeine_drinks = 2;
  c.habits.alcohol_units = 1.5;
  c.habits.relaxation_minutes = 0;
  c.habits.therapy_session = false;
  c.habits.social_contact = true;
  c.mood = 0;
  c.red_flags = {RedFlag::kSeizure, RedFlag::kSelfHarmThoughts};
  c.notes = std::string("control \x01\x1f and \x7f, unicode \xe2\x9c\x93 \xf0\x9f\x98\x80, ") +
            std::string(300, 'x');
  r.score.sum = 23;
  r.score.max = 80;
  r.score.share = 23.0 / 80.0;
  r.score.answered = 20;
  r.score.items = 22;
  r.score.counts = true;
  r.replaced = true;
  r.crisis_message = "If you are thinking of harming yourself, call 112 or 116 123 now.";
  return r;
}

TEST(CheckInText, BareCheckInAsTheDocument) {
  EXPECT_EQ(check_in_answer_text(bare()), as_document(bare()));
}

TEST(CheckInText, EveryFieldAsTheDocument) {
  const journal::CheckInResult r = full();
  const std::string text = check_in_answer_text(r);
  EXPECT_EQ(text, as_document(r));
  // Not two empty strings agreeing: the fields are there.
  const auto doc = nlohmann::json::parse(text);
  EXPECT_EQ(doc.at("check_in").at("habits").at("alcohol_units"), 1.5);
  EXPECT_EQ(doc.at("check_in").at("red_flags"), nlohmann::json({"seizure", "self-harm"}));
  EXPECT_EQ(doc.at("score").at("sum"), 23);
  EXPECT_EQ(doc.at("score").at("answered"), 20);
  EXPECT_TRUE(doc.at("score").at("counts").get<bool>());
  EXPECT_TRUE(doc.at("crisis_message").is_string());
}

TEST(CheckInText, NumbersAsDumpPrintsThem) {
  for (const double units : {0.0, 2.0, 0.1, 1e-7, 123456789.125, 1.0 / 3.0}) {
    journal::CheckInResult r = full();
    r.stored.habits.alcohol_units = units;
    r.score.share = units;
    EXPECT_EQ(check_in_answer_text(r), as_document(r)) << units;
  }
}

TEST(CheckInText, ReviewsAsTheDocument) {
  journal::CheckInResult due = full();
  Decision d;
  d.id = 7;
  d.person_id = 2;
  d.date = parse_civil_date("2026-12-03", "date");
  d.kind = DecisionKind::kHold;
  d.step_index = 3;
  d.reason = "symptoms rose by 40% over the last 7 days";
  d.evidence = {{"baseline", 0.21}, {"recent", {0.3, 0.31, 0.29}}, {"window_days", 7}};
  d.plan_version_id = 4;
  d.recorded_at = "2026-12-03T08:00:00Z";
  due.review.decision = d;
  PlanVersion v;
  v.version = 5;
  due.review.new_version = v;
  due.review.plan_change = "Stay on your current dose for 7 more days.";
  EXPECT_EQ(check_in_answer_text(due), as_document(due));

  journal::CheckInResult waiting = bare();
  waiting.review.outcome.due_on = parse_civil_date("2026-12-10", "due_on");
  EXPECT_EQ(check_in_answer_text(waiting), as_document(waiting));
  EXPECT_NE(check_in_answer_text(waiting).find("\"next_review\":\"2026-12-10\""),
            std::string::npos);

  waiting.review.paused = true;  // a paused plan names no review date
  EXPECT_EQ(check_in_answer_text(waiting), as_document(waiting));
  EXPECT_NE(check_in_answer_text(waiting).find("\"next_review\":null"), std::string::npos);
}

}  // namespace
}  // namespace taperlab::server::testing
