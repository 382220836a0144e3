#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "report/pharmacy_report.hpp"
#include "test_catalog.hpp"

namespace taperlab::report::pharmacy_text_test {

const CivilDate kStart = parse_civil_date("2027-01-04", "start");

TaperStep held_liquid_plan_step(int index, int start_day, int duration_days, double ml,
                                StepKind kind) {
  DispensingOption liquid;
  liquid.drug_id = "diazepam";
  liquid.form = FormulationForm::kOralSolution;
  liquid.strength_mg_per_ml = 0.4;
  DispensingOption tablet;
  tablet.drug_id = "diazepam";
  tablet.strength_mg = 2;
  tablet.split = Split::kHalf;
  TaperStep s;
  s.index = index;
  s.start_day = start_day;
  s.duration_days = duration_days;
  s.kind = kind;
  std::vector<UnitPart> parts{UnitPart{tablet, 2, 0.0}};
  if (ml > 0) parts.push_back(UnitPart{liquid, 0, ml});
  s.drugs.push_back(
      {"diazepam", {PlannedDose{TimeOfDay{8 * 60}, DoseMakeup{1 + 0.4 * ml, parts}}}});
  return s;
}

TaperStep final_stop(int index, int start_day) {
  TaperStep s;
  s.index = index;
  s.start_day = start_day;
  s.kind = StepKind::kFinalStop;
  return s;
}

SupplySchedule sample(CivilDate from, int period_days) {
  return supply_schedule({held_liquid_plan_step(1, 0, 14, 2.5, StepKind::kCut),
                          held_liquid_plan_step(2, 14, 0, 0, StepKind::kMaintenance)},
                         kStart, from, period_days, "UK");
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(PharmacyText, SaysItIsADraftHowPartsAreCountedAndWhatEachPeriodNeeds) {
  const std::string text = pharmacy_text(sample(kStart, 14), testing::shipped_catalog(),
                                         {"Taper plan from diazepam 2 mg at 08:00", false});
  EXPECT_NE(text.find("draft to agree with the prescriber"), std::string::npos) << text;
  EXPECT_NE(text.find("Part tablets are counted as whole tablets"), std::string::npos);
  EXPECT_NE(text.find("Period 1  Mon 2027-01-04 to Sun 2027-01-17 (14 days), step 1"),
            std::string::npos)
      << text;
  // 14 halves = 7 tablets; 35 mL of 2 mg/5 mL, one 100 mL bottle.
  EXPECT_NE(text.find("diazepam 2 mg tablet (halves)"), std::string::npos);
  EXPECT_NE(text.find("     7 tablets"), std::string::npos) << text;
  EXPECT_NE(text.find("35 mL (1 bottle of 100 mL)"), std::string::npos) << text;
  EXPECT_NE(text.find("The dose is held from Mon 2027-01-18 and continues after the last period"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("100 mL bottle (dm+d / BNF pack"), std::string::npos) << text;
  for (const auto& line : lines_of(text)) EXPECT_LE(line.size(), 100U) << line;
  // No "periods start later" words when the periods start at the plan's start.
  EXPECT_EQ(text.find("Periods start on"), std::string::npos);
}

TEST(PharmacyText, FromALaterDaySaysSoAndNothingLeftIsSaid) {
  const std::string later = pharmacy_text(sample(kStart.plus_days(20), 7),
                                          testing::shipped_catalog(), {"Plan version 2", true});
  EXPECT_NE(later.find("Periods start on Sun 2027-01-24, not at the plan's start (Mon "
                       "2027-01-04)"),
            std::string::npos)
      << later;
  const SupplySchedule done =
      supply_schedule({held_liquid_plan_step(1, 0, 14, 2.5, StepKind::kCut), final_stop(2, 14)},
                      kStart, kStart.plus_days(30), 28, "UK");
  const std::string none =
      pharmacy_text(done, testing::shipped_catalog(), {"Plan version 1", true});
  EXPECT_NE(none.find("Nothing left to dispense: the plan stopped on Mon 2027-01-18."),
            std::string::npos)
      << none;
}

TEST(PharmacyJson, HoldsThePeriodsTheTotalAndTheNotices) {
  const auto j = pharmacy_json(sample(kStart, 28), testing::shipped_catalog());
  EXPECT_EQ(j.at("period_days"), 28);
  EXPECT_EQ(j.at("from"), "2027-01-04");
  EXPECT_EQ(j.at("continues"), true);
  EXPECT_TRUE(j.at("stop_date").is_null());
  ASSERT_EQ(j.at("periods").size(), 2U);  // the held dose starts in the first: one more
  const auto& p = j.at("periods")[0];
  EXPECT_EQ(p.at("steps"), nlohmann::json({1, 2}));
  ASSERT_EQ(p.at("lines").size(), 2U);
  EXPECT_EQ(p.at("lines")[0].at("unit"), "tablet");
  EXPECT_EQ(p.at("lines")[0].at("units"), 14);  // 28 halves
  EXPECT_EQ(p.at("lines")[1].at("unit"), "mL");
  EXPECT_EQ(p.at("lines")[1].at("volume_ml"), 35.0);
  EXPECT_EQ(p.at("lines")[1].at("bottles"), 1);
  EXPECT_NE(j.at("draft_notice").get<std::string>().find("prescriber"), std::string::npos);
  EXPECT_EQ(j.at("pack_sources").size(), 1U);
  EXPECT_EQ(j.at("periods")[1].at("lines").size(), 1U);
  EXPECT_EQ(j.at("total")[0].at("units"), 28);
}

}  // namespace taperlab::report::pharmacy_text_test
