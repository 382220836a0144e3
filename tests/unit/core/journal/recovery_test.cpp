// Life after the last dose: the phase starts the day after the plan's last planned dose, the
// lighter check-in asks the symptoms that remain, monthly check-ups fall due after 28 days, and
// the persistence rule speaks up only when symptoms stay above or come back beyond the model's
// band, or a questionnaire crosses its published cut-off.
#include "core/journal/recovery.hpp"

#include <gtest/gtest.h>

namespace taperlab {
namespace {

CivilDate recovery_day(const char* text) { return parse_civil_date(text, "date"); }

PlanStepView plan_step(int index, int start_day, int duration, const char* kind, double dose_mg) {
  PlanStepView s;
  s.index = index;
  s.start_day = start_day;
  s.duration_days = duration;
  s.kind = kind;
  s.diazepam_equivalent_mg = dose_mg;
  if (dose_mg > 0) s.doses.push_back({"diazepam", TimeOfDay{8 * 60}, dose_mg, "1 tablet"});
  return s;
}

// Diazepam 4, 2 mg for 14 days each, then the stop on day 28 (2026-01-29).
PlanView stopping_plan() {
  PlanView v;
  v.start_date = recovery_day("2026-01-01");
  v.steps = {plan_step(1, 0, 14, "cut", 4.0), plan_step(2, 14, 14, "cut", 2.0),
             plan_step(3, 28, 0, "stop", 0.0)};
  return v;
}

TEST(RecoveryPhase, TheLastDoseIsTheDayBeforeTheStopAndRecoveryStartsTheDayAfter) {
  const PlanView plan = stopping_plan();
  ASSERT_EQ(last_planned_dose_date(plan), recovery_day("2026-01-28"));
  // The last dose day is still on the last dosed step; the next day is the stop step.
  EXPECT_FALSE(is_recovery_step(plan, *plan.step_on(recovery_day("2026-01-28"))));
  EXPECT_TRUE(is_recovery_step(plan, *plan.step_on(recovery_day("2026-01-29"))));
  EXPECT_TRUE(is_recovery_step(plan, *plan.step_on(recovery_day("2026-09-01"))));
  const RecoveryClock first =
      recovery_clock(recovery_day("2026-01-28"), recovery_day("2026-01-29"));
  EXPECT_EQ(first.days_since, 1);
  EXPECT_EQ(first.weeks_since, 0);
  const RecoveryClock later =
      recovery_clock(recovery_day("2026-01-28"), recovery_day("2026-05-01"));
  EXPECT_EQ(later.days_since, 93);
  EXPECT_EQ(later.weeks_since, 13);
  EXPECT_STREQ(to_string(JournalPhase::kRecovery), "recovery");
  EXPECT_STREQ(to_string(JournalPhase::kBeforePlan), "before-plan");
}

TEST(RecoveryPhase, APlanEndingOnAMaintenanceDoseHasNoLastDose) {
  PlanView plan = stopping_plan();
  plan.steps.back() = plan_step(3, 28, 0, "maintenance", 1.0);
  EXPECT_FALSE(last_planned_dose_date(plan).has_value());
  EXPECT_FALSE(is_recovery_step(plan, plan.steps.back()));
}

CheckIn check_in(const char* date, std::map<std::string, int> symptoms) {
  CheckIn c;
  c.date = recovery_day(date);
  c.symptoms = std::move(symptoms);
  return c;
}

TEST(RecoveryPhase, RemainingSymptomsAreThoseRatedInTheLastFourWeeksOfTheTaperOrSince) {
  const CivilDate last = recovery_day("2026-01-28");
  const std::vector<CheckIn> check_ins = {
      check_in("2025-12-31", {{"tremor", 3}, {"anxiety", 0}}),  // 29 days before: too early
      check_in("2026-01-01", {{"insomnia", 1}, {"anxiety", 0}}),
      check_in("2026-02-10", {{"tinnitus", 2}, {"anxiety", 0}}),
      check_in("2026-03-10", {{"headache", 2}}),  // after `date`
  };
  EXPECT_EQ(remaining_symptoms(check_ins, last, recovery_day("2026-03-01")),
            (std::vector<std::string>{"insomnia", "tinnitus"}));
  EXPECT_TRUE(remaining_symptoms({check_in("2026-01-20", {{"anxiety", 0}})}, last,
                                 recovery_day("2026-03-01"))
                  .empty());
}

TEST(RecoveryPhase, CheckupsAreDueWhenNoneWasDoneInTheLast28Days) {
  const CivilDate today = recovery_day("2026-05-01");
  QuestionnaireResponse phq9;
  phq9.instrument_id = "phq9";
  phq9.date = today.plus_days(-27);  // inside the 28 days
  QuestionnaireResponse gad7;
  gad7.instrument_id = "gad7";
  gad7.date = today.plus_days(-28);  // just outside
  CognitiveSession session;
  session.test_id = "digit-span-forward";
  session.date = today.plus_days(1);  // after today: not counted
  const RecoveryCheckups c = recovery_checkups({phq9, gad7}, {session}, today);
  EXPECT_FALSE(c.phq9_due);
  EXPECT_TRUE(c.gad7_due);
  EXPECT_TRUE(c.cognition_due);
  EXPECT_EQ(c.last_gad7, today.plus_days(-28));
  EXPECT_FALSE(c.last_cognition.has_value());
}

PersistenceInput steady(double share, int days_since, std::optional<double> expected_high) {
  PersistenceInput in;
  in.clock =
      recovery_clock(recovery_day("2026-01-28"), recovery_day("2026-01-28").plus_days(days_since));
  for (int d = 1; d <= days_since; ++d) {
    in.days.push_back({recovery_day("2026-01-28").plus_days(d), share});
  }
  in.expected_share_high = expected_high;
  return in;
}

bool has_concern(const std::vector<RecoveryConcern>& concerns, const std::string& kind) {
  for (const auto& c : concerns) {
    if (c.kind == kind) return true;
  }
  return false;
}

TEST(RecoveryPersistence, SymptomsAboveTheModelsBandFourWeeksAfterTheLastDoseAreNamed) {
  const auto concerns = recovery_concerns(steady(0.30, 35, 0.20));
  ASSERT_TRUE(has_concern(concerns, "persisting"));
  const std::string& m = concerns.front().message;
  EXPECT_NE(m.find("5 weeks after your last dose"), std::string::npos) << m;
  EXPECT_NE(m.find("30%"), std::string::npos) << m;
  const std::string help = kRecoveryHelpText;
  EXPECT_NE(help.find("talk to your doctor"), std::string::npos);
  EXPECT_NE(help.find("going back to the drug by itself is not the answer"), std::string::npos);
}

TEST(RecoveryPersistence, NothingIsSaidInsideTheBandOrInTheFirstFourWeeks) {
  EXPECT_TRUE(recovery_concerns(steady(0.15, 35, 0.20)).empty());
  // Three weeks after the last dose acute withdrawal is still expected.
  EXPECT_TRUE(recovery_concerns(steady(0.30, 21, 0.20)).empty());
  // Without the model's band there is nothing to compare with.
  EXPECT_TRUE(recovery_concerns(steady(0.30, 35, std::nullopt)).empty());
  // Two check-ins in the last 7 days make no 7-day mean.
  PersistenceInput sparse = steady(0.30, 35, 0.20);
  std::erase_if(sparse.days, [&](const RecoverySymptomDay& d) {
    return d.date > recovery_day("2026-01-28").plus_days(28) &&
           d.date < recovery_day("2026-01-28").plus_days(34);
  });
  EXPECT_FALSE(has_concern(recovery_concerns(sparse), "persisting"));
}

TEST(RecoveryPersistence, SymptomsThatFallAndRiseAgainAreReturning) {
  PersistenceInput in = steady(0.10, 60, 0.50);
  for (auto& d : in.days) {
    if (d.date > recovery_day("2026-01-28").plus_days(53))
      d.symptom_share = 0.18;  // the last 7 days
  }
  const auto concerns = recovery_concerns(in);
  ASSERT_TRUE(has_concern(concerns, "returning"));
  EXPECT_FALSE(has_concern(concerns, "persisting"));  // still inside the band
  EXPECT_NE(concerns.front().message.find("after falling to 10%"), std::string::npos);
  // A rise of less than the margin is day-to-day noise.
  for (auto& d : in.days) {
    if (d.symptom_share > 0.11) d.symptom_share = 0.14;
  }
  EXPECT_FALSE(has_concern(recovery_concerns(in), "returning"));
}

TEST(RecoveryPersistence, QuestionnairesAtTheirPublishedCutOffsSuggestHelpAtAnyTime) {
  PersistenceInput in = steady(0.05, 10, 0.20);
  in.latest_phq9 = 9;
  in.latest_gad7 = 9;
  EXPECT_TRUE(recovery_concerns(in).empty());
  in.latest_phq9 = 10;
  in.latest_gad7 = 12;
  const auto concerns = recovery_concerns(in);
  ASSERT_EQ(concerns.size(), 2u);
  EXPECT_EQ(concerns[0].kind, "low-mood");
  EXPECT_EQ(concerns[1].kind, "anxiety");
  EXPECT_NE(concerns[0].message.find("PHQ-9 since stopping is 10"), std::string::npos);
  for (const auto& c : concerns) EXPECT_EQ(c.message.find("restart"), std::string::npos);
  EXPECT_NE(std::string(kRecoveryHelpText).find("clinician"), std::string::npos);
}

}  // namespace
}  // namespace taperlab
