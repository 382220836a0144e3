// A journal months after the last dose, on a real SQLite file: Today is in the recovery phase
// (days and weeks since the last dose, no step, no decision of the taper repeated, nothing
// paused), the lighter check-in asks the symptoms that remain, the monthly check-ups fall due,
// status and progress set recovery against the person's own baseline with the model's curve, the
// dose line runs on at 0 mg (no straight line across months), a return of symptoms and a PHQ-9 of
// 12 are named with a suggestion of professional help, and insights have the recovery phase's
// own trends.
#include "journal/recovery.hpp"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/plan/planner.hpp"
#include "journal/insights.hpp"
#include "journal/plans.hpp"
#include "journal/progress.hpp"
#include "journal/status.hpp"
#include "journal/today.hpp"
#include "journal_fixture.hpp"

namespace taperlab::journal::testing {
namespace {

// The checklist's 22 items (data/instruments/symptom-checklist.json): every check-in here answers
// all of them, 0 where a symptom was not felt.
const char* const kItems[] = {"anxiety",
                              "panic",
                              "irritability",
                              "low-mood",
                              "insomnia",
                              "nightmares",
                              "fatigue",
                              "poor-concentration",
                              "memory-problems",
                              "muscle-tension",
                              "tremor",
                              "twitching",
                              "sweating",
                              "palpitations",
                              "headache",
                              "dizziness",
                              "nausea",
                              "tinnitus",
                              "light-sound-sensitivity",
                              "numbness-tingling",
                              "depersonalisation",
                              "restlessness"};

class RecoveryJournalTest : public JournalFixture {
 protected:
  void SetUp() override {
    JournalFixture::SetUp();
    person_.name = "Robin";
    person_.created_on = kToday;
    person_.id = repo().add_person(person_);
    PlanRequest request;
    add_drug(request.regimen, parse_drug_regimen("diazepam 5mg@08:00", catalog()));
    request.formulations = default_formulations(catalog(), {"diazepam"}, "GB");
    request.settings.strategy = "fraction";
    request.settings.cut_fraction = 0.25;
    request.settings.every_days = 14;
    request.settings.start_date = kToday;
    save_plan(ctx(), person_, request, build_plan(request, catalog()), "test");
    const auto plan = plan_in_force(repo(), person_.id, kToday);
    ASSERT_TRUE(plan.has_value());
    const auto last = last_planned_dose_date(plan->view());
    ASSERT_TRUE(last.has_value()) << "the plan ends in a stop";
    last_dose_ = *last;
    date_ = last_dose_.plus_days(150);

    // Baseline: anxiety 1 from a week before the plan; the taper's last 4 weeks: insomnia 2;
    // recovery: tinnitus 1 throughout, insomnia 1 for 6 weeks, then a return in the last week.
    for (CivilDate d = kToday.plus_days(-7); d <= date_; d = d.plus_days(1)) {
      std::map<std::string, int> r;
      const int since = last_dose_.days_until(d);
      if (since <= -28) r["anxiety"] = 1;
      if (since > -28 && since <= 0) r["insomnia"] = 2;
      if (since > 0) r["tinnitus"] = 1;
      if (since > 0 && since <= 42) r["insomnia"] = 1;
      if (since > 143) {
        r["insomnia"] = 4;
        r["anxiety"] = 3;
      }
      add_check_in(d, r);
    }
    add_answer("phq9", kToday, 8);
    add_answer("phq9", last_dose_.plus_days(100), 12);
    add_session(kToday, 5.0);
    add_session(kToday.plus_days(1), 6.0);  // the practice run's gain: the baseline is this one
    add_session(last_dose_.plus_days(140), 7.0);
    // A review on the last dosed step (about the taper) and nothing since.
    Decision review;
    review.person_id = person_.id;
    review.date = last_dose_.plus_days(-3);
    review.kind = DecisionKind::kContinue;
    review.step_index = 6;
    review.reason = "Symptoms are steady: continue with the next step.";
    repo().add_decision(review);
  }

  void add_check_in(CivilDate d, const std::map<std::string, int>& rated) {
    CheckIn c;
    c.person_id = person_.id;
    c.date = d;
    for (const char* item : kItems) c.symptoms[item] = rated.count(item) ? rated.at(item) : 0;
    c.mood = 6;
    c.sleep.quality = 6;
    c.recorded_at = "2026-03-01T09:00:00Z";
    repo().add_check_in(c);
  }

  void add_answer(const std::string& instrument, CivilDate d, int total) {
    QuestionnaireResponse r;
    r.person_id = person_.id;
    r.date = d;
    r.instrument_id = instrument;
    r.answers = {total, 0, 0, 0, 0, 0, 0, 0, 0};
    r.total = total;
    r.band = "mild";
    r.recorded_at = "2026-03-01T09:00:00Z";
    repo().add_questionnaire_response(r);
  }

  void add_session(CivilDate d, double span) {
    CognitiveSession s;
    s.person_id = person_.id;
    s.date = d;
    s.test_id = "digit-span-forward";
    s.device = "desktop";
    s.browser = "test";
    s.result = nlohmann::json{{"score", span}};
    s.recorded_at = "2026-03-01T09:00:00Z";
    repo().add_cognitive_session(s);
  }

  Person person_;
  CivilDate last_dose_;
  CivilDate date_;
};

TEST_F(RecoveryJournalTest, TodayIsInRecoveryFromTheDayAfterTheLastDose) {
  EXPECT_EQ(build_today(repo(), person_, kToday.plus_days(-1)).phase, JournalPhase::kBeforePlan);
  EXPECT_EQ(
      nlohmann::json::parse(today_json_text(build_today(repo(), person_, kToday.plus_days(-1))))
          .at("phase"),
      "before-plan");
  Person other;
  other.name = "Sam";
  other.created_on = kToday;
  other.id = repo().add_person(other);
  EXPECT_EQ(build_today(repo(), other, kToday).phase, JournalPhase::kNoPlan);
  EXPECT_FALSE(build_recovery(ctx(), other, kToday).has_value());
  EXPECT_FALSE(build_recovery(ctx(), person_, last_dose_).has_value());
  const TodayView last_day = build_today(repo(), person_, last_dose_);
  EXPECT_EQ(last_day.phase, JournalPhase::kTaper);
  ASSERT_TRUE(last_day.step.has_value());
  EXPECT_FALSE(last_day.doses.empty());
  EXPECT_TRUE(last_day.latest_decision.has_value());

  const TodayView next = build_today(repo(), person_, last_dose_.plus_days(1));
  EXPECT_EQ(next.phase, JournalPhase::kRecovery);
  ASSERT_TRUE(next.recovery.has_value());
  EXPECT_EQ(next.recovery->clock.days_since, 1);
  EXPECT_FALSE(next.step.has_value()) << "no step text in recovery";
  EXPECT_FALSE(next.next_change_date.has_value());
  EXPECT_FALSE(next.latest_decision.has_value()) << "the taper's decision is not repeated";
  EXPECT_TRUE(next.doses.empty());
  EXPECT_FALSE(next.paused);
}

TEST_F(RecoveryJournalTest, MonthsLaterTodayCountsWeeksAsksWhatRemainsAndSuggestsCheckups) {
  const TodayView today = build_today(repo(), person_, date_);
  ASSERT_EQ(today.phase, JournalPhase::kRecovery);
  const RecoveryToday& r = *today.recovery;
  EXPECT_EQ(r.clock.last_dose, last_dose_);
  EXPECT_EQ(r.clock.days_since, 150);
  EXPECT_EQ(r.clock.weeks_since, 21);
  EXPECT_EQ(r.remaining_symptoms, (std::vector<std::string>{"anxiety", "insomnia", "tinnitus"}));
  EXPECT_TRUE(r.checkups.phq9_due);        // the last one 50 days ago
  EXPECT_TRUE(r.checkups.gad7_due);        // never answered
  EXPECT_FALSE(r.checkups.cognition_due);  // 10 days ago
  const nlohmann::json doc = nlohmann::json::parse(today_json_text(today));
  EXPECT_EQ(doc.at("phase"), "recovery");
  EXPECT_TRUE(doc.at("step").is_null());
  EXPECT_TRUE(doc.at("latest_decision").is_null());
  EXPECT_EQ(doc.at("recovery").at("weeks_since_last_dose"), 21);
  EXPECT_EQ(doc.at("recovery").at("last_dose_date"), last_dose_.to_string());
}

TEST_F(RecoveryJournalTest, AnUrgentReportAfterTheLastDoseIsShownButPausesNothing) {
  Decision urgent;
  urgent.person_id = person_.id;
  urgent.date = date_.plus_days(-1);
  urgent.kind = DecisionKind::kUrgent;
  urgent.reason = "Seizure reported: get help now.";
  repo().add_decision(urgent);
  const TodayView today = build_today(repo(), person_, date_);
  EXPECT_EQ(today.phase, JournalPhase::kRecovery);
  EXPECT_FALSE(today.paused) << "no dose is left to hold";
  EXPECT_FALSE(today.pause.has_value());
  const nlohmann::json doc = nlohmann::json::parse(today_json_text(today));
  EXPECT_TRUE(doc.at("pause").is_null());
  EXPECT_FALSE(doc.at("paused").get<bool>());
  ASSERT_TRUE(today.latest_decision.has_value());
  EXPECT_EQ(today.latest_decision->kind, DecisionKind::kUrgent);
}

TEST_F(RecoveryJournalTest, RecoveryIsSetAgainstTheOwnBaselineAndTheModelsCurve) {
  const auto view = build_recovery(ctx(), person_, date_);
  ASSERT_TRUE(view.has_value());
  const RecoveryBaseline& b = view->baseline;
  EXPECT_EQ(b.from, kToday.plus_days(-28));
  EXPECT_EQ(b.to, kToday.plus_days(13));
  EXPECT_EQ(b.baseline.check_ins, 21);  // 7 before the plan and its first 14 days
  ASSERT_TRUE(b.baseline.symptom_share.has_value());
  EXPECT_NEAR(*b.baseline.symptom_share, 1.0 / 88.0, 1e-12);
  ASSERT_TRUE(b.baseline.phq9 && b.recovery.phq9);
  EXPECT_EQ(b.baseline.phq9->total, 8);
  EXPECT_EQ(b.recovery.phq9->total, 12);
  ASSERT_EQ(b.baseline.cognition.size(), 1u);
  EXPECT_DOUBLE_EQ(b.baseline.cognition[0].score, 6.0);
  ASSERT_EQ(b.recovery.cognition.size(), 1u);
  EXPECT_DOUBLE_EQ(b.recovery.cognition[0].score, 7.0);
  EXPECT_EQ(b.recovery.check_ins, 28);

  EXPECT_TRUE(view->personal_model) << "months of check-ins make a personal fit";
  ASSERT_GE(view->curve.size(), static_cast<std::size_t>(kRecoveryCurveDays));
  EXPECT_EQ(view->curve.front().date, last_dose_);
  const auto& early = view->curve[30].adaptation_remaining;
  const auto& late = view->curve[300].adaptation_remaining;
  EXPECT_GT(early.median, late.median) << "adaptation unwinds after the last dose";
  EXPECT_LE(early.low, early.median);
  EXPECT_LE(early.median, early.high);
  ASSERT_TRUE(view->adaptation_remaining_today.has_value());
  ASSERT_TRUE(view->expected_share_high.has_value());

  bool returning = false;
  bool low_mood = false;
  for (const auto& c : view->concerns) {
    returning = returning || c.kind == "returning";
    low_mood = low_mood || c.kind == "low-mood";
  }
  EXPECT_TRUE(returning) << "symptoms rose again after falling";
  EXPECT_TRUE(low_mood) << "PHQ-9 12 since stopping";
  const nlohmann::json doc = to_json(*view);
  EXPECT_EQ(doc.at("concerns").size(), view->concerns.size());
  EXPECT_NE(doc.at("help").get<std::string>().find("clinician"), std::string::npos);
}

TEST_F(RecoveryJournalTest, StatusProgressAndInsightsCoverTheRecoveryPhase) {
  const StatusView status = build_status(ctx(), person_, date_);
  EXPECT_TRUE(status.recovery.has_value());
  EXPECT_FALSE(status.model.has_value()) << "the taper's forecast is not shown after the stop";

  const nlohmann::json progress = progress_json(ctx(), person_, date_);
  EXPECT_EQ(progress.at("phase"), "recovery");
  ASSERT_TRUE(progress.at("recovery").is_object());
  EXPECT_FALSE(progress.at("recovery").at("concerns").empty());
  // Every day after the stop is on the dose line at 0 mg (no line drawn across months).
  std::map<std::string, nlohmann::json> by_date;
  for (const auto& d : progress.at("days")) by_date[d.at("date")] = d;
  for (CivilDate d = last_dose_.plus_days(1); d <= date_; d = d.plus_days(1)) {
    ASSERT_TRUE(by_date.count(d.to_string())) << d.to_string();
    EXPECT_EQ(by_date[d.to_string()].at("dose_mg"), 0.0) << d.to_string();
  }

  const insight::InsightSummary summary = journal_insights(repo(), person_, date_);
  ASSERT_TRUE(summary.recovery.has_value());
  EXPECT_EQ(summary.recovery->from, last_dose_.plus_days(1));
  ASSERT_FALSE(summary.recovery->trends.empty());
  const insight::Trend& symptoms = summary.recovery->trends.front();
  EXPECT_EQ(symptoms.measure, insight::TrendMeasure::kSymptoms);
  EXPECT_EQ(symptoms.n, 150) << "recovery days only";
  EXPECT_EQ(symptoms.window_from, last_dose_.plus_days(1));
  // During the taper there is no recovery section.
  EXPECT_FALSE(journal_insights(repo(), person_, last_dose_).recovery.has_value());
}

}  // namespace
}  // namespace taperlab::journal::testing
