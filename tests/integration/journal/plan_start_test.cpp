// A new or edited plan starts from the dose in force, never above it; going back up to the
// previous step is an explicit choice whose reason is recorded (journal/plan_start.hpp; issue 22,
// point 1). Tried as on the demo journal: step 5 of a 10%-every-14-days taper begun 60 days ago,
// 0.59 mg/day clonazepam, started from 1 mg/day (without the demo's check-ins, whose reviews
// would decide holds of their own).
#include "journal/plan_start.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/base/error.hpp"
#include "journal/plans.hpp"
#include "journal/today.hpp"
#include "journal_fixture.hpp"

namespace taperlab::journal {
namespace {

using testing::kToday;

double daily_mg(const Regimen& regimen) {
  double total = 0;
  for (const auto& d : regimen.drugs) total += d.daily_mg();
  return total;
}

double planned_mg(const TodayView& today) {
  double total = 0;
  for (const auto& d : today.doses) total += d.planned.dose_mg;
  return total;
}

constexpr int kBeganDaysAgo = 60;

class PlanStartTest : public testing::JournalFixture {
 protected:
  // A person in the UK on clonazepam 0.5 mg twice a day, following a 10%-every-14-days plan
  // saved to start 60 days ago (a start in the past is measured against today's dose: 1 mg).
  Person step5_person() {
    Person person;
    person.name = "Alex";
    person.created_on = kToday.plus_days(-kBeganDaysAgo);
    person.profile.country = "GB";
    person.id = repo().add_person(person);
    RegimenRecord record;
    record.person_id = person.id;
    record.effective_from = kToday.plus_days(-kBeganDaysAgo);
    add_drug(record.regimen, parse_drug_regimen("clonazepam 0.5mg@08:00, 0.5mg@20:00", catalog()));
    record.recorded_at = ctx().now_utc;
    repo().add_regimen(record);
    PlanOptions options = fraction();
    options.start = kToday.plus_days(-kBeganDaysAgo).to_string();
    const PlanStart start = start_for(person, options);
    save_plan_start(ctx(), person, start, build_plan(start.request, catalog()), "test");
    return person;
  }

  PlanOptions fraction() const {
    PlanOptions o;
    o.strategy = "fraction";
    o.cut = "10%";
    o.every = "14d";
    return o;
  }

  PlanStart start_for(const Person& person, PlanOptions options,
                      std::optional<GoBackChoice> go_back = std::nullopt) {
    options.profile = person.profile;
    PlanDefaults defaults;
    defaults.start = kToday;
    return plan_start_for(repo(), catalog(), person, kToday, options, defaults,
                          OptionSpelling::kJson, go_back);
  }

  // The field and message of the ValidationError `f` throws.
  template <typename F>
  std::pair<std::string, std::string> refusal(F&& f) {
    try {
      f();
    } catch (const ValidationError& e) {
      return {e.errors().front().field, e.errors().front().message};
    }
    ADD_FAILURE() << "expected a ValidationError";
    return {};
  }
};

TEST_F(PlanStartTest, TheDoseInForceIsTheStepOfTodayWithTheStepBefore) {
  const Person person = step5_person();
  const auto f = dose_in_force(repo(), person, kToday);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->step_index, 5);
  EXPECT_EQ(f->plan_version, 1);
  EXPECT_NEAR(daily_mg(f->regimen), 0.59, 1e-9);
  ASSERT_TRUE(f->previous_step.has_value());
  EXPECT_EQ(f->previous_step->index, 4);
  EXPECT_NEAR(daily_mg(f->previous_step->regimen()), 0.66, 1e-9);
  EXPECT_EQ(f->previous_step_start, kToday.plus_days(-kBeganDaysAgo + 42));
}

TEST_F(PlanStartTest, ANewPlanStartsFromTheDoseInForceByDefault) {
  const Person person = step5_person();
  const PlanStart start = start_for(person, fraction());
  EXPECT_NEAR(daily_mg(start.request.regimen), 0.59, 1e-9);
  EXPECT_EQ(start.from, kToday);
  const Plan plan = build_plan(start.request, catalog());
  ASSERT_FALSE(plan.steps.empty());
  EXPECT_LT(plan.steps.front().regimen().drugs.front().daily_mg(), 0.59);

  const PlanVersion saved = save_plan_start(ctx(), person, start, plan, "test");
  EXPECT_EQ(saved.version, 2);
  EXPECT_EQ(saved.effective_from, kToday);
  EXPECT_LE(planned_mg(build_today(repo(), person, kToday)), 0.59 + 1e-9);
}

TEST_F(PlanStartTest, TheOriginalRegimenIsRefusedNamingTheField) {
  const Person person = step5_person();
  PlanOptions options = fraction();
  options.regimens = {"clonazepam 0.5mg@08:00, 0.5mg@20:00"};  // what the demo started from
  const auto [field, message] = refusal([&] { start_for(person, options); });
  EXPECT_EQ(field, "regimen");
  EXPECT_NE(message.find("1 mg a day of clonazepam"), std::string::npos) << message;
  EXPECT_NE(message.find("0.59 mg a day"), std::string::npos) << message;
  EXPECT_NE(message.find("step 5 of plan version 1"), std::string::npos) << message;
  EXPECT_NE(message.find("go_back_to_step 4"), std::string::npos) << message;
  // Nothing was stored.
  EXPECT_EQ(repo().plan_versions(person.id).size(), 1u);
}

TEST_F(PlanStartTest, TheSameOrALowerDoseIsAccepted) {
  const Person person = step5_person();
  const auto f = dose_in_force(repo(), person, kToday);
  ASSERT_TRUE(f.has_value());
  PlanOptions same = fraction();
  same.regimens = {"clonazepam 0.09mg@08:00, 0.5mg@20:00"};
  EXPECT_NEAR(daily_mg(start_for(person, same).request.regimen), 0.59, 1e-9);
  PlanOptions lower = fraction();
  lower.regimens = {"clonazepam 0.5mg@20:00"};
  EXPECT_NEAR(daily_mg(start_for(person, lower).request.regimen), 0.5, 1e-9);
  // A drug not in force is an increase too (from none of it).
  PlanOptions other = fraction();
  other.regimens = {"diazepam 2mg@20:00"};
  EXPECT_EQ(refusal([&] { start_for(person, other); }).first, "regimen");
}

TEST_F(PlanStartTest, AStartInTheFutureIsMeasuredAgainstThatDaysDose) {
  const Person person = step5_person();
  // Step 5 began on day 56 of the plan (4 days ago) and step 6 (0.53 mg) begins in 10 days.
  PlanOptions options = fraction();
  options.start = kToday.plus_days(12).to_string();
  const PlanStart start = start_for(person, options);
  EXPECT_EQ(start.in_force->step_index, 6);
  EXPECT_LT(daily_mg(start.request.regimen), 0.59);
  options.regimens = {"clonazepam 0.09mg@08:00, 0.5mg@20:00"};  // today's, no longer in force then
  EXPECT_EQ(refusal([&] { start_for(person, options); }).first, "regimen");
}

// Step 5 began 4 days ago with a cut from 0.66 to 0.59 mg: a new plan cutting 25% today would take
// the dose 33% below 0.66 mg within 14 days. The rate cap counts the plan before the new one.
TEST_F(PlanStartTest, TheRateCapCountsTheCutOfThePlanBefore) {
  const Person person = step5_person();
  PlanOptions steep = fraction();
  steep.cut = "25%";
  const PlanStart start = start_for(person, steep);
  const Plan plan = build_plan(start.request, catalog());
  const auto [field, message] =
      refusal([&] { require_rate_cap_across_versions(repo(), catalog(), start, plan); });
  EXPECT_EQ(field, "start");
  EXPECT_NE(message.find("more than 25% below"), std::string::npos) << message;
  EXPECT_NE(message.find("start it on"), std::string::npos) << message;
  EXPECT_EQ(refusal([&] { save_plan_start(ctx(), person, start, plan, "test"); }).first, "start");
  EXPECT_EQ(repo().plan_versions(person.id).size(), 1u);
  // 10% today is within the cap, counted from the 0.66 mg of 5 days ago (19.5%).
  const PlanStart gentle = start_for(person, fraction());
  EXPECT_NO_THROW(require_rate_cap_across_versions(repo(), catalog(), gentle,
                                                   build_plan(gentle.request, catalog())));
}

TEST_F(PlanStartTest, GoingBackNeedsTheStepAndAReason) {
  const Person person = step5_person();
  EXPECT_EQ(refusal([&] {
              start_for(person, fraction(), GoBackChoice{4, "  "});
            }).first,
            "go_back_reason");
  const auto [field, message] = refusal([&] {
    start_for(person, fraction(), GoBackChoice{3, "too hard"});
  });
  EXPECT_EQ(field, "go_back_to_step");
  EXPECT_NE(message.find("only the previous step, step 4"), std::string::npos) << message;
  // Going back goes no higher than the previous step.
  PlanOptions higher = fraction();
  higher.regimens = {"clonazepam 0.5mg@08:00, 0.5mg@20:00"};
  EXPECT_EQ(refusal([&] {
              start_for(person, higher, GoBackChoice{4, "too hard"});
            }).first,
            "regimen");
}

TEST_F(PlanStartTest, GoingBackHoldsThePreviousStepAndRecordsTheReason) {
  const Person person = step5_person();
  const std::string why = "insomnia every night since the last cut";
  const PlanStart start = start_for(person, fraction(), GoBackChoice{4, why});
  EXPECT_NEAR(daily_mg(start.request.regimen), 0.66, 1e-9);
  ASSERT_TRUE(start.go_back_first_cut.has_value());
  EXPECT_EQ(*start.go_back_first_cut, kToday.plus_days(kGoBackHoldDays));
  const Plan plan = build_plan(start.request, catalog());
  const PlanVersion saved = save_plan_start(ctx(), person, start, plan, "saved in a test");
  EXPECT_EQ(saved.effective_from, kToday);
  EXPECT_NE(saved.reason.find("went back to step 4"), std::string::npos) << saved.reason;
  EXPECT_NE(saved.reason.find(why), std::string::npos) << saved.reason;
  EXPECT_EQ(repo().plan_versions(person.id).back().reason, saved.reason);

  // Today and until the first cut: step 4's dose; then the new plan's first cut, below it.
  EXPECT_NEAR(planned_mg(build_today(repo(), person, kToday)), 0.66, 1e-9);
  EXPECT_NEAR(planned_mg(build_today(repo(), person, kToday.plus_days(kGoBackHoldDays - 1))), 0.66,
              1e-9);
  EXPECT_LT(planned_mg(build_today(repo(), person, kToday.plus_days(kGoBackHoldDays))), 0.66);
  // Yesterday is still what was followed then.
  EXPECT_NEAR(planned_mg(build_today(repo(), person, kToday.plus_days(-1))), 0.59, 1e-9);
}

TEST_F(PlanStartTest, WithoutAPlanTheRegimenIsTheDoseInForce) {
  Person person;
  person.name = "Sam";
  person.created_on = kToday;
  person.profile.country = "GB";
  person.id = repo().add_person(person);
  EXPECT_EQ(refusal([&] { start_for(person, fraction()); }).first, "regimen");  // none recorded

  RegimenRecord record;
  record.person_id = person.id;
  record.effective_from = kToday.plus_days(-30);
  add_drug(record.regimen, parse_drug_regimen("clonazepam 0.5mg@08:00, 0.5mg@20:00", catalog()));
  record.recorded_at = ctx().now_utc;
  repo().add_regimen(record);

  const PlanStart start = start_for(person, fraction());
  EXPECT_FALSE(start.in_force->plan_version.has_value());
  EXPECT_NEAR(daily_mg(start.request.regimen), 1.0, 1e-9);
  PlanOptions higher = fraction();
  higher.regimens = {"clonazepam 1mg@08:00, 1mg@20:00"};
  EXPECT_EQ(refusal([&] { start_for(person, higher); }).first, "regimen");
  // There is no step to go back to without a plan.
  EXPECT_EQ(refusal([&] {
              start_for(person, fraction(), GoBackChoice{1, "why"});
            }).first,
            "go_back_to_step");
}

}  // namespace
}  // namespace taperlab::journal
