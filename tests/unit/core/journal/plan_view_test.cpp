// Reading a stored plan back. Plans can now come from an imported file, so a malformed one must be
// refused with the field named, never read as a library exception or an out-of-range int.
#include "core/journal/plan_view.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/base/error.hpp"

namespace taperlab {
namespace {

nlohmann::json one_step_plan() {
  return {{"start_date", "2027-01-04"},
          {"strategy", "fraction"},
          {"needs_clinician", false},
          {"steps",
           {{{"index", 1},
             {"day", 0},
             {"duration_days", 14},
             {"kind", "cut"},
             {"diazepam_equivalent_mg", 9},
             {"cut_fraction", 0.1},
             {"peak_withdrawal", 0.01},
             {"doses",
              {{{"drug", "diazepam"}, {"time", "08:00"}, {"dose_mg", 9}, {"units", "..."}}}}}}}};
}

std::string field_of(const nlohmann::json& plan) {
  try {
    (void)parse_plan_view(plan);
  } catch (const ValidationError& e) {
    return e.errors().at(0).field;
  }
  return "(accepted)";
}

TEST(PlanView, ReadsAStoredPlan) {
  const PlanView view = parse_plan_view(one_step_plan());
  ASSERT_EQ(view.steps.size(), 1u);
  EXPECT_EQ(view.steps[0].duration_days, 14);
  EXPECT_EQ(view.steps[0].doses.at(0).drug_id, "diazepam");
}

TEST(PlanView, AWrongTypeOrAnImpossibleDayNamesTheField) {
  nlohmann::json plan = one_step_plan();
  plan["needs_clinician"] = "no";
  EXPECT_EQ(field_of(plan), "plan.needs_clinician");

  plan = one_step_plan();
  plan["steps"][0]["day"] = 1e300;
  EXPECT_EQ(field_of(plan), "plan.steps[0].day");
  plan = one_step_plan();
  plan["steps"][0]["duration_days"] = 14.5;
  EXPECT_EQ(field_of(plan), "plan.steps[0].duration_days");
  plan = one_step_plan();
  plan["steps"][0]["index"] = -1e12;
  EXPECT_EQ(field_of(plan), "plan.steps[0].index");
}

}  // namespace
}  // namespace taperlab
