#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>

#include "core/insight/insight_summary.hpp"
#include "report/insights_report.hpp"

namespace taperlab::report {
namespace {

using insight::InsightDay;
using insight::InsightInput;
using insight::summarize_insights;

const CivilDate kStart = parse_civil_date("2027-03-01", "start");

// Twelve days at 10 mg diazepam-equivalent, cut to 9 mg on day 6. Symptoms rise a little after
// the cut; exercise (days 0, 2, 4, 7, 9) is followed by lower scores; caffeine on 2 days only.
// Sleep quality from day 5; a PHQ-9 at the start and on the last day; no memory tests.
InsightInput small_input() {
  const double scores[] = {30, 25, 32, 27, 31, 24, 35, 33, 28, 36, 30, 34};
  InsightInput input;
  for (int i = 0; i < 12; ++i) {
    InsightDay d;
    d.date = kStart.plus_days(i);
    d.symptom_share = scores[i] / 100.0;
    d.diazepam_equivalent_mg = i < 6 ? 10.0 : 9.0;
    d.cut = i == 6;
    if (i >= 5) d.sleep_quality = 4 + i % 3;
    d.habits.exercise_minutes = (i == 0 || i == 2 || i == 4 || i == 7 || i == 9) ? 30 : 0;
    d.habits.caffeine_drinks = (i == 3 || i == 8) ? 1 : 0;
    input.days.push_back(d);
  }
  input.questionnaires = {{kStart, "phq9", 11}, {kStart.plus_days(11), "phq9", 9}};
  return input;
}

// 60 days with everything filled in: exercise lowers the next day's score by 10 points, the other
// habits are random; fortnightly questionnaires; monthly memory tests on one device.
InsightInput full_input() {
  std::mt19937 rng(4242);
  auto uniform = [&] { return static_cast<double>(rng()) / 4294967296.0; };
  InsightInput input;
  bool exercised_yesterday = false;
  for (int i = 0; i < 60; ++i) {
    InsightDay d;
    d.date = kStart.plus_days(i);
    d.symptom_share = 0.45 - 0.002 * i - (exercised_yesterday ? 0.10 : 0.0) + 0.04 * uniform();
    d.sleep_quality = static_cast<int>(rng() % 11);
    d.sleep_minutes = 360 + static_cast<int>(rng() % 120);
    d.awakenings = static_cast<int>(rng() % 4);
    d.mood = static_cast<int>(rng() % 11);
    d.diazepam_equivalent_mg = i < 20 ? 12.0 : i < 40 ? 11.0 : 10.0;
    d.cut = i == 20 || i == 40;
    const bool exercise = rng() % 2 == 0;
    d.habits.exercise_minutes = exercise ? 45 : 0;
    d.habits.regular_meals = rng() % 4 != 0;
    d.habits.caffeine_drinks = static_cast<int>(rng() % 3);
    d.habits.alcohol_units = rng() % 5 == 0 ? 2.0 : 0.0;
    d.habits.relaxation_minutes = static_cast<int>(rng() % 30);
    d.habits.therapy_session = i % 7 == 2;
    d.habits.social_contact = rng() % 2 == 0;
    exercised_yesterday = exercise;
    input.days.push_back(d);
  }
  for (int i = 0; i < 60; i += 14) {
    input.questionnaires.push_back({kStart.plus_days(i), "phq9", 14 - i / 14});
    input.questionnaires.push_back({kStart.plus_days(i), "gad7", 10});
  }
  for (int i = 0; i < 60; i += 28) {
    input.cognitive.push_back({kStart.plus_days(i), "digit-span-backward", "laptop", 5.0 + i / 28});
  }
  return input;
}

// The text with its line breaks and indents folded into single spaces, to find wrapped phrases.
std::string flat(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') {
      out += text[i];
      continue;
    }
    while (i + 1 < text.size() && text[i + 1] == ' ') ++i;
    out += ' ';
  }
  return out;
}

TEST(InsightsText, GoldenTextForASmallJournal) {
  const std::string expected = R"(Insights from 2027-03-01 to 2027-03-12 (12 days)

How to read this
  These are patterns in your own journal. They describe what happened, not why, and they are not a
  diagnosis.
  The symptom checklist is taperlab's own, not a validated scale.
  A trend is called rising or falling only when its 95% confidence interval (CI) leaves out no
  change; otherwise it says no clear change. With fewer than 5 values it says not enough data yet.
  Days next to each other tend to be alike, so the intervals may be narrower than they should be:
  read them as a rough guide.
  Read each trend against your dose: symptoms may rise for a while after a cut and then settle.

Dose line, 2027-03-01 to 2027-03-12 (diazepam-equivalent)
  From 10 to 9 mg/day.
  Cut on 2027-03-07 (10 to 9 mg/day).

Trends over the whole period so far (2027-03-01 to 2027-03-12)
  Symptom score (0-100, higher means more symptoms): no clear change
    Change per week: +3.4 points (95% CI -1.3 to +8.1), from 12 values.
    Last 7 days: 31.4 points on average (7 values); the 7 days before: 29 points on average (5
      values).
    Cut on 2027-03-07 (10 to 9 mg/day): 3 days before, 27.3 points on average (3 values); first 3
      days on the new dose, 32 points on average (3 values).
  Sleep quality (0-10, higher is better): no clear change
    Change per week: +0.2 points (95% CI -3.1 to +3.6), from 7 values.
    Last 7 days: 5.1 points on average (7 values); the 7 days before: no values.
    Cut on 2027-03-07 (10 to 9 mg/day): 3 days before, 6 points on average (1 value); first 3 days
      on the new dose, 5 points on average (3 values).
  Sleep time (minutes from falling asleep to waking): not enough data yet
    No values so far; a trend needs 5.
  Night awakenings (times woken in the night): not enough data yet
    No values so far; a trend needs 5.
  Mood (0-10, higher is better): not enough data yet
    No values so far; a trend needs 5.

Questionnaires over the whole period so far (2027-03-01 to 2027-03-12)
  PHQ-9, depression (0-27, higher means more symptoms): not enough data yet
    2 answers so far; a trend needs 5.
    Latest: 9 points on 2027-03-12; the one before: 11 points on 2027-03-01.
  GAD-7, anxiety (0-21, higher means more symptoms): not enough data yet
    No answers so far; a trend needs 5.

Memory and attention
  No memory and attention tests yet.

Habits and next-day symptoms
  Each habit on one day is compared with your symptom score (0-100) on the next day. 11 days are
  followed by a day with a symptom score; 30 or more are recommended for stable estimates, so these
  may still change a lot.
  - On days after you exercised 20 minutes or more, your symptom score was 6.7 points lower on
    average (95% CI 3.6 to 9.8 points lower; 5 days with, 6 without). This is an association, not
    proof that exercise caused it. p = 0.001: this is unlikely to be chance alone.
  - Caffeine: not enough days (2 with, 9 without; need 3 and 3).
  - No days to compare yet (0 with, 0 without; need 3 and 3): regular meals, alcohol, relaxation,
    therapy, social contact.
  Exercise of 20 minutes or more and relaxation of 10 minutes or more are thresholds taperlab
  assumes, not established cut-offs.
)";
  EXPECT_EQ(insights_text(summarize_insights(small_input())), expected);
}

TEST(InsightsText, HabitsAreWordedAsAssociationsWithTheirCorrection) {
  const std::string text = flat(insights_text(summarize_insights(full_input())));
  EXPECT_NE(text.find("On days after you exercised 20 minutes or more, your symptom score was"),
            std::string::npos);
  EXPECT_NE(text.find("This is an association, not proof that exercise caused it."),
            std::string::npos);
  EXPECT_NE(text.find("corrected for testing 7 habits (Holm)"), std::string::npos);
  EXPECT_NE(text.find("After correcting for testing 7 habits, 1 holds up: exercise. Even so, an "
                      "association is not proof of cause."),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("caused by"), std::string::npos);
  EXPECT_EQ(text.find("because"), std::string::npos);
}

TEST(InsightsText, ListsHabitsWithTooFewDays) {
  const std::string text = insights_text(summarize_insights(small_input()));
  EXPECT_NE(text.find("Caffeine: not enough days (2 with, 9 without; need 3 and 3)."),
            std::string::npos);
  EXPECT_EQ(text.find("your symptom score was", text.find("Caffeine")), std::string::npos);
}

TEST(InsightsText, SaysTheChecklistIsNotValidated) {
  const std::string text = insights_text(summarize_insights(small_input()));
  EXPECT_NE(text.find("taperlab's own, not a validated scale"), std::string::npos);
}

TEST(InsightsText, MemoryTestsWhenThereAreSome) {
  const std::string none = insights_text(summarize_insights(small_input()));
  EXPECT_NE(none.find("No memory and attention tests yet."), std::string::npos);
  const std::string some = flat(insights_text(summarize_insights(full_input())));
  EXPECT_EQ(some.find("No memory and attention tests yet."), std::string::npos);
  EXPECT_NE(some.find("digit-span-backward on laptop, all sessions (your own score on this test): "
                      "rising Change per week: +0.25, from 3 sessions that lie exactly on a "
                      "straight line, so they cannot show how uncertain this is."),
            std::string::npos)
      << some;
  EXPECT_NE(some.find("practice gains"), std::string::npos);
}

TEST(InsightsText, LinesAreAtMost100Columns) {
  for (const InsightInput& input : {small_input(), full_input(), InsightInput{}}) {
    std::istringstream lines(insights_text(summarize_insights(input)));
    std::string line;
    while (std::getline(lines, line)) EXPECT_LE(line.size(), 100u) << line;
  }
}

TEST(InsightsText, AnEmptyJournalSaysSoCalmly) {
  EXPECT_EQ(insights_text(summarize_insights({})),
            "Insights\n  Nothing in the journal yet. Insights appear after a few days of "
            "check-ins.\n");
}

TEST(InsightsText, JsonCarriesTheNumbers) {
  const nlohmann::json j = insights_json(summarize_insights(small_input()));
  EXPECT_EQ(j["period"]["from"], "2027-03-01");
  EXPECT_EQ(j["dose_line"]["cuts"][0]["date"], "2027-03-07");
  EXPECT_EQ(j["dose_line"]["cuts"][0]["dose_before_mg"], 10.0);
  const nlohmann::json& symptoms = j["trends"][0];
  EXPECT_EQ(symptoms["measure"], "symptoms");
  EXPECT_EQ(symptoms["direction"], "no_clear_change");
  EXPECT_EQ(symptoms["ci95_per_week"].size(), 2u);
  EXPECT_EQ(symptoms["cuts"][0]["after"]["n"], 3);
  EXPECT_TRUE(j["trends"][2]["slope_per_week"].is_null());  // sleep time: no values
  EXPECT_EQ(j["trends"][5]["measure"], "phq9");
  EXPECT_EQ(j["trends"][5]["latest"]["value"], 9.0);
  EXPECT_TRUE(j["cognition"].is_array() && j["cognition"].empty());
  const nlohmann::json& exercise = j["habits"]["results"][0];
  EXPECT_EQ(exercise["habit"], "exercise");
  EXPECT_EQ(exercise["status"], "tested");
  EXPECT_NEAR(exercise["difference"].get<double>(), 26.8 - 33.5, 1e-9);
  EXPECT_EQ(exercise["n_with"], 5);
  EXPECT_EQ(j["habits"]["results"][2]["status"], "not_enough_days");
  EXPECT_TRUE(j["habits"]["results"][2]["p"].is_null());
  EXPECT_EQ(j["habits"]["lag_days"], 1);
  EXPECT_EQ(j["habits"]["tested"], 1);
  EXPECT_EQ(j["notes"][0], "The symptom checklist is taperlab's own, not a validated scale.");

  const nlohmann::json empty = insights_json(summarize_insights({}));
  EXPECT_TRUE(empty["period"].is_null());
  EXPECT_TRUE(empty["dose_line"].is_null());
  EXPECT_TRUE(empty["trends"].empty());
}

}  // namespace
}  // namespace taperlab::report
