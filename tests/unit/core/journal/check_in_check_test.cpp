#include "core/journal/check_in_check.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/journal/records_json.hpp"

namespace taperlab {
namespace {

CheckIn complete_check_in() {
  CheckIn c;
  c.id = 7;
  c.person_id = 3;
  c.date = parse_civil_date("2026-11-20", "test");
  c.symptoms = {{"anxiety", 2}, {"insomnia", 4}, {"tremor", 0}};
  c.sleep.bedtime = TimeOfDay{23 * 60 + 30};
  c.sleep.minutes_to_fall_asleep = 45;
  c.sleep.awakenings = 3;
  c.sleep.wake_time = TimeOfDay{6 * 60 + 15};
  c.sleep.quality = 4;
  c.habits.exercise_minutes = 30;
  c.habits.exercise_kind = "walk";
  c.habits.regular_meals = true;
  c.habits.caffeine_drinks = 2;
  c.habits.alcohol_units = 1.5;
  c.habits.relaxation_minutes = 10;
  c.habits.therapy_session = false;
  c.habits.social_contact = true;
  c.mood = 5;
  c.red_flags = {RedFlag::kConfusion, RedFlag::kSelfHarmThoughts};
  c.notes = "a hard day";
  c.recorded_at = "2026-11-20T20:00:00Z";
  return c;
}

std::vector<std::string> fields(std::vector<FieldError> errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  std::sort(out.begin(), out.end());
  return out;
}

// The fields that the JSON reader names for `c`, as the store once checked it (through a JSON
// tree). The writer writes text, where a number that is not finite is null; the tree held the
// number itself, which the reader refuses: put back as it was.
std::vector<std::string> round_trip_fields(const CheckIn& c) {
  try {
    nlohmann::json doc = nlohmann::json::parse(check_in_json_text(c));
    if (c.habits.alcohol_units && !std::isfinite(*c.habits.alcohol_units)) {
      doc["habits"]["alcohol_units"] = *c.habits.alcohol_units;
    }
    parse_check_in(doc);
  } catch (const ValidationError& e) {
    return fields(e.errors());
  }
  return {};
}

struct Case {
  const char* name;
  std::function<void(CheckIn&)> change;
};

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInfinity = std::numeric_limits<double>::infinity();

// Each bound from both sides, and the values at the bounds.
const std::vector<Case> kCases = {
    {"unchanged", [](CheckIn&) {}},
    {"negative id", [](CheckIn& c) { c.id = -1; }},
    {"negative person", [](CheckIn& c) { c.person_id = -5; }},
    {"year 1969", [](CheckIn& c) { c.date = parse_civil_date("1970-01-01", "t").plus_days(-1); }},
    {"year 1970", [](CheckIn& c) { c.date = parse_civil_date("1970-01-01", "t"); }},
    {"year 2200", [](CheckIn& c) { c.date = parse_civil_date("2200-12-31", "t"); }},
    {"year 2201", [](CheckIn& c) { c.date = parse_civil_date("2200-12-31", "t").plus_days(1); }},
    {"year 12000", [](CheckIn& c) { c.date = CivilDate{}.plus_days(3'700'000); }},
    {"rating -1", [](CheckIn& c) { c.symptoms["anxiety"] = -1; }},
    {"rating 4", [](CheckIn& c) { c.symptoms["anxiety"] = 4; }},
    {"rating 5", [](CheckIn& c) { c.symptoms["tremor"] = 5; }},
    {"empty item", [](CheckIn& c) { c.symptoms[""] = 1; }},
    {"no symptoms", [](CheckIn& c) { c.symptoms.clear(); }},
    {"bedtime 00:00", [](CheckIn& c) { c.sleep.bedtime = TimeOfDay{0}; }},
    {"bedtime 23:59", [](CheckIn& c) { c.sleep.bedtime = TimeOfDay{1439}; }},
    {"bedtime 24:00", [](CheckIn& c) { c.sleep.bedtime = TimeOfDay{1440}; }},
    {"bedtime -1", [](CheckIn& c) { c.sleep.bedtime = TimeOfDay{-1}; }},
    {"wake 100:00", [](CheckIn& c) { c.sleep.wake_time = TimeOfDay{6000}; }},
    {"latency 720", [](CheckIn& c) { c.sleep.minutes_to_fall_asleep = 720; }},
    {"latency 721", [](CheckIn& c) { c.sleep.minutes_to_fall_asleep = 721; }},
    {"latency -1", [](CheckIn& c) { c.sleep.minutes_to_fall_asleep = -1; }},
    {"awakenings 50", [](CheckIn& c) { c.sleep.awakenings = 50; }},
    {"awakenings 51", [](CheckIn& c) { c.sleep.awakenings = 51; }},
    {"quality 0", [](CheckIn& c) { c.sleep.quality = 0; }},
    {"quality 11", [](CheckIn& c) { c.sleep.quality = 11; }},
    {"quality -1", [](CheckIn& c) { c.sleep.quality = -1; }},
    {"exercise 1440", [](CheckIn& c) { c.habits.exercise_minutes = 1440; }},
    {"exercise 1441", [](CheckIn& c) { c.habits.exercise_minutes = 1441; }},
    {"caffeine 51", [](CheckIn& c) { c.habits.caffeine_drinks = 51; }},
    {"alcohol 0", [](CheckIn& c) { c.habits.alcohol_units = 0.0; }},
    {"alcohol 100", [](CheckIn& c) { c.habits.alcohol_units = 100.0; }},
    {"alcohol 100.01", [](CheckIn& c) { c.habits.alcohol_units = 100.01; }},
    {"alcohol -0.5", [](CheckIn& c) { c.habits.alcohol_units = -0.5; }},
    {"alcohol NaN", [](CheckIn& c) { c.habits.alcohol_units = kNaN; }},
    {"alcohol inf", [](CheckIn& c) { c.habits.alcohol_units = kInfinity; }},
    {"relaxation -5", [](CheckIn& c) { c.habits.relaxation_minutes = -5; }},
    {"mood 10", [](CheckIn& c) { c.mood = 10; }},
    {"mood 11", [](CheckIn& c) { c.mood = 11; }},
    {"nothing optional",
     [](CheckIn& c) {
       c.sleep = {};
       c.habits = {};
       c.mood.reset();
       c.red_flags.clear();
     }},
    {"flag twice",
     [](CheckIn& c) {
       c.red_flags = {RedFlag::kSeizure, RedFlag::kConfusion, RedFlag::kSeizure};
     }},
    {"everything wrong at once",
     [](CheckIn& c) {
       c.id = -1;
       c.symptoms["anxiety"] = 9;
       c.sleep.quality = 12;
       c.sleep.wake_time = TimeOfDay{-30};
       c.habits.caffeine_drinks = -1;
       c.habits.alcohol_units = kNaN;
       c.mood = -3;
       c.red_flags = {RedFlag::kConfusion, RedFlag::kConfusion};
     }},
};

TEST(CheckInCheck, NamesTheSameFieldsAsTheJsonReader) {
  for (const auto& test : kCases) {
    CheckIn c = complete_check_in();
    test.change(c);
    EXPECT_EQ(fields(check_in_problems(c)), round_trip_fields(c)) << test.name;
  }
}

TEST(CheckInCheck, AcceptsBoundsAndRefusesWhatLiesBeyond) {
  int accepted = 0;
  int refused = 0;
  for (const auto& test : kCases) {
    CheckIn c = complete_check_in();
    test.change(c);
    (check_in_problems(c).empty() ? accepted : refused) += 1;
  }
  // Agreement alone would pass if both accepted everything.
  EXPECT_EQ(accepted, 15);
  EXPECT_EQ(refused, 26);
}

TEST(CheckInCheck, ReportsEveryProblemUnderThePrefix) {
  CheckIn c = complete_check_in();
  c.sleep.quality = 12;
  c.habits.alcohol_units = kNaN;
  c.red_flags = {RedFlag::kSeizure, RedFlag::kSeizure};
  try {
    require_valid(c, "check_ins[4]");
    FAIL() << "expected a ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(fields(e.errors()), (std::vector<std::string>{"check_ins[4].habits.alcohol_units",
                                                            "check_ins[4].red_flags[1]",
                                                            "check_ins[4].sleep.quality"}));
    for (const auto& fe : e.errors()) {
      if (fe.field == "check_ins[4].sleep.quality") {
        EXPECT_EQ(fe.message, "must be a whole number from 0 to 10, was 12");
      }
      if (fe.field == "check_ins[4].red_flags[1]") {
        EXPECT_EQ(fe.message, "'seizure' is listed twice");
      }
    }
  }
  EXPECT_NO_THROW(require_valid(complete_check_in()));
}

}  // namespace
}  // namespace taperlab
