#include "core/dosing/dose_schedule.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/dosing/dose_schedule_json.hpp"
#include "core/base/error.hpp"
#include "test_catalog.hpp"

namespace taperlab {
namespace {

using testing::shipped_catalog;

Regimen clonazepam_1mg_bd() {
  Regimen r;
  add_drug(r, parse_drug_regimen("clonazepam 1mg@08:00, 1mg@20:00", shipped_catalog()));
  return r;
}

TEST(DoseSchedule, StepsExpandIntoDatedEvents) {
  DoseSchedule s;
  s.steps.push_back({0, clonazepam_1mg_bd()});
  s.steps.push_back({2, scaled(clonazepam_1mg_bd(), 0.5)});
  s.steps.push_back({3, Regimen{}});
  const auto events = s.events(10);
  ASSERT_EQ(events.size(), 6u);
  EXPECT_DOUBLE_EQ(events[0].t_h, 8.0);
  EXPECT_DOUBLE_EQ(events[5].t_h, 2 * 24 + 20.0);
  EXPECT_DOUBLE_EQ(events[5].dose_mg, 0.5);
}

TEST(DoseSchedule, MissedDosesMustNameAPlannedDose) {
  DoseSchedule s;
  s.steps.push_back({0, clonazepam_1mg_bd()});
  s.missed.push_back({1, "clonazepam", TimeOfDay{8 * 60}});
  EXPECT_EQ(s.events(3).size(), 5u);
  s.missed.push_back({1, "clonazepam", TimeOfDay{9 * 60}});
  EXPECT_THROW(s.events(3), ValidationError);
}

TEST(DoseSchedule, FractionTaperCutsTheCurrentDose) {
  const DoseSchedule s = fraction_taper(clonazepam_1mg_bd(), 0.10, 14, 0.05);
  ASSERT_GT(s.steps.size(), 20u);
  EXPECT_NEAR(s.steps[0].regimen.drugs[0].daily_mg(), 1.8, 1e-12);
  EXPECT_NEAR(s.steps[1].regimen.drugs[0].daily_mg(), 1.62, 1e-12);
  EXPECT_EQ(s.steps[1].start_day, 14);
  EXPECT_TRUE(s.steps.back().regimen.empty());
  const auto& last_dose = s.steps[s.steps.size() - 2].regimen.drugs[0];
  EXPECT_GE(last_dose.daily_mg(), 0.05 * 2.0);
  EXPECT_LT(last_dose.daily_mg() * 0.9, 0.05 * 2.0);
}

TEST(DoseSchedule, EqualStepTaperReachesZero) {
  const DoseSchedule s = equal_step_taper(clonazepam_1mg_bd(), 0.25, 7);
  ASSERT_EQ(s.steps.size(), 4u);
  EXPECT_NEAR(s.steps[0].regimen.drugs[0].daily_mg(), 1.5, 1e-12);
  EXPECT_NEAR(s.steps[2].regimen.drugs[0].daily_mg(), 0.5, 1e-12);
  EXPECT_TRUE(s.steps[3].regimen.empty());
  EXPECT_EQ(s.steps[3].start_day, 21);
}

TEST(DoseScheduleJson, RoundTripsAndNamesBadFields) {
  DoseSchedule s = fraction_taper(clonazepam_1mg_bd(), 0.25, 14, 0.2);
  s.missed.push_back({3, "clonazepam", TimeOfDay{8 * 60}});
  s.extra.push_back({5 * 24 + 14.5, "clonazepam", 0.25});
  const nlohmann::json doc = to_json(s);
  const DoseSchedule back = parse_dose_schedule(doc, shipped_catalog());
  EXPECT_EQ(to_json(back), doc);
  EXPECT_EQ(back.events(100).size(), s.events(100).size());

  nlohmann::json bad = doc;
  bad["steps"][1]["doses"][0]["dose_mg"] = -2;
  try {
    parse_dose_schedule(bad, shipped_catalog());
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.errors()[0].field, "plan.steps[1].doses[0].dose_mg");
  }
  bad = doc;
  bad["steps"][1]["day"] = 0;
  EXPECT_THROW(parse_dose_schedule(bad, shipped_catalog()), ValidationError);
  bad = doc;
  bad["steps"][0]["doses"][0]["time"] = "25:00";
  try {
    parse_dose_schedule(bad, shipped_catalog());
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.errors()[0].field, "plan.steps[0].doses[0].time");
  }
}

}  // namespace
}  // namespace taperlab
