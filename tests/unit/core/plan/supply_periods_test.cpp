#include "core/plan/supply_periods.hpp"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/base/error.hpp"
#include "core/journal/plan_view.hpp"
#include "test_catalog.hpp"

namespace taperlab::supply_periods_test {

using testing::plan_request;
using testing::shipped_catalog;

const CivilDate kStart = parse_civil_date("2027-01-04", "start");

DispensingOption diazepam_tablet(double mg) {
  DispensingOption o;
  o.drug_id = "diazepam";
  o.strength_mg = mg;
  o.split = Split::kHalf;
  return o;
}

DispensingOption diazepam_liquid(double mg_per_ml) {
  DispensingOption o;
  o.drug_id = "diazepam";
  o.form = FormulationForm::kOralSolution;
  o.strength_mg_per_ml = mg_per_ml;
  return o;
}

UnitPart quarters(const DispensingOption& o, int q) { return UnitPart{o, q, 0.0}; }
UnitPart millilitres(const DispensingOption& o, double ml) { return UnitPart{o, 0, ml}; }

TaperStep step(int index, int start_day, int duration_days,
               std::vector<std::vector<UnitPart>> doses, StepKind kind = StepKind::kCut) {
  TaperStep s;
  s.index = index;
  s.start_day = start_day;
  s.duration_days = duration_days;
  s.kind = kind;
  if (!doses.empty()) {
    PlannedDrug drug{"diazepam", {}};
    int hour = 8;
    for (auto& parts : doses) {
      double mg = 0;
      for (const auto& p : parts) mg += p.mg();
      drug.doses.push_back({TimeOfDay{hour * 60}, DoseMakeup{mg, std::move(parts)}});
      hour += 12;
    }
    s.drugs.push_back(std::move(drug));
  }
  return s;
}

// 5 mg + a half of 2 mg a day for 14 days, then a half of 2 mg a day for 14 days, then stop.
std::vector<TaperStep> two_steps_then_stop() {
  const auto five = diazepam_tablet(5);
  const auto two = diazepam_tablet(2);
  return {step(1, 0, 14, {{quarters(five, 4)}, {quarters(two, 2)}}),
          step(2, 14, 14, {{quarters(two, 2)}}), step(3, 28, 0, {}, StepKind::kFinalStop)};
}

// Each product's units (solids) or mL (liquids), by strength.
std::map<double, double> amounts(const std::vector<SupplyLine>& lines) {
  std::map<double, double> out;
  for (const auto& l : lines) {
    out[l.option.is_liquid() ? l.option.strength_mg_per_ml : l.option.strength_mg] =
        l.option.is_liquid() ? l.volume_ml : static_cast<double>(l.units);
  }
  return out;
}

TEST(SupplyPeriods, WeeklyPeriodsRoundEachPeriodsPartTabletsUp) {
  const SupplySchedule s = supply_schedule(two_steps_then_stop(), kStart, kStart, 7, "UK");
  ASSERT_EQ(s.periods.size(), 4U);
  EXPECT_EQ(s.periods[0].first, kStart);
  EXPECT_EQ(s.periods[0].last, kStart.plus_days(6));
  EXPECT_EQ(s.periods[3].last, kStart.plus_days(27));
  // 7 halves of 2 mg are 3.5 tablets: 4 each week, so nobody runs short.
  EXPECT_EQ(amounts(s.periods[0].lines), (std::map<double, double>{{2, 4}, {5, 7}}));
  EXPECT_EQ(amounts(s.periods[1].lines), (std::map<double, double>{{2, 4}, {5, 7}}));
  EXPECT_EQ(amounts(s.periods[2].lines), (std::map<double, double>{{2, 4}}));
  EXPECT_EQ(s.periods[2].steps, std::vector<int>{2});
  // The total is the periods added up (16), two more than the plan takes (14 tablets of 2 mg).
  EXPECT_EQ(amounts(s.total), (std::map<double, double>{{2, 16}, {5, 14}}));
  ASSERT_TRUE(s.stop_date.has_value());
  EXPECT_EQ(*s.stop_date, kStart.plus_days(28));
  EXPECT_FALSE(s.continues);
}

TEST(SupplyPeriods, APeriodAcrossTwoStepsCountsEachStepsDaysAndTheLastIsShorter) {
  const SupplySchedule s = supply_schedule(two_steps_then_stop(), kStart, kStart, 10, "UK");
  ASSERT_EQ(s.periods.size(), 3U);
  // Days 10-13 of step 1 (4 x 5 mg, 4 halves of 2 mg) and days 14-19 of step 2 (6 halves).
  EXPECT_EQ(s.periods[1].steps, (std::vector<int>{1, 2}));
  EXPECT_EQ(amounts(s.periods[1].lines), (std::map<double, double>{{2, 5}, {5, 4}}));
  EXPECT_EQ(s.periods[2].days, 8);  // to the day before the stop
  EXPECT_EQ(amounts(s.periods[2].lines), (std::map<double, double>{{2, 4}}));
}

TEST(SupplyPeriods, FromALaterDayCountsOnlyWhatIsLeft) {
  const CivilDate today = kStart.plus_days(16);
  const SupplySchedule s = supply_schedule(two_steps_then_stop(), kStart, today, 7, "UK");
  EXPECT_EQ(s.from, today);
  ASSERT_EQ(s.periods.size(), 2U);
  EXPECT_EQ(amounts(s.periods[0].lines), (std::map<double, double>{{2, 4}}));  // 3.5
  EXPECT_EQ(s.periods[1].days, 5);
  EXPECT_EQ(amounts(s.periods[1].lines), (std::map<double, double>{{2, 3}}));  // 2.5
  // Before the plan's start: from the start. After the stop: nothing left.
  EXPECT_EQ(supply_schedule(two_steps_then_stop(), kStart, kStart.plus_days(-5), 7, "UK").from,
            kStart);
  const SupplySchedule after =
      supply_schedule(two_steps_then_stop(), kStart, kStart.plus_days(40), 7, "UK");
  EXPECT_TRUE(after.periods.empty());
  EXPECT_TRUE(after.total.empty());
}

TEST(SupplyPeriods, AHeldDoseGetsOneWholePeriodThenContinues) {
  const auto five = diazepam_tablet(5);
  const auto two = diazepam_tablet(2);
  const std::vector<TaperStep> steps{step(1, 0, 14, {{quarters(five, 4)}}),
                                     step(2, 14, 0, {{quarters(two, 4)}}, StepKind::kMaintenance)};
  const SupplySchedule s = supply_schedule(steps, kStart, kStart, 28, "UK");
  ASSERT_EQ(s.periods.size(), 2U);
  EXPECT_EQ(s.periods[0].steps, (std::vector<int>{1, 2}));
  EXPECT_EQ(s.periods[1].steps, std::vector<int>{2});
  EXPECT_EQ(s.periods[1].days, 28);
  EXPECT_EQ(amounts(s.periods[1].lines), (std::map<double, double>{{2, 28}}));
  EXPECT_TRUE(s.continues);
  EXPECT_FALSE(s.stop_date.has_value());
  EXPECT_EQ(*s.held_from, kStart.plus_days(14));
  // Weeks into the held dose: one period from that day.
  const SupplySchedule later = supply_schedule(steps, kStart, kStart.plus_days(100), 28, "UK");
  ASSERT_EQ(later.periods.size(), 1U);
  EXPECT_EQ(amounts(later.periods[0].lines), (std::map<double, double>{{2, 28}}));
}

TEST(SupplyPeriods, LiquidsInWholeMillilitresAndBottlesWhereThePackIsKnown) {
  const auto liquid = diazepam_liquid(0.4);  // UK 2 mg/5 mL, 100 mL bottles
  const std::vector<TaperStep> steps{step(1, 0, 28, {{millilitres(liquid, 2.5)}}),
                                     step(2, 28, 0, {}, StepKind::kFinalStop)};
  const SupplySchedule weekly = supply_schedule(steps, kStart, kStart, 7, "UK");
  ASSERT_EQ(weekly.periods.size(), 4U);
  ASSERT_EQ(weekly.periods[0].lines.size(), 1U);
  EXPECT_DOUBLE_EQ(weekly.periods[0].lines[0].volume_ml, 18);  // 17.5 mL rounded up
  EXPECT_DOUBLE_EQ(weekly.periods[0].lines[0].pack_ml, 100);
  // 18 + 18 + 18 + 18 mL: one bottle, opened in the first week, lasts all four.
  std::vector<long> bottles;
  for (const auto& p : weekly.periods) bottles.push_back(p.lines[0].bottles.value_or(-1));
  EXPECT_EQ(bottles, (std::vector<long>{1, 0, 0, 0}));
  EXPECT_DOUBLE_EQ(weekly.total[0].volume_ml, 72);
  EXPECT_EQ(weekly.total[0].bottles, 1);
  // 5 mL a day: 35 mL a week, a second bottle in the third week.
  const std::vector<TaperStep> more{step(1, 0, 28, {{millilitres(liquid, 5)}}),
                                    step(2, 28, 0, {}, StepKind::kFinalStop)};
  bottles.clear();
  const SupplySchedule larger = supply_schedule(more, kStart, kStart, 7, "UK");
  for (const auto& p : larger.periods) bottles.push_back(p.lines[0].bottles.value_or(-1));
  EXPECT_EQ(bottles, (std::vector<long>{1, 0, 1, 0}));
  EXPECT_EQ(larger.total[0].bottles, 2);
  // ISO's code for the United Kingdom is the catalogue's "UK".
  const SupplySchedule gb = supply_schedule(steps, kStart, kStart, 28, "GB");
  EXPECT_EQ(gb.country, "UK");
  EXPECT_EQ(gb.total[0].bottles, 1);
  // Where taperlab does not know the pack (this strength in Germany): mL only.
  const SupplySchedule de = supply_schedule(steps, kStart, kStart, 28, "DE");
  EXPECT_DOUBLE_EQ(de.periods[0].lines[0].volume_ml, 70);
  EXPECT_FALSE(de.periods[0].lines[0].bottles.has_value());
}

TEST(SupplyPeriods, PeriodOutsideOneToNinetyDaysNamesTheField) {
  for (int days : {1, 7, 14, 28, 30, 90}) EXPECT_NO_THROW(check_supply_period(days, "period"));
  for (int days : {0, -7, 91, 365}) {
    try {
      check_supply_period(days, "--period");
      ADD_FAILURE() << days;
    } catch (const ValidationError& e) {
      ASSERT_EQ(e.errors().size(), 1U);
      EXPECT_EQ(e.errors()[0].field, "--period");
      EXPECT_NE(e.errors()[0].message.find("7, 14 or 28"), std::string::npos);
    }
  }
  EXPECT_THROW(supply_schedule(two_steps_then_stop(), kStart, kStart, 0, "UK"), ValidationError);
}

// Real plans: every day up to the stop is counted once, the periods together never give less
// than the plan's own pharmacy total, and at most one unit per period and product more.
void expect_covers_plan(const Plan& plan, int period_days) {
  const CivilDate start = *plan.settings.start_date;
  const SupplySchedule s =
      supply_schedule(plan.steps, start, start, period_days, plan.settings.country);
  ASSERT_FALSE(s.periods.empty());
  int days = 0;
  for (const auto& p : s.periods) days += p.days;
  ASSERT_TRUE(plan.steps.back().stopped());
  EXPECT_EQ(days, plan.steps.back().start_day);
  for (const auto& want : plan.pharmacy_total()) {
    bool found = false;
    for (const auto& got : s.total) {
      if (got.option.drug_id != want.option.drug_id || got.option.form != want.option.form ||
          got.option.strength_mg != want.option.strength_mg ||
          got.option.strength_mg_per_ml != want.option.strength_mg_per_ml) {
        continue;
      }
      found = true;
      const double have = want.option.is_liquid() ? got.volume_ml : static_cast<double>(got.units);
      const double need = want.option.is_liquid() ? want.volume_ml : want.tablets;
      EXPECT_GE(have, need) << want.option.describe();
      EXPECT_LE(have, need + static_cast<double>(s.periods.size())) << want.option.describe();
    }
    EXPECT_TRUE(found || (want.tablets <= 0 && want.volume_ml <= 0)) << want.option.describe();
  }
}

TEST(SupplyPeriods, UsClonazepamPlan) {
  PlanRequest r =
      plan_request("clonazepam 0.5mg@08:00, 0.5mg@20:00", "fraction", "clonazepam:0.5 tablet");
  r.settings.country = "US";
  r.settings.start_date = kStart;
  r.formulations = default_formulations(shipped_catalog(), {"clonazepam"}, "US");
  const Plan plan = build_plan(r, shipped_catalog());
  for (int days : {7, 14, 28}) expect_covers_plan(plan, days);
}

TEST(SupplyPeriods, UkDiazepamPlanWithLiquidAtTheTail) {
  PlanRequest r = plan_request("diazepam 10mg@08:00, 10mg@20:00", "bands",
                               "diazepam:2,5,10 tablet half; diazepam:0.4 solution");
  r.settings.country = "UK";
  r.settings.start_date = kStart;
  const Plan plan = build_plan(r, shipped_catalog());
  bool liquid = false;
  for (const auto& line : plan.pharmacy_total()) liquid |= line.option.is_liquid();
  ASSERT_TRUE(liquid);
  for (int days : {7, 14, 28}) expect_covers_plan(plan, days);
  const SupplySchedule s = supply_schedule(plan.steps, kStart, kStart, 28, "UK");
  bool bottles = false;
  for (const auto& line : s.total) bottles |= line.bottles.has_value();
  EXPECT_TRUE(bottles);  // 2 mg/5 mL comes in 100 mL bottles
}

TEST(SupplyPeriods, ZolpidemPlan) {
  PlanRequest r = plan_request("zolpidem 10mg@22:30", "fraction", "zolpidem:5,10 tablet half");
  r.settings.country = "UK";
  r.settings.start_date = kStart;
  const Plan plan = build_plan(r, shipped_catalog());
  for (int days : {7, 14, 28}) expect_covers_plan(plan, days);
}

TEST(SupplyPeriods, TheStoredDocumentGivesTheSameSupplyAsThePlan) {
  PlanRequest r = plan_request("diazepam 10mg@08:00, 10mg@20:00", "bands",
                               "diazepam:2,5,10 tablet half; diazepam:0.4 solution");
  r.settings.country = "UK";
  r.settings.start_date = kStart;
  const Plan plan = build_plan(r, shipped_catalog());
  const auto doc = nlohmann::json::parse(plan_document_text(plan));
  const SupplySchedule direct = supply_schedule(plan.steps, kStart, kStart, 14, "UK");
  const SupplySchedule stored =
      supply_schedule(steps_from_plan_document(doc), kStart, kStart, 14, "UK");
  ASSERT_EQ(direct.periods.size(), stored.periods.size());
  for (std::size_t i = 0; i < direct.periods.size(); ++i) {
    EXPECT_EQ(direct.periods[i].steps, stored.periods[i].steps);
    EXPECT_EQ(amounts(direct.periods[i].lines), amounts(stored.periods[i].lines));
    for (std::size_t j = 0; j < direct.periods[i].lines.size(); ++j) {
      EXPECT_EQ(direct.periods[i].lines[j].option.describe(),
                stored.periods[i].lines[j].option.describe());
    }
  }
  auto broken = doc;
  broken["steps"][0]["doses"][0].erase("parts");
  try {
    steps_from_plan_document(broken);
    ADD_FAILURE();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.errors()[0].field, "plan.steps[0].doses[0].parts");
  }
}

}  // namespace taperlab::supply_periods_test
