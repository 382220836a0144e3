#include "core/insight/insight_summary.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/base/error.hpp"

namespace taperlab::insight {
namespace {

const CivilDate kSummaryStart = parse_civil_date("2027-01-04", "start");

TimeOfDay at(int hour, int minute = 0) { return TimeOfDay{hour * 60 + minute}; }

// `answered` items named item-0, item-1, ..., rated `rating` each, plus `extra`.
std::map<std::string, int> answered_items(int answered, int rating,
                                          std::map<std::string, int> extra = {}) {
  for (int i = 0; i < answered; ++i) extra["item-" + std::to_string(i)] = rating;
  return extra;
}

TEST(InsightInput, SymptomShareIsTheSumOverTheAnsweredMaximum) {
  EXPECT_FALSE(symptom_share({}));
  // 11 answered (the least that counts): 6 + 0 over 4 x 11, the 11 unanswered items left out.
  EXPECT_DOUBLE_EQ(
      *symptom_share(answered_items(8, 0, {{"anxiety", 2}, {"tremor", 0}, {"insomnia", 4}})),
      6.0 / 44.0);
  EXPECT_DOUBLE_EQ(*symptom_share(answered_items(kMinAnsweredSymptoms, 0)), 0.0);
}

TEST(InsightInput, TooFewAnswersAreMissingNotAGoodDay) {
  // Ten "none" answers and twelve skipped: not a symptom-free day, a day without a score.
  EXPECT_FALSE(symptom_share(answered_items(kMinAnsweredSymptoms - 1, 0)));
  CheckIn c;
  c.date = kSummaryStart;
  c.symptoms = answered_items(3, 0);
  const InsightDay d = insight_day(c);
  EXPECT_FALSE(d.symptom_share);
  EXPECT_EQ(d.symptoms_answered, 3);
}

TEST(InsightInput, SleepTimeRunsAcrossMidnightAndNeedsAllThreeTimes) {
  SleepDiary s;
  s.bedtime = at(23, 30);
  s.wake_time = at(7);
  EXPECT_FALSE(total_sleep_minutes(s));  // time to fall asleep missing
  s.minutes_to_fall_asleep = 30;
  EXPECT_EQ(total_sleep_minutes(s), 420);
  s.bedtime = at(1);
  s.wake_time = at(9, 15);
  EXPECT_EQ(total_sleep_minutes(s), 465);
  s.minutes_to_fall_asleep = 495;
  EXPECT_EQ(total_sleep_minutes(s), 0);  // a sleepless night is a value, not a gap
  s.minutes_to_fall_asleep = 500;
  EXPECT_FALSE(total_sleep_minutes(s));  // longer than the time in bed: inconsistent
  s.minutes_to_fall_asleep = 10;
  s.wake_time = s.bedtime;
  EXPECT_FALSE(total_sleep_minutes(s));  // 0 or 24 hours: cannot tell
}

TEST(InsightInput, DayFromCheckIn) {
  CheckIn c;
  c.date = kSummaryStart;
  c.symptoms = answered_items(kMinAnsweredSymptoms - 2, 2, {{"anxiety", 3}, {"headache", 1}});
  c.sleep = {at(22), 20, 2, at(6), 7};
  c.mood = 6;
  c.habits.exercise_minutes = 25;
  const InsightDay d = insight_day(c);
  EXPECT_EQ(d.date, kSummaryStart);
  EXPECT_DOUBLE_EQ(*d.symptom_share, 0.5);  // (3 + 1 + 9 x 2) / (4 x 11)
  EXPECT_EQ(d.symptoms_answered, kMinAnsweredSymptoms);
  EXPECT_EQ(d.sleep_minutes, 460);
  EXPECT_EQ(d.sleep_quality, 7);
  EXPECT_EQ(d.awakenings, 2);
  EXPECT_EQ(d.mood, 6);
  EXPECT_EQ(d.habits.exercise_minutes, 25);
  EXPECT_FALSE(d.diazepam_equivalent_mg);
  EXPECT_FALSE(d.cut);
}

TEST(InsightInput, ValidationNamesTheBadFields) {
  InsightInput input;
  InsightDay d;
  d.date = kSummaryStart;
  d.symptom_share = 1.5;
  d.mood = 11;
  input.days = {d, d};
  try {
    validate(input);
    FAIL() << "expected a ValidationError";
  } catch (const ValidationError& e) {
    std::vector<std::string> fields;
    for (const auto& f : e.errors()) fields.push_back(f.field);
    EXPECT_NE(std::find(fields.begin(), fields.end(), "days"), fields.end());
    EXPECT_NE(std::find(fields.begin(), fields.end(), "days[2027-01-04].symptom_share"),
              fields.end());
    EXPECT_NE(std::find(fields.begin(), fields.end(), "days[2027-01-04].mood"), fields.end());
  }
  EXPECT_THROW(summarize_insights(input), ValidationError);
}

TEST(InsightSummary, EmptyJournalHasNoPeriodAndNoTrends) {
  const InsightSummary s = summarize_insights({});
  EXPECT_FALSE(s.period_from);
  EXPECT_TRUE(s.trends.empty());
  EXPECT_TRUE(s.cognition.empty());
}

// 35 days at 10 mg, cut to 9 mg on day 21; a questionnaire every 2 weeks; two memory tests.
InsightInput sample_input() {
  InsightInput input;
  for (int i = 0; i < 35; ++i) {
    InsightDay d;
    d.date = kSummaryStart.plus_days(i);
    d.symptom_share = 0.3 + 0.01 * (i % 5);
    d.mood = 5 + i % 2;
    d.diazepam_equivalent_mg = i < 21 ? 10.0 : 9.0;
    d.cut = i == 21;
    input.days.push_back(d);
  }
  for (int i = 0; i < 35; i += 14)
    input.questionnaires.push_back({kSummaryStart.plus_days(i), "phq9", 12});
  input.questionnaires.push_back({kSummaryStart.plus_days(2), "isi", 3});  // not trended
  for (int i = 0; i < 3; ++i) {
    input.cognitive.push_back(
        {kSummaryStart.plus_days(10 * i), "digit-span-forward", "laptop", 6.0 + i});
  }
  input.cognitive.push_back({kSummaryStart.plus_days(5), "digit-span-forward", "phone", 5.0});
  return input;
}

TEST(InsightSummary, TrendsComeInAFixedOrderOverTheirWindows) {
  const InsightSummary s = summarize_insights(sample_input());
  EXPECT_EQ(*s.period_from, kSummaryStart);
  EXPECT_EQ(*s.period_to, kSummaryStart.plus_days(34));
  ASSERT_EQ(s.trends.size(), 7u);
  const TrendMeasure order[] = {TrendMeasure::kSymptoms,  TrendMeasure::kSleepQuality,
                                TrendMeasure::kSleepTime, TrendMeasure::kAwakenings,
                                TrendMeasure::kMood,      TrendMeasure::kPhq9,
                                TrendMeasure::kGad7};
  for (std::size_t i = 0; i < 7; ++i) EXPECT_EQ(s.trends[i].measure, order[i]);
  const Trend& symptoms = s.trends[0];
  EXPECT_EQ(symptoms.window_from, kSummaryStart.plus_days(7));
  EXPECT_EQ(symptoms.n, 28);
  EXPECT_NEAR(*symptoms.last_7_days.mean, 100 * (0.3 + 0.01 * 17 / 7), 1e-9);  // 0-100
  EXPECT_EQ(s.trends[1].n, 0);
  EXPECT_EQ(s.trends[1].direction, TrendDirection::kNotEnoughData);
  const Trend& phq9 = s.trends[5];
  EXPECT_EQ(phq9.window_from, kSummaryStart);  // 12 weeks are longer than the period
  EXPECT_EQ(phq9.n, 3);
  EXPECT_EQ(phq9.direction, TrendDirection::kNotEnoughData);
  EXPECT_EQ(s.trends[6].n, 0);
}

TEST(InsightSummary, CutsCarryTheDoseLine) {
  const InsightSummary s = summarize_insights(sample_input());
  EXPECT_EQ(s.dose_line.from, kSummaryStart.plus_days(7));
  EXPECT_EQ(*s.dose_line.first_mg, 10.0);
  EXPECT_EQ(*s.dose_line.last_mg, 9.0);
  ASSERT_EQ(s.dose_line.cuts.size(), 1u);
  EXPECT_EQ(s.dose_line.cuts[0].date, kSummaryStart.plus_days(21));
  EXPECT_EQ(*s.dose_line.cuts[0].dose_before_mg, 10.0);
  EXPECT_EQ(*s.dose_line.cuts[0].dose_after_mg, 9.0);
  ASSERT_EQ(s.trends[0].cuts.size(), 1u);
  EXPECT_EQ(s.trends[0].cuts[0].before.n, 3);
  EXPECT_TRUE(s.trends[5].cuts.empty());  // fortnightly answers get no 3-day windows
}

TEST(InsightSummary, CognitiveTrendsPerTestAndDeviceFromThreeSessions) {
  const InsightSummary s = summarize_insights(sample_input());
  ASSERT_EQ(s.cognition.size(), 2u);
  EXPECT_EQ(s.cognition[0].device, "laptop");
  EXPECT_EQ(s.cognition[0].n, 3);
  ASSERT_TRUE(s.cognition[0].fit);                    // 3 sessions are enough for a (wide) interval
  EXPECT_NEAR(s.cognition[0].fit->slope, 0.7, 1e-9);  // one point per 10 days
  EXPECT_EQ(s.cognition[1].device, "phone");
  EXPECT_EQ(s.cognition[1].direction, TrendDirection::kNotEnoughData);

  InsightInput no_tests = sample_input();
  no_tests.cognitive.clear();
  EXPECT_TRUE(summarize_insights(no_tests).cognition.empty());
}

}  // namespace
}  // namespace taperlab::insight
