// The preview's daily series written as text (server/routes/course_text.hpp): valid JSON with the
// shape the web app reads, values rounded as documented, nothing lost or invented.

#include "server/routes/course_text.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>

namespace taperlab::server::testing {
namespace {

// The series written after whatever `out` holds.
void append_course(std::string& out, const DailyCourse& course,
                   const std::optional<CivilDate>& start, int days) {
  JsonText j(out);
  write_course_json(j, course, start, days);
}

DailyCourse three_days() {
  DailyCourse c;
  c.diazepam_equivalent_mg = {20.0, 16.200000000000003, 0.00049};
  c.effect = {0.123456789, -0.000001, 1.0};
  c.adaptation_remaining = {1.0, 0.999994, 1e-7};
  c.withdrawal = {0.0, 0.5, 0.333333333};
  return c;
}

TEST(CourseText, ReadsBackAsTheRoundedSeries) {
  std::string out = "prefix";
  append_course(out, three_days(), parse_civil_date("2026-12-30", "start"), 3);
  ASSERT_EQ(out.rfind("prefix", 0), 0u);
  const auto doc = nlohmann::json::parse(out.substr(6));
  EXPECT_EQ(doc.size(), 6u);
  EXPECT_EQ(doc.at("day"), nlohmann::json({0, 1, 2}));
  EXPECT_EQ(doc.at("date"), nlohmann::json({"2026-12-30", "2026-12-31", "2027-01-01"}));
  EXPECT_EQ(doc.at("dose_mg"), nlohmann::json({20.0, 16.2, 0.0}));
  EXPECT_EQ(doc.at("effect"), nlohmann::json({0.12346, 0.0, 1.0}));
  EXPECT_FALSE(std::signbit(doc.at("effect")[1].get<double>()));  // no -0
  EXPECT_EQ(doc.at("adaptation_remaining"), nlohmann::json({1.0, 0.99999, 0.0}));
  EXPECT_EQ(doc.at("withdrawal"), nlohmann::json({0.0, 0.5, 0.33333}));
}

TEST(CourseText, EveryValueReadsBackAsTheRoundedDouble) {
  // Printed from the rounded integer, the text must parse to round(v * 10^k) / 10^k exactly.
  std::mt19937_64 rng(20261203);
  std::uniform_real_distribution<double> unit(-1.5, 1.5);
  std::uniform_int_distribution<int> exponent(-8, 6);
  DailyCourse c;
  for (int i = 0; i < 20000; ++i) {
    const double v = unit(rng) * std::pow(10.0, exponent(rng));
    c.effect.push_back(v);
    c.diazepam_equivalent_mg.push_back(std::abs(v));
  }
  c.effect.insert(c.effect.end(), {0.0, -0.0, 1.0, -1.0, 0.000005, -0.000005, 0.1, 1e20, -1e20});
  std::string out;
  append_course(out, c, std::nullopt, 0);
  const auto doc = nlohmann::json::parse(out);
  ASSERT_EQ(doc.at("effect").size(), c.effect.size());
  for (std::size_t i = 0; i < c.effect.size(); ++i) {
    const double expected = std::round(c.effect[i] * 1e5) / 1e5 + 0.0;
    ASSERT_EQ(doc.at("effect")[i].get<double>(), expected) << c.effect[i];
  }
  for (std::size_t i = 0; i < c.diazepam_equivalent_mg.size(); ++i) {
    const double expected = std::round(c.diazepam_equivalent_mg[i] * 1e3) / 1e3 + 0.0;
    ASSERT_EQ(doc.at("dose_mg")[i].get<double>(), expected) << c.diazepam_equivalent_mg[i];
  }
  EXPECT_EQ(out.find("-0,"), std::string::npos);
  EXPECT_EQ(out.find("-0]"), std::string::npos);
}

TEST(CourseText, KeysComeInTheOrderTheJsonLibraryPrints) {
  std::string out;
  append_course(out, three_days(), parse_civil_date("2026-01-01", "start"), 3);
  const auto doc = nlohmann::json::parse(out);
  std::size_t last = 0;
  for (const auto& [key, value] : doc.items()) {  // sorted by key
    const std::size_t at = out.find("\"" + key + "\":");
    ASSERT_NE(at, std::string::npos) << key;
    EXPECT_GE(at, last) << key;
    last = at;
  }
}

TEST(CourseText, WithoutAStartDateTheDatesAreEmpty) {
  std::string out;
  append_course(out, three_days(), std::nullopt, 2);
  const auto doc = nlohmann::json::parse(out);
  EXPECT_EQ(doc.at("date"), nlohmann::json({"", ""}));
  EXPECT_EQ(doc.at("day"), nlohmann::json({0, 1}));
}

TEST(CourseText, ANumberThatIsNotFiniteBecomesNull) {
  DailyCourse c = three_days();
  c.withdrawal[1] = std::numeric_limits<double>::quiet_NaN();
  c.effect[2] = std::numeric_limits<double>::infinity();
  std::string out;
  append_course(out, c, std::nullopt, 3);
  const auto doc = nlohmann::json::parse(out);
  EXPECT_TRUE(doc.at("withdrawal")[1].is_null());
  EXPECT_TRUE(doc.at("effect")[2].is_null());
}

}  // namespace
}  // namespace taperlab::server::testing
