#include "auth/utc_time.hpp"

#include <charconv>
#include <cstdio>

#include "core/base/civil_date.hpp"
#include "core/base/error.hpp"

namespace taperlab::auth {

std::chrono::sys_seconds parse_utc(std::string_view text, const std::string& field) {
  auto bad = [&] {
    return ValidationError(
        field, "expected a UTC time as YYYY-MM-DDTHH:MM:SSZ, got '" + std::string(text) + "'");
  };
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    throw bad();
  }
  const CivilDate date = parse_civil_date(text.substr(0, 10), field);
  auto number = [&](std::size_t pos, int max) {
    int value = 0;
    const char* begin = text.data() + pos;
    const auto [end, ec] = std::from_chars(begin, begin + 2, value);
    if (ec != std::errc() || end != begin + 2 || value < 0 || value > max) throw bad();
    return value;
  };
  // No leap seconds: 23:59:60 is rejected, as std::chrono's UTC-as-system-time has none.
  const int h = number(11, 23);
  const int m = number(14, 59);
  const int s = number(17, 59);
  return std::chrono::sys_seconds{date.days} + std::chrono::hours{h} + std::chrono::minutes{m} +
         std::chrono::seconds{s};
}

std::string format_utc(std::chrono::sys_seconds time) {
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::hh_mm_ss clock{time - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", CivilDate{day}.to_string().c_str(),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return buf;
}

std::string utc_plus_seconds(const std::string& utc, long long seconds) {
  return format_utc(parse_utc(utc, "time") + std::chrono::seconds{seconds});
}

}  // namespace taperlab::auth
