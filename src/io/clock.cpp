#include "io/clock.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>

namespace taperlab::io {

std::optional<CivilDate> pinned_today() {
  if (const char* fixed = std::getenv("TAPERLAB_TODAY"); fixed && *fixed) {
    return parse_civil_date(fixed, "TAPERLAB_TODAY");
  }
  return std::nullopt;
}

CivilDate local_today() {
  if (auto pinned = pinned_today()) return *pinned;
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  const std::chrono::year_month_day ymd{std::chrono::year{local.tm_year + 1900},
                                        std::chrono::month{static_cast<unsigned>(local.tm_mon + 1)},
                                        std::chrono::day{static_cast<unsigned>(local.tm_mday)}};
  return CivilDate{std::chrono::sys_days{ymd}};
}

std::string now_utc() {
  if (const char* fixed = std::getenv("TAPERLAB_NOW"); fixed && *fixed) return fixed;
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

LocalDateTime local_now(const std::string& zone, const std::string& field) {
  LocalDateTime now = to_local(now_utc(), effective_time_zone(zone), field);
  if (auto pinned = pinned_today()) now.date = *pinned;
  return now;
}

}  // namespace taperlab::io
