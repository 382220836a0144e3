#include "io/time_zone.hpp"

#include <date/tz.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "core/base/error.hpp"
#include "core/journal/time_zone_name.hpp"

namespace taperlab::io {
namespace {

const date::time_zone* find_zone(const std::string& name) {
  // The shape check first: the database is never asked about paths or odd bytes.
  if (!plausible_time_zone_name(name)) return nullptr;
  try {
    return date::locate_zone(name);
  } catch (const std::runtime_error&) {
    return nullptr;
  }
}

const date::time_zone& zone_or_throw(const std::string& name, const std::string& field) {
  const date::time_zone* zone = find_zone(name);
  if (!zone) {
    throw ValidationError(field, "\"" + name +
                                     "\" is not a known time zone; use an IANA name such as "
                                     "\"Europe/London\" or \"America/Los_Angeles\"");
  }
  return *zone;
}

date::local_days local_days_of(CivilDate d) {
  return date::local_days{date::days{static_cast<int>(d.days.time_since_epoch().count())}};
}

CivilDate civil_date_of(date::local_days d) {
  return CivilDate{std::chrono::sys_days{std::chrono::days{d.time_since_epoch().count()}}};
}

int parse_digits(const std::string& text, std::size_t at, std::size_t count, bool& ok) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + count, value);
  if (ec != std::errc() || end != text.data() + at + count) ok = false;
  return value;
}

// "YYYY-MM-DDTHH:MM:SSZ", as io::now_utc and the store write it.
date::sys_seconds parse_utc(const std::string& text, const std::string& field) {
  bool ok =
      text.size() == 20 && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == 'Z';
  int hours = 0;
  int minutes = 0;
  int seconds = 0;
  CivilDate day;
  if (ok) {
    hours = parse_digits(text, 11, 2, ok);
    minutes = parse_digits(text, 14, 2, ok);
    seconds = parse_digits(text, 17, 2, ok);
    ok = ok && hours < 24 && minutes < 60 && seconds < 60;
  }
  if (ok) day = parse_civil_date(std::string_view(text).substr(0, 10), field);
  if (!ok) throw ValidationError(field, "expected a UTC time such as 2026-12-06T06:35:00Z");
  return date::sys_days{date::days{static_cast<int>(day.days.time_since_epoch().count())}} +
         std::chrono::hours{hours} + std::chrono::minutes{minutes} + std::chrono::seconds{seconds};
}

std::string format_utc(date::sys_seconds instant) {
  const auto day = date::floor<date::days>(instant);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> hms{instant - day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buffer;
}

LocalDateTime local_of(date::sys_seconds instant, const date::time_zone& zone) {
  const date::sys_info info = zone.get_info(instant);
  const date::local_seconds local{(instant + info.offset).time_since_epoch()};
  const auto day = date::floor<date::days>(local);
  const date::hh_mm_ss<std::chrono::seconds> hms{local - day};
  LocalDateTime out;
  out.date = civil_date_of(day);
  out.time = TimeOfDay{static_cast<int>(hms.hours().count() * 60 + hms.minutes().count())};
  out.second = static_cast<int>(hms.seconds().count());
  out.utc_offset_minutes = static_cast<int>(info.offset.count() / 60);
  return out;
}

}  // namespace

std::string LocalDateTime::rfc3339() const {
  const int offset = utc_offset_minutes;
  const int magnitude = offset < 0 ? -offset : offset;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, ":%02d%c%02d:%02d", second, offset < 0 ? '-' : '+',
                magnitude / 60, magnitude % 60);
  return date.to_string() + "T" + time.to_string() + buffer;
}

bool known_time_zone(const std::string& name) { return find_zone(name) != nullptr; }

const std::string& require_time_zone(const std::string& name, const std::string& field) {
  zone_or_throw(name, field);
  return name;
}

std::string machine_time_zone(const std::string& field) {
  if (const char* tz = std::getenv("TZ"); tz && *tz) {
    std::string name = tz[0] == ':' ? tz + 1 : tz;
    if (!known_time_zone(name)) {
      throw ValidationError(field, "the machine's TZ=" + std::string(tz) +
                                       " is not a known time zone; name one with " + field +
                                       ", e.g. " + field + " Europe/London");
    }
    return name;
  }
  // /etc/localtime's link target (or /etc/timezone), as the C library reads it: looked up once per
  // process (every request of a person without a zone of their own needs it).
  static const std::string system_zone = [] {
    try {
      return std::string(date::current_zone()->name());
    } catch (const std::runtime_error&) {
      return std::string("UTC");  // no /etc/localtime: the C library's own default is UTC too
    }
  }();
  return system_zone;
}

std::string effective_time_zone(const std::string& person_zone) {
  if (!person_zone.empty()) return person_zone;
  return machine_time_zone("TZ");
}

LocalDateTime to_local(const std::string& utc_instant, const std::string& zone,
                       const std::string& field) {
  const date::time_zone& tz = zone_or_throw(zone, field);
  return local_of(parse_utc(utc_instant, "now"), tz);
}

PlacedTime place_wall_time(CivilDate date, TimeOfDay time, const std::string& zone) {
  const date::time_zone& tz = zone_or_throw(zone, "time_zone");
  const date::local_seconds wall = local_days_of(date) + std::chrono::minutes{time.minutes};
  const date::local_info info = tz.get_info(wall);
  PlacedTime placed;
  // Unique or the first of two: the offset in force before any transition of that moment. In a
  // gap the offset before it applies too, which lands the instant one gap-length later on the
  // clock (02:30 -> 03:30).
  const date::sys_seconds instant{wall.time_since_epoch() - info.first.offset};
  placed.skipped = info.result == date::local_info::nonexistent;
  placed.repeated = info.result == date::local_info::ambiguous;
  placed.shown = local_of(instant, tz).time;
  placed.utc_instant = format_utc(instant);
  return placed;
}

}  // namespace taperlab::io
