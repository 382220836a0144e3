// A plan that is a crossover to diazepam, or that tapers diazepam after one, never advises a
// crossover (issue 22, point 8); a plan that keeps a short-acting drug still does.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/plan/planner.hpp"
#include "core/plan/safety_rules.hpp"
#include "test_catalog.hpp"

namespace taperlab {
namespace {

using testing::plan_request;
using testing::shipped_catalog;

bool advises_crossover(const Plan& plan) {
  return std::any_of(plan.findings.begin(), plan.findings.end(), [](const SafetyFinding& f) {
    return f.action.find("crossover") != std::string::npos ||
           f.action.find("switching to diazepam") != std::string::npos;
  });
}

bool has_code(const Plan& plan, const std::string& code) {
  return std::any_of(plan.findings.begin(), plan.findings.end(),
                     [&](const SafetyFinding& f) { return f.code == code; });
}

constexpr const char* kLorazepamProducts =
    "lorazepam:1 tablet half; diazepam:2,5,10 tablet half; diazepam:1 solution";

TEST(CrossoverFindings, AShortActingDrugKeptIsAdvisedToConsiderACrossover) {
  PlanRequest r = plan_request("lorazepam 1mg@08:00, 1mg@20:00", "fraction",
                               "lorazepam:0.5,1 tablet half; lorazepam:1 solution");
  const Plan plan = build_plan(r, shipped_catalog());
  EXPECT_TRUE(has_code(plan, "short-acting"));
  EXPECT_TRUE(advises_crossover(plan));
}

TEST(CrossoverFindings, ACrossoverPlanDoesNotAdviseACrossover) {
  PlanRequest r = plan_request("lorazepam 1mg@08:00, 1mg@20:00", "crossover", kLorazepamProducts);
  r.settings.crossover_to = "diazepam";
  r.settings.then_strategy = "fraction";
  const Plan plan = build_plan(r, shipped_catalog());
  EXPECT_FALSE(advises_crossover(plan));
  EXPECT_FALSE(has_code(plan, "short-acting"));
  // What remains true during the switch is still said, without asking for what the plan does.
  ASSERT_TRUE(has_code(plan, "short-acting-switching"));
  for (const auto& f : plan.findings) {
    if (f.code == "short-acting-switching") {
      EXPECT_EQ(f.severity, Severity::kInfo);
      EXPECT_NE(f.message.find("until the switch to diazepam is complete"), std::string::npos);
    }
  }
}

TEST(CrossoverFindings, ARePlanMidCrossoverDoesNotAdviseACrossover) {
  // Half-way through a switch: some lorazepam left beside the diazepam (a re-plan of a crossover).
  PlanRequest r =
      plan_request("lorazepam 0.5mg@08:00, 0.5mg@14:00", "crossover", kLorazepamProducts);
  add_drug(r.regimen, parse_drug_regimen("diazepam 5mg@20:00", shipped_catalog()));
  r.settings.crossover_to = "diazepam";
  r.settings.then_strategy = "fraction";
  const Plan plan = build_plan(r, shipped_catalog());
  EXPECT_FALSE(advises_crossover(plan));
}

TEST(CrossoverFindings, DiazepamAfterACrossoverIsNotAdvisedToSwitch) {
  PlanRequest r = plan_request("diazepam 10mg@08:00, 10mg@20:00", "fraction",
                               "diazepam:2,5,10 tablet half; diazepam:1 solution");
  const Plan plan = build_plan(r, shipped_catalog());
  EXPECT_FALSE(advises_crossover(plan));
  EXPECT_FALSE(has_code(plan, "short-acting-switching"));
}

TEST(CrossoverFindings, TheRedFlagsNameTheDrugSwitchedTo) {
  Regimen regimen;
  add_drug(regimen, parse_drug_regimen("alprazolam 1mg@08:00, 1mg@20:00", shipped_catalog()));
  const auto keep = red_flags(Profile{}, regimen, 40, shipped_catalog());
  const auto swap = red_flags(Profile{}, regimen, 40, shipped_catalog(), "diazepam");
  ASSERT_EQ(keep.size(), swap.size());
  const auto code = [](const std::vector<SafetyFinding>& list, const std::string& c) {
    return std::count_if(list.begin(), list.end(),
                         [&](const SafetyFinding& f) { return f.code == c; });
  };
  EXPECT_EQ(code(keep, "short-acting"), 1);
  EXPECT_EQ(code(swap, "short-acting"), 0);
  EXPECT_EQ(code(swap, "short-acting-switching"), 1);
}

}  // namespace
}  // namespace taperlab
