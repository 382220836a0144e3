#include "core/journal/plan_request_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/base/error.hpp"
#include "test_catalog.hpp"

namespace taperlab {
namespace {

TEST(PlanRequestJson, RoundTripsEverySetting) {
  const Catalog& catalog = testing::shipped_catalog();
  PlanRequest request;
  add_drug(request.regimen, parse_drug_regimen("lorazepam 1mg@08:00, 1.5mg@22:00", catalog));
  request.profile.age_years = 70;
  request.profile.country = "UK";
  request.profile.risks = {RiskFactor::kOpioidCoPrescription};
  request.settings.strategy = "crossover";
  request.settings.then_strategy = "guided";
  request.settings.ceiling = 0.004;
  request.settings.goal_mg = 2.0;
  request.settings.start_date = parse_civil_date("2026-12-01", "start");
  request.settings.clinician_override_reason = "inpatient";
  request.settings.model.adaptation.fast_half_time_d = 3.5;
  request.formulations =
      parse_formulations("diazepam:2,5 tablet half; diazepam:1 solution step=0.2", catalog);
  const nlohmann::json doc = to_json(request);
  const PlanRequest back = parse_plan_request(doc);
  EXPECT_EQ(to_json(back), doc);
  EXPECT_EQ(back.regimen.describe(), request.regimen.describe());
  EXPECT_EQ(back.settings.then_strategy, "guided");
  EXPECT_DOUBLE_EQ(*back.settings.ceiling, 0.004);
  EXPECT_DOUBLE_EQ(back.settings.model.adaptation.fast_half_time_d, 3.5);
  ASSERT_EQ(back.formulations.options.size(), 3u);
  EXPECT_DOUBLE_EQ(back.formulations.options[2].measure_increment_ml, 0.2);
}

TEST(PlanRequestJson, MalformedInputNamesTheField) {
  nlohmann::json doc = to_json(PlanRequest{});
  doc["settings"]["strategy"] = "fraction";
  doc["settings"]["cut_fraction"] = 1.5;
  try {
    parse_plan_request(doc);
    FAIL() << "expected a ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.errors().front().field, "request.settings.cut_fraction");
  }
  doc = to_json(PlanRequest{});
  doc["formulations"] = {{{"drug", "diazepam"}}};
  EXPECT_THROW(parse_plan_request(doc), ValidationError);
}

}  // namespace
}  // namespace taperlab
