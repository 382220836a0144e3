// The formatters every printed plan goes through: dates digit by digit, decimals with to_chars.
// Both are checked against the printf formats they replaced.
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <string>

#include "core/base/civil_date.hpp"
#include "core/base/error.hpp"
#include "core/base/text.hpp"

namespace taperlab {
namespace {

std::string printf_date(int y, unsigned m, unsigned d) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

std::string printf_decimal(double value, int decimals) {
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

TEST(CivilDateText, EveryDayOfFourCenturiesPrintsAsPrintfDid) {
  using namespace std::chrono;
  const CivilDate first{sys_days{year{1900} / January / 1}};
  for (int n = 0; n < 146097; ++n) {
    const CivilDate date = first.plus_days(n);
    const year_month_day ymd{date.days};
    ASSERT_EQ(date.to_string(),
              printf_date(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                          static_cast<unsigned>(ymd.day())));
  }
}

TEST(CivilDateText, PrintsAndParsesBack) {
  for (const char* text : {"1970-01-01", "1999-12-31", "2024-02-29", "2026-11-23", "2200-12-31"}) {
    EXPECT_EQ(parse_civil_date(text, "date").to_string(), text);
  }
}

// The years a date may have (civil_date.hpp): 1900-01-01, a typing slip or a default, is refused.
TEST(CivilDateText, RefusesDatesBefore1970AndAfter2200) {
  for (const char* text : {"1900-01-01", "1969-12-31", "2201-01-01", "0000-01-01"}) {
    EXPECT_THROW((void)parse_civil_date(text, "date"), ValidationError) << text;
  }
}

TEST(CivilDateText, YearsPastFourDigitsStillPrint) {
  using namespace std::chrono;
  EXPECT_EQ(CivilDate{sys_days{year{10000} / March / 4}}.to_string(), "10000-03-04");
}

TEST(FormatDecimal, DropsTrailingZerosAndThePoint) {
  EXPECT_EQ(format_decimal(2.5, 2), "2.5");
  EXPECT_EQ(format_decimal(0.25, 3), "0.25");
  EXPECT_EQ(format_decimal(3.0, 2), "3");
  EXPECT_EQ(format_decimal(30.0, 0), "30");
  EXPECT_EQ(format_decimal(0.0, 2), "0");
}

// fixed_decimals takes a fast path for most values; whatever the path, the text is what
// std::to_chars prints (correctly rounded, ties to even on the exact binary value).
TEST(Text, FixedDecimalsPrintsAsToChars) {
  auto exact = [](double v, int d) {
    char buf[400];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, d);
    return std::string(buf, r.ptr);
  };
  std::mt19937_64 rng(20261203);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_int_distribution<int> exponent(-9, 14);
  int checked = 0;
  for (int i = 0; i < 200000; ++i) {
    const double v = unit(rng) * std::pow(10.0, exponent(rng));
    for (int d = 0; d <= 7; ++d) {
      ASSERT_EQ(fixed_decimals(v, d), exact(v, d)) << v << " " << d;
      ++checked;
    }
  }
  // Halves at every place, and their neighbours: the cases a plain multiply would round wrongly.
  for (int d = 0; d <= 6; ++d) {
    for (int k = 0; k < 20000; ++k) {
      const double tie = (k + 0.5) / std::pow(10.0, d);
      for (const double v : {tie, std::nextafter(tie, 0.0), std::nextafter(tie, 1e300)}) {
        ASSERT_EQ(fixed_decimals(v, d), exact(v, d)) << v << " " << d;
        ++checked;
      }
    }
  }
  for (const double v : {0.0, -0.0, -1.25, -0.001, 1e300, 0.125, 2.675, 1.005, 4.35, 0.045,
                         17592186044415.5, std::numeric_limits<double>::denorm_min()}) {
    for (int d = 0; d <= 6; ++d) EXPECT_EQ(fixed_decimals(v, d), exact(v, d)) << v << " " << d;
  }
  EXPECT_EQ(checked, 200000 * 8 + 7 * 20000 * 3);
}

TEST(FormatDecimal, RoundsAsPrintfDoes) {
  // Halfway cases in binary (0.125, 2.675 is below its decimal) and sign.
  for (const double v : {0.125, 0.375, 2.675, 1.005, -0.5, -1.25, 1e-7, 123456.789, 0.1 + 0.2, 7.7,
                         0.0625, 1e21, -0.0}) {
    for (int decimals = 0; decimals <= 6; ++decimals) {
      EXPECT_EQ(format_decimal(v, decimals), printf_decimal(v, decimals))
          << v << " to " << decimals;
    }
  }
}

TEST(FormatDecimal, ManyDosesMatchPrintf) {
  for (int i = 0; i <= 40000; ++i) {
    const double mg = i * 0.0125;
    ASSERT_EQ(format_decimal(mg, 3), printf_decimal(mg, 3)) << mg;
    ASSERT_EQ(format_decimal(mg / 3.0, 2), printf_decimal(mg / 3.0, 2)) << mg / 3.0;
  }
}

}  // namespace
}  // namespace taperlab
