// A plan's course (plan_series.hpp) made from the planner's own simulations is the course made
// afresh, to the bit, for every kind of plan; and the planner answers the same plan either way.

#include "core/plan/plan_series.hpp"

#include <gtest/gtest.h>

#include "core/plan/planner.hpp"
#include "test_catalog.hpp"

namespace taperlab {
namespace {

using testing::plan_request;
using testing::shipped_catalog;

void expect_same(const DailyCourse& a, const DailyCourse& b, const std::string& what) {
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
    expect_same(resumed.plan, afresh.plan, what + ": plan");
    expect_same(resumed.abrupt, afresh.abrupt, what + ": abrupt");
  }
}

}  // namespace
}  // namespace taperlab
