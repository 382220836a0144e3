#include "core/dosing/regimen.hpp"

#include <gtest/gtest.h>

#include <cstdio>

#include "core/base/error.hpp"
#include "test_catalog.hpp"

namespace taperlab {
namespace {

using testing::shipped_catalog;

std::string field_error(const std::string& text) {
  try {
    parse_drug_regimen(text, shipped_catalog());
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.errors().front().field, "regimen");
    return e.what();
  }
  return "";
}

TEST(Regimen, ParsesDosesAndTimes) {
  const DrugRegimen r = parse_drug_regimen("Klonopin 1mg@20:00, 0.5 mg@8:00", shipped_catalog());
  EXPECT_EQ(r.drug_id, "clonazepam");
  ASSERT_EQ(r.doses.size(), 2u);
  EXPECT_EQ(r.doses[0].time.to_string(), "08:00");
  EXPECT_DOUBLE_EQ(r.doses[0].dose_mg, 0.5);
  EXPECT_DOUBLE_EQ(r.daily_mg(), 1.5);
}

TEST(Regimen, RejectsBadInputNamingTheArgument) {
  EXPECT_NE(field_error("clonazepan 1mg@08:00").find("did you mean clonazepam"), std::string::npos);
  EXPECT_NE(field_error("clonazepam 0mg@08:00").find("greater than 0"), std::string::npos);
  EXPECT_NE(field_error("clonazepam -1mg@08:00").find("greater than 0"), std::string::npos);
  EXPECT_NE(field_error("clonazepam 500mg@08:00").find("implausible"), std::string::npos);
  EXPECT_NE(field_error("clonazepam 1mg@25:00").find("malformed time"), std::string::npos);
  EXPECT_NE(field_error("clonazepam 1mg@8").find("malformed time"), std::string::npos);
  EXPECT_NE(field_error("clonazepam 1mg").find("needs a time"), std::string::npos);
  EXPECT_NE(field_error("clonazepam 1mg@08:00, 1mg@08:00").find("two doses"), std::string::npos);
  EXPECT_NE(field_error("clonazepam abc@08:00").find("malformed amount"), std::string::npos);
  EXPECT_NE(field_error("clonazepam").find("expected"), std::string::npos);
}

TEST(Regimen, TimeOfDayBounds) {
  EXPECT_EQ(parse_time_of_day("23:59", "t").minutes, 23 * 60 + 59);
  EXPECT_EQ(parse_time_of_day("0:00", "t").minutes, 0);
  EXPECT_THROW(parse_time_of_day("24:00", "t"), ValidationError);
  EXPECT_THROW(parse_time_of_day("12:60", "t"), ValidationError);
  EXPECT_THROW(parse_time_of_day("12:5", "t"), ValidationError);
  EXPECT_THROW(parse_time_of_day("ab:cd", "t"), ValidationError);
}

TEST(Regimen, TimeOfDayPrintsAsHoursAndMinutes) {
  for (int minutes = 0; minutes < 24 * 60; ++minutes) {
    char expected[16];
    std::snprintf(expected, sizeof expected, "%02d:%02d", minutes / 60, minutes % 60);
    ASSERT_EQ(TimeOfDay{minutes}.to_string(), expected) << minutes;
  }
  EXPECT_EQ(TimeOfDay{0}.to_string(), "00:00");
  EXPECT_EQ(TimeOfDay{23 * 60 + 59}.to_string(), "23:59");
  // Out of a day's range (a value built in code, never parsed) still prints as it did.
  EXPECT_EQ(TimeOfDay{-5}.to_string(), "00:-5");
  EXPECT_EQ(TimeOfDay{100 * 60 + 1}.to_string(), "100:01");
}

TEST(Regimen, SameDrugTwiceIsRejected) {
  Regimen r;
  add_drug(r, parse_drug_regimen("diazepam 5mg@08:00", shipped_catalog()));
  EXPECT_THROW(add_drug(r, parse_drug_regimen("diazepam 5mg@20:00", shipped_catalog())),
               ValidationError);
}

}  // namespace
}  // namespace taperlab
