// The answer to a recorded check-in (server/routes/check_in_text.hpp): the check-in as its one
// writer writes it (write_json, records_json.hpp), the review and the score, in the order and
// layout every other answer has, and read back as what was stored.

#include "server/routes/check_in_text.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>

#include "core/journal/records_json.hpp"

namespace taperlab::server::testing {
namespace {

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

TEST(CheckInText, BareCheckInPrintsEveryMemberSorted) {
  EXPECT_EQ(check_in_answer_text(bare()),
            R"({"check_in":{"date":"2026-12-03","habits":{"alcohol_units":null,)"
            R"("caffeine_drinks":null,"exercise_kind":"","exercise_minutes":null,)"
            R"("regular_meals":null,"relaxation_minutes":null,"social_contact":null,)"
            R"("therapy_session":null},"id":1,"mood":null,"notes":"","person_id":2,)"
            R"("recorded_at":"2026-12-03T08:00:00Z","red_flags":[],"sleep":{"awakenings":null,)"
            R"("bedtime":null,"minutes_to_fall_asleep":null,"quality":null,"wake_time":null},)"
            R"("symptoms":{}},"crisis_message":null,"replaced":false,"review":{"decision":null,)"
            R"("new_plan_version":null,"next_review":null,"paused":false,"plan_change":""},)"
            R"("score":{"answered":0,"counts":false,"items":0,"max":0,"share":null,"sum":0}})");
}

TEST(CheckInText, EveryFieldReadsBackAsStoredAndPrintsAsDump) {
  const journal::CheckInResult r = full();
  const std::string text = check_in_answer_text(r);
  const auto doc = nlohmann::json::parse(text);
  // The text is what dump() prints for the document it holds: keys sorted, the same escapes.
  EXPECT_EQ(doc.dump(), text);
  const CheckIn back = parse_check_in(doc.at("check_in"));
  EXPECT_EQ(back.id, r.stored.id);
  EXPECT_EQ(back.person_id, r.stored.person_id);
  EXPECT_EQ(back.symptoms, r.stored.symptoms);
  EXPECT_EQ(back.sleep.bedtime, r.stored.sleep.bedtime);
  EXPECT_EQ(back.sleep.wake_time, r.stored.sleep.wake_time);
  EXPECT_EQ(back.sleep.minutes_to_fall_asleep, 45);
  EXPECT_EQ(back.sleep.awakenings, 0);
  EXPECT_EQ(back.habits.exercise_kind, r.stored.habits.exercise_kind);
  EXPECT_EQ(back.habits.alcohol_units, 1.5);
  EXPECT_EQ(back.habits.therapy_session, false);
  EXPECT_EQ(back.mood, 0);
  EXPECT_EQ(back.red_flags, r.stored.red_flags);
  EXPECT_EQ(back.notes, r.stored.notes);
  EXPECT_EQ(doc.at("check_in").at("red_flags"), nlohmann::json({"seizure", "self-harm"}));
  EXPECT_EQ(doc.at("score").at("sum"), 23);
  EXPECT_EQ(doc.at("score").at("share"), 23.0 / 80.0);
  EXPECT_EQ(doc.at("score").at("answered"), 20);
  EXPECT_TRUE(doc.at("score").at("counts").get<bool>());
  EXPECT_TRUE(doc.at("replaced").get<bool>());
  EXPECT_EQ(doc.at("crisis_message"), *r.crisis_message);
  EXPECT_FALSE(doc.contains("urgent_message"));
  const std::string urgent = check_in_answer_text(r, std::string("Call 112 now."));
  EXPECT_EQ(nlohmann::json::parse(urgent).at("urgent_message"), "Call 112 now.");
}

TEST(CheckInText, NumbersReadBackExactly) {
  for (const double units : {0.0, 2.0, 0.1, 1e-7, 123456789.125, 1.0 / 3.0}) {
    journal::CheckInResult r = full();
    r.stored.habits.alcohol_units = units;
    r.score.share = units;
    const auto doc = nlohmann::json::parse(check_in_answer_text(r));
    EXPECT_EQ(doc.at("check_in").at("habits").at("alcohol_units").get<double>(), units);
    EXPECT_EQ(doc.at("score").at("share").get<double>(), units);
  }
  journal::CheckInResult whole = full();
  whole.stored.habits.alcohol_units = 2.0;
  EXPECT_NE(check_in_answer_text(whole).find("\"alcohol_units\":2.0,"), std::string::npos);
}

TEST(CheckInText, ReviewsNameTheDecisionAndTheNextReview) {
  journal::CheckInResult due = full();
  Decision d;
  d.id = 7;
  d.person_id = 2;
  d.date = parse_civil_date("2026-12-03", "date");
  d.kind = DecisionKind::kHold;
  d.step_index = 3;
  d.reason = "symptoms rose by 40% over the last 7 days";
  d.evidence =
      nlohmann::json{{"baseline", 0.21}, {"recent", {0.3, 0.31, 0.29}}, {"window_days", 7}};
  d.plan_version_id = 4;
  d.recorded_at = "2026-12-03T08:00:00Z";
  due.review.decision = d;
  PlanVersion v;
  v.version = 5;
  due.review.new_version = v;
  due.review.plan_change = "Stay on your current dose for 7 more days.";
  const auto review = nlohmann::json::parse(check_in_answer_text(due)).at("review");
  EXPECT_EQ(review.at("decision"), to_json(d));
  EXPECT_EQ(review.at("new_plan_version"), 5);
  EXPECT_EQ(review.at("plan_change"), due.review.plan_change);
  EXPECT_FALSE(review.at("paused").get<bool>());

  journal::CheckInResult waiting = bare();
  waiting.review.outcome.due_on = parse_civil_date("2026-12-10", "due_on");
  EXPECT_NE(check_in_answer_text(waiting).find("\"next_review\":\"2026-12-10\""),
            std::string::npos);

  waiting.review.paused = true;  // a paused plan names no review date
  EXPECT_NE(check_in_answer_text(waiting).find("\"next_review\":null"), std::string::npos);
  EXPECT_NE(check_in_answer_text(waiting).find("\"paused\":true"), std::string::npos);
}

}  // namespace
}  // namespace taperlab::server::testing
