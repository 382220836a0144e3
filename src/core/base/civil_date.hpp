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

// The years a date may have: 1970-01-01 (before it no one kept a taperlab journal, and a date such
// as 1900-01-01 is a typing slip or a default) to 2200-12-31 (narrow enough to catch a mistyped
// year, wide enough for any plan's steps). parse_civil_date refuses any other date, everywhere.
inline constexpr int kFirstYear = 1970;
inline constexpr int kLastYear = 2200;

// How far after today a dated record of what happened may lie (a check-in, a dose, a
// questionnaire, a memory test, a decision, a regimen): through the API and the command line
// never after today (they say "is in the future"); in an imported journal, made on another clock
// or another day, at most a year ahead. A plan's start (and with it the version's effective_from)
// may lie further ahead: it is planned, not recorded; it is bounded by kLastYear alone.
inline constexpr int kMaxRecordDaysAhead = 366;

// Parses YYYY-MM-DD strictly (a real calendar date); throws ValidationError naming `field`.
CivilDate parse_civil_date(std::string_view text, const std::string& field);

}  // namespace taperlab
