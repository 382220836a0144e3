// The Ashton Manual's crossover schedules 1 (alprazolam 6 mg/day), 3 (lorazepam 6 mg/day) and 5
// (clonazepam 1.5 mg/day), data/SOURCES.md "Ashton Manual withdrawal schedules": taperlab's
// crossover stays within each schedule's stage doses, peak diazepam, largest single diazepam
// dose and duration, switches the night dose first, and stops from 1 mg diazepam. The printed
// plans are golden tests too (tests/golden/cases/plan_ashton_schedule_*.golden).
#include <gtest/gtest.h>

#include <algorithm>

#include "core/plan/planner.hpp"
#include "core/plan/safety_rules.hpp"
#include "test_catalog.hpp"

namespace taperlab {
namespace {

using testing::regimen_of;
using testing::shipped_catalog;

struct AshtonSchedule {
  const char* name;
  const char* regimen;
  const char* country;
  const char* old_drug;
  double most_old_moved_per_stage_mg;  // the largest amount of the old drug one stage switches
  double peak_diazepam_mg;             // per day, Ashton's highest
  double largest_diazepam_dose_mg;     // Ashton's largest single dose
  int shortest_weeks;                  // Ashton's stages at 1 week each ...
  int longest_weeks;                   // ... and at 2 weeks each (where the manual says 1-2)
};

// Published stage doses (Ashton Manual, chapter II, schedules 1, 3, 5; the per-stage amounts and
// totals are read off the tables, durations counted from their stages, see data/SOURCES.md).
const AshtonSchedule kSchedules[] = {
    {"schedule 1", "alprazolam 2mg@08:00, 2mg@14:00, 2mg@22:00", "US", "alprazolam", 0.5, 50.0,
     25.0, 40, 76},
    {"schedule 3", "lorazepam 2mg@08:00, 2mg@14:00, 2mg@22:00", "UK", "lorazepam", 1.0, 30.0, 20.0,
     35, 65},
    {"schedule 5", "clonazepam 0.5mg@08:00, 0.5mg@14:00, 0.5mg@22:00", "UK", "clonazepam", 0.25,
     30.0, 10.0, 24, 42},
};

Plan ashton_plan(const AshtonSchedule& s) {
  const Catalog& catalog = shipped_catalog();
  PlanRequest r;
  r.regimen = regimen_of(s.regimen);
  r.settings.strategy = "crossover";
  r.settings.crossover_to = "diazepam";
  // After the switch, Ashton cuts about 5-10% every 1-2 weeks.
  r.settings.then_strategy = "fraction";
  r.settings.cut_fraction = 0.10;
  r.settings.every_days = 7;
  r.settings.country = s.country;
  r.formulations = default_formulations(catalog, {s.old_drug, "diazepam"}, s.country);
  return build_plan(r, catalog);
}

double old_drug_daily(const TaperStep& step, const std::string& drug) {
  for (const auto& d : step.drugs) {
    if (d.drug_id == drug) return d.daily_mg();
  }
  return 0.0;
}

TEST(AshtonSchedules, CrossoverStaysWithinThePublishedSchedules) {
  for (const AshtonSchedule& s : kSchedules) {
    SCOPED_TRACE(s.name);
    const Plan plan = ashton_plan(s);
    EXPECT_TRUE(plan.alternatives.empty()) << "the country's products make it";
    EXPECT_TRUE(check_plan_rules(plan, shipped_catalog().table("ashton")).empty());
    double peak = 0;
    double largest = 0;
    double old_before = plan.start_regimen.drugs.front().daily_mg();
    bool night_first = false;
    for (const auto& step : plan.steps) {
      const double old_now = old_drug_daily(step, s.old_drug);
      EXPECT_LE(old_before - old_now, s.most_old_moved_per_stage_mg + 1e-9)
          << "step " << step.index;
      old_before = old_now;
      for (const auto& d : step.drugs) {
        if (d.drug_id != "diazepam") continue;
        peak = std::max(peak, d.daily_mg());
        for (const auto& dose : d.doses) largest = std::max(largest, dose.dose_mg());
        if (step.index == 1) {
          ASSERT_EQ(d.doses.size(), 1u);
          night_first = d.doses.front().time == TimeOfDay{22 * 60};
        }
      }
      // While both drugs are taken, each stage is followed for 1 week (a switch) or 1-2 (a cut).
      if (old_now > 0) {
        EXPECT_GE(step.duration_days, 7);
        EXPECT_LE(step.duration_days, 14);
      }
    }
    EXPECT_TRUE(night_first);
    EXPECT_LE(peak, s.peak_diazepam_mg + 1e-9);
    EXPECT_LE(peak, kCrossoverMostDailyMg + 1e-9);
    EXPECT_LE(largest, s.largest_diazepam_dose_mg + 1e-9);
    const int weeks = plan.total_days() / 7;
    EXPECT_GE(weeks, s.shortest_weeks);
    EXPECT_LE(weeks, s.longest_weeks);
    ASSERT_GE(plan.steps.size(), 2u);
    EXPECT_LE(plan.steps[plan.steps.size() - 2].diazepam_equivalent_mg, 1.0 + 1e-9);
  }
}

// Schedule 1 cuts while it switches: alprazolam 6 mg/day (120 mg diazepam-equivalent) never
// becomes 120 mg of diazepam, nor a 40 mg dose (the two examples).
TEST(AshtonSchedules, HighDosesAreCutWhileSwitching) {
  const Plan plan = ashton_plan(kSchedules[0]);
  for (const auto& step : plan.steps) {
    EXPECT_LE(step.diazepam_equivalent_mg, 120.0 + 1e-9);
    for (const auto& d : step.drugs) {
      if (d.drug_id == "diazepam") {
        EXPECT_LE(d.daily_mg(), 40.0 + 1e-9);
      }
    }
  }
  const Catalog& catalog = shipped_catalog();
  PlanRequest bedtime;
  bedtime.regimen = regimen_of("alprazolam 2mg@22:00");
  bedtime.settings.strategy = "crossover";
  bedtime.settings.crossover_to = "diazepam";
  bedtime.settings.then_strategy = "fraction";
  bedtime.settings.country = "US";
  bedtime.formulations = default_formulations(catalog, {"alprazolam", "diazepam"}, "US");
  const Plan p = build_plan(bedtime, catalog);
  for (const auto& step : p.steps) {
    for (const auto& d : step.drugs) {
      if (d.drug_id != "diazepam") continue;
      for (const auto& dose : d.doses) EXPECT_LE(dose.dose_mg(), 20.0 + 1e-9);
    }
  }
}

}  // namespace
}  // namespace taperlab
