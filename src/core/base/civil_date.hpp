#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace taperlab {

// A calendar date with no time zone: plans and journals count whole days.
struct CivilDate {
  std::chrono::sys_days days{};

  [[nodiscard]] CivilDate plus_days(int n) const { return CivilDate{days + std::chrono::days{n}}; }
  [[nodiscard]] int days_until(CivilDate other) const {
    return static_cast<int>((other.days - days).count());
  }
  [[nodiscard]] std::string to_string() const;  // YYYY-MM-DD
  // The 10 characters of to_string() into `out`, for years 0 to 9999 (false for others, when
  // nothing is written): for writers that print a date per day without a string each.
  [[nodiscard]] bool write_iso(char* out) const;
  [[nodiscard]] std::string compact() const;        // YYYYMMDD (iCalendar)
  [[nodiscard]] std::string weekday_short() const;  // "Mon"
  // A year from kFirstYear to kLastYear: the dates parse_civil_date accepts.
  [[nodiscard]] bool supported() const;
  friend bool operator==(CivilDate a, CivilDate b) = default;
  friend auto operator<=>(CivilDate a, CivilDate b) = default;
};

// The years a journal date may have: wider than any life, narrow enough to catch a mistyped year.
inline constexpr int kFirstYear = 1900;
inline constexpr int kLastYear = 2200;

// Parses YYYY-MM-DD strictly (a real calendar date); throws ValidationError naming `field`.
CivilDate parse_civil_date(std::string_view text, const std::string& field);

}  // namespace taperlab
