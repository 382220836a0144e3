// Wall clocks in IANA zones: a person's "today", the offset stamped on a confirmation, and where a
// planned dose falls on the days the clocks change (io/time_zone.hpp's rules).

#include "io/time_zone.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "core/base/error.hpp"
#include "io/clock.hpp"

namespace taperlab::io {
namespace {

CivilDate day(const char* text) { return parse_civil_date(text, "date"); }
TimeOfDay at(const char* text) { return parse_time_of_day(text, "time"); }

// Sets an environment variable for one test and puts the old value back.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(TimeZone, LateSundayEveningInLosAngelesIsStillSunday) {
  // 2026-12-07T06:35Z is Monday in UTC and 22:35 on Sunday 6 December in Los Angeles (PST, -8 h).
  const LocalDateTime local = to_local("2026-12-07T06:35:00Z", "America/Los_Angeles");
  EXPECT_EQ(local.date, day("2026-12-06"));
  EXPECT_EQ(local.date.weekday_short(), "Sun");
  EXPECT_EQ(local.time, at("22:35"));
  EXPECT_EQ(local.utc_offset_minutes, -480);
  EXPECT_EQ(local.rfc3339(), "2026-12-06T22:35:00-08:00");
}

TEST(TimeZone, OffsetsFollowSummerTime) {
  EXPECT_EQ(to_local("2027-07-01T12:00:05Z", "Europe/London").rfc3339(),
            "2027-07-01T13:00:05+01:00");
  EXPECT_EQ(to_local("2027-01-01T12:00:00Z", "Europe/London").rfc3339(),
            "2027-01-01T12:00:00+00:00");
  EXPECT_EQ(to_local("2027-01-01T12:00:00Z", "Asia/Kolkata").rfc3339(),
            "2027-01-01T17:30:00+05:30");
  // The last second before midnight stays on its own day.
  const LocalDateTime late = to_local("2027-03-14T07:59:59Z", "America/Los_Angeles");
  EXPECT_EQ(late.date, day("2027-03-13"));
  EXPECT_EQ(late.time, at("23:59"));
  EXPECT_EQ(late.second, 59);
}

TEST(TimeZone, SpringForwardMovesAMissingTimeForwardByTheGap) {
  // Los Angeles, 2027-03-14: 02:00 PST becomes 03:00 PDT, so 02:30 never happens.
  const PlacedTime la = place_wall_time(day("2027-03-14"), at("02:30"), "America/Los_Angeles");
  EXPECT_TRUE(la.skipped);
  EXPECT_FALSE(la.repeated);
  EXPECT_EQ(la.shown, at("03:30"));
  EXPECT_EQ(la.utc_instant, "2027-03-14T10:30:00Z");
  // London, 2027-03-28: 01:00 GMT becomes 02:00 BST.
  const PlacedTime london = place_wall_time(day("2027-03-28"), at("01:30"), "Europe/London");
  EXPECT_TRUE(london.skipped);
  EXPECT_EQ(london.shown, at("02:30"));
  EXPECT_EQ(london.utc_instant, "2027-03-28T01:30:00Z");
  // The edge of the gap: 02:00 in Los Angeles does not exist either; 03:00 does.
  EXPECT_TRUE(place_wall_time(day("2027-03-14"), at("02:00"), "America/Los_Angeles").skipped);
  const PlacedTime three = place_wall_time(day("2027-03-14"), at("03:00"), "America/Los_Angeles");
  EXPECT_FALSE(three.skipped);
  EXPECT_EQ(three.shown, at("03:00"));
  EXPECT_EQ(three.utc_instant, "2027-03-14T10:00:00Z");
}

TEST(TimeZone, FallBackMeansTheFirstOfTheRepeatedHour) {
  // Los Angeles, 2026-11-01: 01:00-02:00 happens twice (PDT, then PST); a dose is due once, at
  // the first.
  const PlacedTime la = place_wall_time(day("2026-11-01"), at("01:30"), "America/Los_Angeles");
  EXPECT_TRUE(la.repeated);
  EXPECT_FALSE(la.skipped);
  EXPECT_EQ(la.shown, at("01:30"));
  EXPECT_EQ(la.utc_instant, "2026-11-01T08:30:00Z");  // 01:30 PDT, not 09:30Z (01:30 PST)
  const PlacedTime london = place_wall_time(day("2027-10-31"), at("01:15"), "Europe/London");
  EXPECT_TRUE(london.repeated);
  EXPECT_EQ(london.utc_instant, "2027-10-31T00:15:00Z");  // 01:15 BST
  // Both occurrences read back as 01:30 on the wall clock.
  EXPECT_EQ(to_local("2026-11-01T08:30:00Z", "America/Los_Angeles").rfc3339(),
            "2026-11-01T01:30:00-07:00");
  EXPECT_EQ(to_local("2026-11-01T09:30:00Z", "America/Los_Angeles").rfc3339(),
            "2026-11-01T01:30:00-08:00");
}

TEST(TimeZone, AnOrdinaryDayIsAsPlanned) {
  const PlacedTime p = place_wall_time(day("2026-12-06"), at("08:00"), "America/Los_Angeles");
  EXPECT_FALSE(p.skipped);
  EXPECT_FALSE(p.repeated);
  EXPECT_EQ(p.shown, at("08:00"));
  EXPECT_EQ(p.utc_instant, "2026-12-06T16:00:00Z");
}

TEST(TimeZone, NamesAreCheckedAgainstTheDatabase) {
  EXPECT_TRUE(known_time_zone("Europe/London"));
  EXPECT_TRUE(known_time_zone("America/Argentina/Buenos_Aires"));
  EXPECT_TRUE(known_time_zone("UTC"));
  EXPECT_FALSE(known_time_zone("Mars/Olympus_Mons"));
  EXPECT_FALSE(known_time_zone("europe/london"));  // the database's names are case-sensitive
  EXPECT_FALSE(known_time_zone("../../etc/passwd"));
  EXPECT_FALSE(known_time_zone(""));
  try {
    require_time_zone("Mars/Olympus_Mons", "--tz");
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].field, "--tz");
    EXPECT_NE(e.errors()[0].message.find("Mars/Olympus_Mons"), std::string::npos);
    EXPECT_NE(e.errors()[0].message.find("Europe/London"), std::string::npos);
  }
  EXPECT_THROW(to_local("2026-12-07 06:35", "UTC"), ValidationError);
  EXPECT_THROW(to_local("2026-13-07T06:35:00Z", "UTC"), ValidationError);
  EXPECT_THROW(to_local("2026-12-07T24:00:00Z", "UTC"), ValidationError);
}

TEST(TimeZone, TheMachineZoneComesFromTz) {
  {
    const ScopedEnv tz("TZ", "America/Los_Angeles");
    EXPECT_EQ(machine_time_zone("--tz"), "America/Los_Angeles");
    EXPECT_EQ(effective_time_zone(""), "America/Los_Angeles");
    EXPECT_EQ(effective_time_zone("Europe/London"), "Europe/London");
  }
  {
    const ScopedEnv tz("TZ", ":Europe/London");
    EXPECT_EQ(machine_time_zone("--tz"), "Europe/London");
  }
  {
    const ScopedEnv tz("TZ", "Nowhere/Special");
    try {
      machine_time_zone("--tz");
      FAIL() << "expected ValidationError";
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.errors()[0].field, "--tz");
      EXPECT_NE(e.errors()[0].message.find("TZ=Nowhere/Special"), std::string::npos);
    }
  }
}

TEST(Clock, PinnedNowIsSeenInThePersonsZone) {
  const ScopedEnv now("TAPERLAB_NOW", "2026-12-07T06:35:00Z");
  {
    const ScopedEnv today("TAPERLAB_TODAY", nullptr);
    EXPECT_EQ(local_now("America/Los_Angeles").date, day("2026-12-06"));
    EXPECT_EQ(local_now("Europe/London").date, day("2026-12-07"));
    EXPECT_EQ(local_now("America/Los_Angeles").rfc3339(), "2026-12-06T22:35:00-08:00");
  }
  {
    // TAPERLAB_TODAY pins the date for everyone; the time still follows the zone.
    const ScopedEnv today("TAPERLAB_TODAY", "2026-11-23");
    const LocalDateTime pinned = local_now("America/Los_Angeles");
    EXPECT_EQ(pinned.date, day("2026-11-23"));
    EXPECT_EQ(pinned.time, at("22:35"));
  }
}

}  // namespace
}  // namespace taperlab::io
