// A plan's course (plan_series.hpp) made from the planner's own simulations is the course made
// afresh, to the bit, for every kind of plan; and the planner answers the same plan either way,
// also when it is given the abrupt stop of an earlier preview of the same regimen.

#include "core/plan/plan_series.hpp"

#include <gtest/gtest.h>

#include "core/plan/planner.hpp"
#include "test_catalog.hpp"

namespace taperlab {
namespace {

using testing::plan_request;
using testing::shipped_catalog;

void expect_same_course(const DailyCourse& a, const DailyCourse& b, const std::string& what) {
  EXPECT_EQ(a.diazepam_equivalent_mg, b.diazepam_equivalent_mg) << what;
  EXPECT_EQ(a.effect, b.effect) << what;
  EXPECT_EQ(a.adaptation_remaining, b.adaptation_remaining) << what;
  EXPECT_EQ(a.withdrawal, b.withdrawal) << what;
}

TEST(PlanCourse, FromThePlannersSimulationsIsTheCourseMadeAfresh) {
  std::vector<std::pair<std::string, PlanRequest>> cases;
  cases.emplace_back("fraction",
                     plan_request("clonazepam 0.5mg@08:00, 0.5mg@20:00", "fraction",
                                  "clonazepam:0.5 tablet half; clonazepam:0.1 solution"));
  cases.emplace_back("hyperbolic",
                     plan_request("clonazepam 1mg@08:00, 1mg@20:00", "hyperbolic",
                                  "clonazepam:0.5 tablet half; clonazepam:0.1 solution"));
  cases.emplace_back("bands", plan_request("diazepam 10mg@08:00, 10mg@20:00", "bands",
                                           "diazepam:2,5,10 tablet half; diazepam:1 solution"));
  cases.back().second.settings.pace = "fast";
  PlanRequest goal =
      plan_request("diazepam 10mg@08:00, 10mg@20:00", "fraction", "diazepam:2,5,10 tablet half");
  goal.settings.goal_mg = 5;
  cases.emplace_back("maintenance goal", goal);
  PlanRequest crossover =
      plan_request("lorazepam 1mg@08:00, 1mg@20:00", "crossover",
                   "lorazepam:1 tablet half; diazepam:2,5,10 tablet half; diazepam:1 solution");
  crossover.settings.crossover_to = "diazepam";
  cases.emplace_back("crossover", crossover);
  cases.emplace_back(
      "guided", plan_request("alprazolam 1mg@08:00, 1mg@20:00", "guided",
                             "alprazolam:0.25,0.5,1 tablet half; alprazolam:1 solution step=0.05"));

  for (const auto& [what, r] : cases) {
    PlanSimulations simulations;
    const Plan plan = build_plan(r, shipped_catalog(), simulations);
    const Plan alone = build_plan(r, shipped_catalog());
    EXPECT_EQ(plan.total_days(), alone.total_days()) << what;
    ASSERT_EQ(plan.steps.size(), alone.steps.size()) << what;
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
      EXPECT_EQ(plan.steps[i].peak_withdrawal, alone.steps[i].peak_withdrawal) << what;
    }
    EXPECT_FALSE(simulations.plan_doses.empty()) << what;
    EXPECT_GT(simulations.abrupt.rows(), 0u) << what;

    const PlanCourse resumed = plan_course(plan, shipped_catalog(), simulations);
    const PlanCourse afresh = plan_course(plan, shipped_catalog());
    EXPECT_EQ(resumed.days, afresh.days) << what;
    expect_same_course(resumed.plan, afresh.plan, what + ": plan");
    expect_same_course(resumed.abrupt, afresh.abrupt, what + ": abrupt");
  }
}

void expect_same_plan(const Plan& a, const Plan& b, const std::string& what) {
  EXPECT_EQ(a.abrupt_stop_peak_withdrawal, b.abrupt_stop_peak_withdrawal) << what;
  EXPECT_EQ(a.total_days(), b.total_days()) << what;
  ASSERT_EQ(a.steps.size(), b.steps.size()) << what;
  for (std::size_t i = 0; i < a.steps.size(); ++i) {
    EXPECT_EQ(a.steps[i].diazepam_equivalent_mg, b.steps[i].diazepam_equivalent_mg) << what;
    EXPECT_EQ(a.steps[i].peak_withdrawal, b.steps[i].peak_withdrawal) << what;
  }
}

// What a preview keeps of its abrupt stop (server/abrupt_stop_memo.hpp).
AbruptStop abrupt_stop_of(const PlanRequest& r, int tail_days) {
  PlanSimulations simulations;
  const Plan plan = build_plan(r, shipped_catalog(), simulations);
  EXPECT_TRUE(simulations.abrupt.rows() > 0);
  return {plan.abrupt_stop_peak_withdrawal,
          plan_course(plan, shipped_catalog(), simulations, tail_days).abrupt};
}

TEST(PlanCourse, AKnownAbruptStopGivesTheSamePlanAndCourse) {
  // Another strategy for the same regimen: the wizard's next preview.
  const std::string formulations = "clonazepam:0.5 tablet half; clonazepam:0.1 solution";
  const PlanRequest first =
      plan_request("clonazepam 0.5mg@08:00, 0.5mg@20:00", "hyperbolic", formulations);
  const PlanRequest next =
      plan_request("clonazepam 0.5mg@08:00, 0.5mg@20:00", "fraction", formulations);
  ASSERT_TRUE(abrupt_stop_key(first) == abrupt_stop_key(next));

  const Plan alone = build_plan(next, shipped_catalog());
  const PlanCourse afresh = plan_course(alone, shipped_catalog());
  // Long enough (a long tail) and too short (no tail beyond one day): both answer the same.
  for (const int tail : {2000, 1}) {
    const std::string what = "known course with a tail of " + std::to_string(tail) + " days";
    PlanSimulations simulations;
    simulations.known_abrupt = abrupt_stop_of(first, tail);
    const int known_days = simulations.known_abrupt->course.days();
    const Plan plan = build_plan(next, shipped_catalog(), simulations);
    expect_same_plan(plan, alone, what);
    EXPECT_EQ(simulations.abrupt.rows(), 0u) << what << ": the planner did not simulate it";
    ASSERT_TRUE(simulations.known_abrupt.has_value()) << what;
    const PlanCourse course = plan_course(plan, shipped_catalog(), simulations);
    EXPECT_EQ(course.days, afresh.days) << what;
    EXPECT_EQ(known_days >= course.days, simulations.abrupt.rows() == 0u) << what;
    expect_same_course(course.plan, afresh.plan, what + ": plan");
    expect_same_course(course.abrupt, afresh.abrupt, what + ": abrupt");
  }
}

TEST(PlanCourse, TheAbruptStopKeyHoldsWhatTheAbruptStopDependsOn) {
  const std::string formulations = "clonazepam:0.5 tablet half; clonazepam:0.1 solution";
  const PlanRequest base =
      plan_request("clonazepam 0.5mg@08:00, 0.5mg@20:00", "fraction", formulations);
  PlanRequest other_dose =
      plan_request("clonazepam 0.5mg@08:00, 0.25mg@20:00", "fraction", formulations);
  PlanRequest other_time =
      plan_request("clonazepam 0.5mg@09:00, 0.5mg@20:00", "fraction", formulations);
  PlanRequest other_model = base;
  other_model.settings.model.adaptation.slow_half_time_d = 45;
  PlanRequest other_table = base;
  other_table.settings.table_id = "other";
  PlanRequest other_pace = base;
  other_pace.settings.cut_fraction = 0.05;
  other_pace.settings.every_days = 28;
  EXPECT_FALSE(abrupt_stop_key(base) == abrupt_stop_key(other_dose));
  EXPECT_FALSE(abrupt_stop_key(base) == abrupt_stop_key(other_time));
  EXPECT_FALSE(abrupt_stop_key(base) == abrupt_stop_key(other_model));
  EXPECT_FALSE(abrupt_stop_key(base) == abrupt_stop_key(other_table));
  EXPECT_TRUE(abrupt_stop_key(base) == abrupt_stop_key(other_pace));
}

TEST(DailyCourse, FirstDaysIsAPrefix) {
  const DailyCourse c{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}};
  const DailyCourse two = c.first_days(2);
  EXPECT_EQ(two.days(), 2);
  EXPECT_EQ(two.diazepam_equivalent_mg, (std::vector<double>{1, 2}));
  EXPECT_EQ(two.withdrawal, (std::vector<double>{10, 11}));
  EXPECT_EQ(c.first_days(10).days(), 3);
  EXPECT_EQ(c.first_days(-1).days(), 0);
}

}  // namespace
}  // namespace taperlab
