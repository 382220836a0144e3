#include "core/plan/planner.hpp"

#include <gtest/gtest.h>

#include "core/base/error.hpp"
#include "core/plan/safety_rules.hpp"
#include "test_catalog.hpp"

namespace taperlab {
namespace {

using testing::plan_request;
using testing::shipped_catalog;

double weeks(const Plan& p) { return p.total_days() / 7.0; }

// NICE CKS (Ashton bands): 30-60 weeks from diazepam 40 mg, 20-40 weeks from 20 mg, every pace.
TEST(Planner, BandsMatchTheExpectedDurations) {
  for (const char* pace : {"slow", "medium", "fast"}) {
    PlanRequest from40 = plan_request("diazepam 10mg@08:00, 10mg@14:00, 10mg@18:00, 10mg@22:00",
                                      "bands", "diazepam:2,5,10 tablet half; diazepam:1 solution");
    from40.settings.pace = pace;
    const Plan p40 = build_plan(from40, shipped_catalog());
    EXPECT_GE(weeks(p40), 30) << pace;
    EXPECT_LE(weeks(p40), 60) << pace;
    PlanRequest from20 = plan_request("diazepam 10mg@08:00, 10mg@20:00", "bands",
                                      "diazepam:2,5,10 tablet half; diazepam:1 solution");
    from20.settings.pace = pace;
    const Plan p20 = build_plan(from20, shipped_catalog());
    EXPECT_GE(weeks(p20), 20) << pace;
    EXPECT_LE(weeks(p20), 40) << pace;
  }
}

// NHS Scotland: lorazepam 1 mg bd -> diazepam 10 mg bd, night dose first, then 1 mg/day cuts from
// the morning dose first. As the Ashton Manual does, each stage moves at most a quarter of the
// daily equivalent (here half a dose, 0.5 mg lorazepam = 5 mg diazepam), a week each.
TEST(Planner, ReproducesTheNhsScotlandCrossover) {
  PlanRequest r =
      plan_request("lorazepam 1mg@08:00, 1mg@20:00", "crossover",
                   "lorazepam:1 tablet half; diazepam:2,5,10 tablet half; diazepam:1 solution");
  r.settings.crossover_to = "diazepam";
  r.settings.then_strategy = "fraction";
  r.settings.cut_fraction = 0.05;  // 1 mg of 20
  r.settings.table_id = "nhs-scotland";
  const Plan p = build_plan(r, shipped_catalog());
  ASSERT_GE(p.steps.size(), 6u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(p.steps[i].kind, StepKind::kCrossover) << i;
    EXPECT_EQ(p.steps[i].duration_days, 7) << i;
    EXPECT_DOUBLE_EQ(p.steps[i].diazepam_equivalent_mg, 20.0) << i;
  }
  // The night dose first: half of it, then all of it.
  ASSERT_EQ(p.steps[0].drugs.size(), 2u);
  EXPECT_EQ(p.steps[0].drugs[1].drug_id, "diazepam");
  EXPECT_EQ(p.steps[0].drugs[1].doses.front().time, TimeOfDay{20 * 60});
  EXPECT_DOUBLE_EQ(p.steps[0].drugs[1].daily_mg(), 5.0);
  EXPECT_DOUBLE_EQ(p.steps[1].drugs[1].daily_mg(), 10.0);
  ASSERT_EQ(p.steps[3].drugs.size(), 1u);
  EXPECT_EQ(p.steps[3].drugs[0].drug_id, "diazepam");
  EXPECT_DOUBLE_EQ(p.steps[3].drugs[0].daily_mg(), 20.0);
  // First cut: 1 mg from the morning dose.
  const auto& cut = p.steps[4].drugs[0];
  EXPECT_DOUBLE_EQ(cut.daily_mg(), 19.0);
  EXPECT_DOUBLE_EQ(cut.doses.front().dose_mg(), 9.0);
  EXPECT_DOUBLE_EQ(cut.doses.back().dose_mg(), 10.0);
  // It ends from 1 mg, as NHS Scotland's schedule does.
  EXPECT_LE(p.steps[p.steps.size() - 2].diazepam_equivalent_mg, 1.0 + 1e-9);
  EXPECT_TRUE(check_plan_rules(p, shipped_catalog().table("nhs-scotland")).empty());
}

TEST(Planner, HyperbolicMilligramCutsShrinkAndEndWithTheLiquid) {
  PlanRequest r = plan_request("clonazepam 1mg@08:00, 1mg@20:00", "hyperbolic",
                               "clonazepam:0.5 tablet half; clonazepam:0.1 solution");
  const Plan p = build_plan(r, shipped_catalog());
  ASSERT_GT(p.steps.size(), 6u);
  const double first_cut = 2.0 - p.steps[0].drugs[0].daily_mg();
  const auto& late = p.steps[p.steps.size() - 3];
  const auto& before_late = p.steps[p.steps.size() - 4];
  const double late_cut = before_late.drugs[0].daily_mg() - late.drugs[0].daily_mg();
  EXPECT_LT(late_cut, first_cut);
  bool liquid_at_end = false;
  for (const auto& part : p.steps[p.steps.size() - 2].drugs[0].doses.back().makeup.parts) {
    liquid_at_end = liquid_at_end || part.option.is_liquid();
  }
  EXPECT_TRUE(liquid_at_end);
  EXPECT_TRUE(p.steps.back().stopped());
}

TEST(Planner, RedFlagsComeFirstAndMakeTheDraftNeedAClinician) {
  PlanRequest r = plan_request("alprazolam 1mg@08:00, 1mg@20:00", "fraction",
                               "alprazolam:0.25,0.5,1 tablet half; alprazolam:1 solution");
  r.profile.age_years = 72;
  r.profile.risks = {RiskFactor::kOpioidCoPrescription, RiskFactor::kSeizures};
  const Plan p = build_plan(r, shipped_catalog());
  EXPECT_TRUE(p.needs_clinician());
  ASSERT_GE(p.findings.size(), 3u);
  EXPECT_EQ(p.findings.front().severity, Severity::kNeedsClinician);
  bool naloxone = false;
  for (const auto& f : p.findings)
    naloxone = naloxone || f.action.find("naloxone") != std::string::npos;
  EXPECT_TRUE(naloxone);
}

TEST(Planner, NeverSpeedsUpToMeetADate) {
  PlanRequest r = plan_request("diazepam 10mg@08:00, 10mg@20:00", "fraction",
                               "diazepam:2,5,10 tablet half; diazepam:1 solution");
  const Plan relaxed = build_plan(r, shipped_catalog());
  r.settings.start_date = parse_civil_date("2027-01-04", "t");
  r.settings.target_date = parse_civil_date("2027-03-01", "t");
  const Plan rushed = build_plan(r, shipped_catalog());
  EXPECT_EQ(rushed.total_days(), relaxed.total_days());
  ASSERT_EQ(rushed.notes.size(), 1u);
  EXPECT_NE(rushed.notes[0].find("never speeds up"), std::string::npos);
}

TEST(Planner, GoalAboveTheCurrentDoseIsRejected) {
  PlanRequest r = plan_request("diazepam 5mg@08:00", "fraction", "diazepam:2,5 tablet half");
  r.settings.goal_mg = 6;
  try {
    build_plan(r, shipped_catalog());
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.errors().front().field, "goal");
  }
}

TEST(Planner, MaintenanceGoalEndsAtThatDose) {
  PlanRequest r =
      plan_request("diazepam 10mg@08:00, 10mg@20:00", "fraction", "diazepam:2,5,10 tablet half");
  r.settings.goal_mg = 5;
  const Plan p = build_plan(r, shipped_catalog());
  EXPECT_EQ(p.steps.back().kind, StepKind::kMaintenance);
  EXPECT_LE(p.steps.back().drugs[0].daily_mg(), 5.0);
}

TEST(Planner, GuidedIsNeverFasterThanTheCapAndStaysNearItsCeiling) {
  PlanRequest r =
      plan_request("alprazolam 1mg@08:00, 1mg@20:00", "guided",
                   "alprazolam:0.25,0.5,1 tablet half; alprazolam:1 solution step=0.05");
  const Plan p = build_plan(r, shipped_catalog());
  EXPECT_TRUE(check_plan_rules(p, shipped_catalog().default_table()).empty());
  PlanRequest f = r;
  f.settings.strategy = "fraction";
  const Plan reference = build_plan(f, shipped_catalog());
  double ceiling = 0;
  for (const auto& s : reference.steps) ceiling = std::max(ceiling, s.peak_withdrawal);
  for (std::size_t i = 0; i + 1 < p.steps.size(); ++i) {
    EXPECT_LE(p.steps[i].peak_withdrawal, ceiling * 1.05 + 1e-6) << "step " << i + 1;
  }
  EXPECT_LE(p.total_days(), reference.total_days());
}

// Zolpidem 10 mg tablets only (halves) cannot make the end phase: the plan comes all the same,
// with complete alternatives (no refusal), each within the rules.
TEST(Planner, ZolpidemWithTenMilligramTabletsGetsAlternativesNotARefusal) {
  PlanRequest r = plan_request("zolpidem 10mg@22:00", "fraction", "zolpidem:5,10 tablet half");
  r.settings.country = "UK";
  const Plan p = build_plan(r, shipped_catalog());
  ASSERT_GE(p.alternatives.size(), 2u);
  EXPECT_NE(p.alternatives_reason.find("zolpidem"), std::string::npos);
  bool compounded = false;
  bool crossover = false;
  for (const auto& a : p.alternatives) {
    compounded |= a.kind == AlternativeKind::kCompounded;
    crossover |= a.kind == AlternativeKind::kCrossover;
    EXPECT_TRUE(check_plan_rules(*a.plan, shipped_catalog().default_table()).empty()) << a.title;
    EXPECT_TRUE(a.plan->steps.back().stopped());
  }
  EXPECT_TRUE(compounded);
  EXPECT_TRUE(crossover);
  EXPECT_TRUE(p.steps.back().stopped());
}

// The last dose before stopping is at most 1 mg diazepam-equivalent, never 1/8 of the start: from
// diazepam 40 mg/day that was a stop from 5 mg.
TEST(Planner, StopsFromOneMilligramDiazepamEquivalent) {
  PlanRequest r = plan_request("diazepam 10mg@08:00, 10mg@14:00, 10mg@18:00, 10mg@22:00",
                               "fraction", "diazepam:2,5,10 tablet half; diazepam:1 solution");
  const Plan p = build_plan(r, shipped_catalog());
  ASSERT_GE(p.steps.size(), 2u);
  EXPECT_LE(p.steps[p.steps.size() - 2].diazepam_equivalent_mg, 1.0 + 1e-9);
  EXPECT_TRUE(p.alternatives.empty());
  for (const auto& step : p.steps) {
    for (const auto& d : step.drugs) {
      for (const auto& dose : d.doses) EXPECT_GE(dose.dose_mg(), 0.25 - 1e-9) << step.index;
    }
    if (step.duration_days > 0) {
      EXPECT_EQ(step.duration_days % 7, 0) << step.index;
    }
  }
}

// Halves of a 2 mg tablet reach 1 mg within the rate cap: no liquid is needed to stop from 1 mg.
TEST(Planner, HalvedTwoMilligramTabletsStopFromOneMilligram) {
  PlanRequest r =
      plan_request("diazepam 5mg@08:00, 5mg@20:00", "fraction", "diazepam:2,5 tablet half");
  const Plan p = build_plan(r, shipped_catalog());
  ASSERT_GE(p.steps.size(), 2u);
  const TaperStep& last_taken = p.steps[p.steps.size() - 2];
  EXPECT_LE(last_taken.diazepam_equivalent_mg, 1.0 + 1e-9);
  EXPECT_TRUE(check_plan_rules(p, shipped_catalog().default_table()).empty());
}

}  // namespace
}  // namespace taperlab
