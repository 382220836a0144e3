#include "core/adapt/replan.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "core/journal/plan_view.hpp"
#include "core/plan/planner.hpp"
#include "test_catalog.hpp"

namespace taperlab::adapt {
namespace {

// The stored plan document (core/journal/plan_view.hpp), as a plan version holds it.
nlohmann::json plan_json(const Plan& plan) { return nlohmann::json::parse(plan_document_text(plan)); }

CivilDate day(int n) {
  return CivilDate{std::chrono::sys_days{std::chrono::year{2026} / 11 / 9}}.plus_days(n);
}

PlanRequest clonazepam_request(double cut = 0.10) {
  const Catalog& catalog = testing::shipped_catalog();
  PlanRequest request;
  add_drug(request.regimen, parse_drug_regimen("clonazepam 0.5mg@08:00, 0.5mg@20:00", catalog));
  request.settings.strategy = "fraction";
  request.settings.cut_fraction = cut;
  request.settings.every_days = 14;
  request.settings.start_date = day(0);
  request.formulations = default_formulations(catalog, {"clonazepam"}, "UK");
  return request;
}

double dose_on(const nlohmann::json& plan, int d) {
  double dose = plan.at("start_diazepam_equivalent_mg").get<double>();
  for (const auto& step : plan.at("steps")) {
    if (step.at("day").get<int>() <= d) dose = step.at("diazepam_equivalent_mg").get<double>();
  }
  return dose;
}

TEST(AdaptReplan, HoldRepeatsTheStepAndMovesEveryLaterStep) {
  const Catalog& catalog = testing::shipped_catalog();
  const PlanRequest request = clonazepam_request();
  const nlohmann::json plan = plan_json(build_plan(request, catalog));
  const nlohmann::json held = hold_plan(plan, day(13), 14, "held");
  ASSERT_EQ(held.at("steps").size(), plan.at("steps").size());
  EXPECT_EQ(held.at("steps")[0].at("duration_days"), 28);
  EXPECT_EQ(held.at("steps")[0].at("end_date"), day(27).to_string());
  EXPECT_EQ(held.at("steps")[1].at("day"), 28);
  EXPECT_EQ(held.at("steps")[1].at("start_date"), day(28).to_string());
  EXPECT_EQ(held.at("total_days").get<int>(), plan.at("total_days").get<int>() + 14);
  for (int d = 0; d < 400; ++d) EXPECT_GE(dose_on(held, d) + 1e-9, dose_on(plan, d)) << d;
  EXPECT_TRUE(check_stored_plan(held, request, catalog.default_table()).empty());
}

TEST(AdaptReplan, HoldNeedsAStepWithANextCut) {
  const Catalog& catalog = testing::shipped_catalog();
  const nlohmann::json plan = plan_json(build_plan(clonazepam_request(), catalog));
  EXPECT_THROW(hold_plan(plan, day(-1), 14, "held"), ValidationError);
  const int last = plan.at("steps").back().at("day").get<int>();
  EXPECT_THROW(hold_plan(plan, day(last + 3), 14, "held"), ValidationError);
}

TEST(AdaptReplan, SlowedPlanKeepsTheDoseUntilItStartsAndNeverCutsFaster) {
  const Catalog& catalog = testing::shipped_catalog();
  const PlanRequest old = clonazepam_request(0.25);
  const Plan plan = build_plan(old, catalog);
  const nlohmann::json doc = plan_json(plan);
  // Decided on the last day of step 2: the slowed plan may cut 7 days later at the earliest.
  const CivilDate decision = day(27);
  const CivilDate from = slowed_first_cut(decision, day(14));
  EXPECT_EQ(from, day(35));
  const PlanRequest slower = slower_request(old, plan.steps[1].regimen(), from, SlowDownInputs{});
  EXPECT_DOUBLE_EQ(slower.settings.cut_fraction, 0.125);
  EXPECT_EQ(slower.settings.every_days, 21);
  const nlohmann::json segment = plan_json(build_plan(slower, catalog));
  const nlohmann::json spliced = splice_plan(doc, decision, from, segment, "slowed");
  // Step 2 now runs until the day before the slowed plan; step 3 of the old plan is gone.
  EXPECT_EQ(spliced.at("steps")[1].at("duration_days"), 21);
  EXPECT_EQ(spliced.at("steps")[2].at("day"), 35);
  EXPECT_EQ(spliced.at("steps")[2].at("index"), 3);
  for (int d = 0; d < 1000; ++d) EXPECT_GE(dose_on(spliced, d) + 1e-9, dose_on(doc, d)) << d;
  EXPECT_TRUE(check_stored_plan(spliced, slower, catalog.default_table()).empty());
  EXPECT_THROW(splice_plan(doc, decision, decision, segment, "x"), ValidationError);
}

TEST(AdaptReplan, TheSafetyCheckCatchesAnIncreaseAndATooLargeCut) {
  const Catalog& catalog = testing::shipped_catalog();
  const PlanRequest request = clonazepam_request();
  nlohmann::json doc = plan_json(build_plan(request, catalog));
  nlohmann::json raised = doc;
  raised["steps"][2]["doses"][0]["dose_mg"] = 0.5;  // back up to the starting morning dose
  EXPECT_FALSE(check_stored_plan(raised, request, catalog.default_table()).empty());
  nlohmann::json fast = doc;
  fast["steps"][0]["doses"][0]["dose_mg"] = 0.1;  // 1 mg -> 0.6 mg in one step: 40%
  EXPECT_FALSE(check_stored_plan(fast, request, catalog.default_table()).empty());
}

TEST(AdaptReplan, SlowerSettingsPerStrategy) {
  PlanRequest old = clonazepam_request();
  old.settings.strategy = "bands";
  old.settings.pace = "fast";
  EXPECT_EQ(slower_request(old, old.regimen, day(30), {}).settings.pace, "medium");
  old.settings.pace = "slow";
  const PlanRequest from_slow_bands = slower_request(old, old.regimen, day(30), {});
  EXPECT_EQ(from_slow_bands.settings.strategy, "fraction");
  EXPECT_DOUBLE_EQ(from_slow_bands.settings.cut_fraction, 0.05);
  old.settings.strategy = "guided";
  old.settings.ceiling.reset();
  SlowDownInputs inputs;
  inputs.old_largest_step_peak_withdrawal = 0.02;
  inputs.personal_ceiling = 0.004;
  EXPECT_DOUBLE_EQ(*slower_request(old, old.regimen, day(30), inputs).settings.ceiling, 0.004);
  inputs.personal_ceiling = 0.05;  // a personal fit never raises the ceiling above half the old
  EXPECT_DOUBLE_EQ(*slower_request(old, old.regimen, day(30), inputs).settings.ceiling, 0.01);
  old.settings.strategy = "fraction";
  old.settings.cut_fraction = 0.03;
  EXPECT_DOUBLE_EQ(slower_request(old, old.regimen, day(30), {}).settings.cut_fraction, 0.025);
}

}  // namespace
}  // namespace taperlab::adapt
