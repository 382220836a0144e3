#include "core/journal/check_in_check.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "core/base/text.hpp"

namespace taperlab {
namespace {

class Checker {
 public:
  Checker(const std::string& prefix, std::vector<FieldError>& problems)
      : prefix_(prefix), problems_(problems) {}

  void fail(const std::string& field, std::string message) {
    problems_.push_back({prefix_ + "." + field, std::move(message)});
  }

  void id(const char* field, std::int64_t value) {
    if (value < 0) fail(field, "must be 0 or more, was " + std::to_string(value));
  }

  void in(const std::string& field, const std::optional<int>& value, Range<int> range) {
    if (value && !range.contains(*value)) {
      fail(field, "must be a whole number from " + std::to_string(range.min) + " to " +
                      std::to_string(range.max) + ", was " + std::to_string(*value));
    }
  }

  void in(const char* field, const std::optional<double>& value, Range<double> range) {
    // NaN fails contains(): no comparison with it is true.
    if (value && !(std::isfinite(*value) && range.contains(*value))) {
      fail(field, "must be a number from " + format_decimal(range.min, 2) + " to " +
                      format_decimal(range.max, 2));
    }
  }

  void time(const char* field, const std::optional<TimeOfDay>& value) {
    if (value && (value->minutes < 0 || value->minutes >= 24 * 60)) {
      fail(field, "must be a time from 00:00 to 23:59");
    }
  }

 private:
  const std::string& prefix_;
  std::vector<FieldError>& problems_;
};

}  // namespace

std::vector<FieldError> check_in_problems(const CheckIn& c, const std::string& field_prefix) {
  std::vector<FieldError> problems;
  Checker check(field_prefix, problems);
  check.id("id", c.id);
  check.id("person_id", c.person_id);
  if (!c.date.supported()) {
    check.fail("date", "must be a date in the years " + std::to_string(kFirstYear) + " to " +
                           std::to_string(kLastYear));
  }
  for (const auto& [item, rating] : c.symptoms) {
    if (item.empty()) {
      check.fail("symptoms.", "a symptom needs a non-empty item id");
    } else {
      check.in("symptoms." + item, rating, kSymptomRating);
    }
  }
  check.time("sleep.bedtime", c.sleep.bedtime);
  check.in("sleep.minutes_to_fall_asleep", c.sleep.minutes_to_fall_asleep, kMinutesToFallAsleep);
  check.in("sleep.awakenings", c.sleep.awakenings, kAwakenings);
  check.time("sleep.wake_time", c.sleep.wake_time);
  check.in("sleep.quality", c.sleep.quality, kSleepQuality);
  check.in("habits.exercise_minutes", c.habits.exercise_minutes, kActivityMinutes);
  check.in("habits.caffeine_drinks", c.habits.caffeine_drinks, kCaffeineDrinks);
  check.in("habits.alcohol_units", c.habits.alcohol_units, kAlcoholUnits);
  check.in("habits.relaxation_minutes", c.habits.relaxation_minutes, kActivityMinutes);
  check.in("mood", c.mood, kMood);
  for (std::size_t i = 0; i < c.red_flags.size(); ++i) {
    const auto first = c.red_flags.begin();
    const auto here = first + static_cast<std::ptrdiff_t>(i);
    if (std::find(first, here, *here) != here) {
      check.fail("red_flags[" + std::to_string(i) + "]",
                 std::string("'") + to_string(*here) + "' is listed twice");
    }
  }
  return problems;
}

void require_valid(const CheckIn& check_in, const std::string& field_prefix) {
  auto problems = check_in_problems(check_in, field_prefix);
  if (!problems.empty()) throw ValidationError(std::move(problems));
}

}  // namespace taperlab
