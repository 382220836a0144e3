#include "core/base/civil_date.hpp"

#include <charconv>
#include <cstdio>

#include "core/base/error.hpp"

namespace taperlab {

bool CivilDate::write_iso(char* out) const {
  const std::chrono::year_month_day ymd{days};
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) return false;
  const auto month = static_cast<unsigned>(ymd.month());
  const auto day = static_cast<unsigned>(ymd.day());
  // Digit by digit: plans and charts print a date per day, and snprintf was a noticeable share
  // of a plan preview.
  const auto digit = [](unsigned v) { return static_cast<char>('0' + v); };
  const auto y = static_cast<unsigned>(year);
  out[0] = digit(y / 1000);
  out[1] = digit(y / 100 % 10);
  out[2] = digit(y / 10 % 10);
  out[3] = digit(y % 10);
  out[4] = '-';
  out[5] = digit(month / 10);
  out[6] = digit(month % 10);
  out[7] = '-';
  out[8] = digit(day / 10);
  out[9] = digit(day % 10);
  return true;
}

bool CivilDate::supported() const {
  const int year = static_cast<int>(std::chrono::year_month_day{days}.year());
  return year >= kFirstYear && year <= kLastYear;
}

std::string CivilDate::to_string() const {
  char iso[10];
  if (write_iso(iso)) return std::string(iso, sizeof iso);
  const std::chrono::year_month_day ymd{days};
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string CivilDate::compact() const {
  std::string s = to_string();
  return s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2);
}

std::string CivilDate::weekday_short() const {
  static constexpr const char* kNames[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  return kNames[std::chrono::weekday{days}.c_encoding()];
}

CivilDate parse_civil_date(std::string_view text, const std::string& field) {
  auto bad = [&] {
    return ValidationError(field, "expected a date as YYYY-MM-DD, got '" + std::string(text) + "'");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') throw bad();
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  auto num = [&](std::size_t pos, std::size_t len, auto& out) {
    const char* b = text.data() + pos;
    auto [ptr, ec] = std::from_chars(b, b + len, out);
    if (ec != std::errc() || ptr != b + len) throw bad();
  };
  num(0, 4, y);
  num(5, 2, m);
  num(8, 2, d);
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!ymd.ok() || y < kFirstYear || y > kLastYear) {
    throw ValidationError(field, "'" + std::string(text) + "' is not a real calendar date");
  }
  return CivilDate{std::chrono::sys_days{ymd}};
}

}  // namespace taperlab
