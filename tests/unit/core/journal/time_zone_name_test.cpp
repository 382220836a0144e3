#include "core/journal/time_zone_name.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "core/base/error.hpp"
#include "core/journal/records_json.hpp"

namespace taperlab {
namespace {

TEST(TimeZoneName, IanaShapesPass) {
  for (const char* name : {"UTC", "Europe/London", "America/Argentina/Buenos_Aires", "Etc/GMT+5",
                           "Etc/GMT-14", "America/Port-au-Prince"}) {
    EXPECT_TRUE(plausible_time_zone_name(name)) << name;
  }
}

TEST(TimeZoneName, PathsAndOddTextFail) {
  for (const char* name :
       {"", "/etc/passwd", "Europe//London", "Europe/London/", "../UTC", "Europe/./London",
        "Europe/London ", "Europe\\London", "Europe/Lon:don", "Europe/Lond\xc3\xb6n"}) {
    EXPECT_FALSE(plausible_time_zone_name(name)) << name;
  }
  EXPECT_FALSE(plausible_time_zone_name(std::string(65, 'A')));
  EXPECT_TRUE(plausible_time_zone_name(std::string(64, 'A')));
}

TEST(TimeZoneName, PersonAndDoseJsonKeepTheClock) {
  Person p;
  p.id = 3;
  p.created_on = parse_civil_date("2026-12-06", "date");
  p.time_zone = "America/Los_Angeles";
  const Person back = parse_person(to_json(p));
  EXPECT_EQ(back.time_zone, "America/Los_Angeles");
  // An export from before time zones has none: not chosen.
  nlohmann::json old = to_json(p);
  old.erase("time_zone");
  EXPECT_EQ(parse_person(old).time_zone, "");
  old["time_zone"] = "../../etc/passwd";
  try {
    parse_person(old);
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.errors()[0].field, "person.time_zone");
  }

  DoseLogEntry d;
  d.person_id = 3;
  d.date = p.created_on;
  d.drug_id = "clonazepam";
  d.dose_mg = 0.5;
  d.time = parse_time_of_day("06:18", "time");
  d.planned_time = parse_time_of_day("20:00", "time");
  d.recorded_at = "2026-12-06T14:18:07Z";
  d.confirmed_at = "2026-12-06T06:18:07-08:00";
  const DoseLogEntry dose = parse_dose_log_entry(to_json(d));
  EXPECT_EQ(dose.confirmed_at, "2026-12-06T06:18:07-08:00");
  EXPECT_EQ(dose.time, d.time);
}

}  // namespace
}  // namespace taperlab
