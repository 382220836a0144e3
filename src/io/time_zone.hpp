#pragma once

// Wall clocks in IANA time zones, through the system's time zone database (/usr/share/zoneinfo,
// read by Howard Hinnant's date/tz library built with USE_OS_TZDB; GCC 12's libstdc++ has no
// std::chrono::tzdb). The core keeps only zone names (core/journal/time_zone_name.hpp); the
// conversions live here because they read files.
//
// Daylight saving time, decided once for the whole app (docs/tracking.md):
// - A planned wall-clock time that does not exist on a spring-forward day (02:30 in
//   America/Los_Angeles on 2027-03-14, 01:30 in Europe/London on 2027-03-28) is moved forward by
//   the gap: 03:30 (LA) or 02:30 (London), the time the clock shows one gap-length later, as the
//   usual "compatible" rule does (RFC 5545 and JavaScript's Temporal do the same). The dose keeps
//   its planned time as its identity, so it is logged against 02:30 either way.
// - A wall-clock time that happens twice on a fall-back day (01:30 in Los Angeles on 2026-11-01)
//   means its first occurrence (still summer time). A dose is one dose: it is due once.

#include <string>

#include "core/base/civil_date.hpp"
#include "core/dosing/regimen.hpp"

namespace taperlab::io {

// A moment as a person's wall clock shows it.
struct LocalDateTime {
  CivilDate date;
  TimeOfDay time;  // hours and minutes
  int second = 0;
  int utc_offset_minutes = 0;  // local minus UTC: -480 in Los Angeles in winter

  // "2026-12-06T06:18:07-08:00" (RFC 3339, the offset as written, never "Z").
  [[nodiscard]] std::string rfc3339() const;
};

// Whether `name` is a zone of the database ("Europe/London", "UTC"; also links such as
// "US/Pacific").
bool known_time_zone(const std::string& name);

// `name` if it is a known zone; otherwise throws ValidationError naming `field`.
const std::string& require_time_zone(const std::string& name, const std::string& field);

// The machine's own zone: TZ (":Europe/London" or "Europe/London") when set, else the one
// /etc/localtime names, else "UTC". A TZ that names no zone of the database throws
// ValidationError naming `field` (e.g. "--tz": the user can name one there instead).
std::string machine_time_zone(const std::string& field);

// The zone a person lives by: their own, or the machine's when they have not chosen one
// (people from before time zones, see store migration 0005).
std::string effective_time_zone(const std::string& person_zone);

// `utc_instant` ("YYYY-MM-DDTHH:MM:SSZ") on the wall clock of `zone`. Throws ValidationError
// naming `field` for a malformed instant or unknown zone.
LocalDateTime to_local(const std::string& utc_instant, const std::string& zone,
                       const std::string& field = "time_zone");

// Where a planned wall-clock `time` on `date` falls in `zone` (the DST rules above).
struct PlacedTime {
  TimeOfDay shown;          // the wall-clock time the dose is due: `time`, or later in a gap
  bool skipped = false;     // `time` does not exist that day (clocks went forward)
  bool repeated = false;    // `time` happens twice that day (clocks went back): the first is meant
  std::string utc_instant;  // "YYYY-MM-DDTHH:MM:SSZ"
};
PlacedTime place_wall_time(CivilDate date, TimeOfDay time, const std::string& zone);

}  // namespace taperlab::io
