#include "core/insight/insight_input.hpp"

#include <cmath>
#include <set>

#include "core/base/error.hpp"

namespace taperlab::insight {

std::optional<double> symptom_share(const std::map<std::string, int>& symptoms) {
  return symptom_answers(symptoms).counted_share();
}

std::optional<int> total_sleep_minutes(const SleepDiary& sleep) {
  if (!sleep.bedtime || !sleep.wake_time || !sleep.minutes_to_fall_asleep) return std::nullopt;
  constexpr int kDayMinutes = 24 * 60;
  const int in_bed =
      (sleep.wake_time->minutes - sleep.bedtime->minutes + kDayMinutes) % kDayMinutes;
  if (in_bed == 0) return std::nullopt;
  const int asleep = in_bed - *sleep.minutes_to_fall_asleep;
  if (asleep < 0) return std::nullopt;
  return asleep;
}

InsightDay insight_day(const CheckIn& check_in) {
  InsightDay day;
  day.date = check_in.date;
  const SymptomAnswers answers = symptom_answers(check_in.symptoms);
  day.symptom_share = answers.counted_share();
  day.symptoms_answered = answers.answered;
  day.sleep_quality = check_in.sleep.quality;
  day.sleep_minutes = total_sleep_minutes(check_in.sleep);
  day.awakenings = check_in.sleep.awakenings;
  day.mood = check_in.mood;
  day.habits = check_in.habits;
  return day;
}

void validate(const InsightInput& input) {
  std::vector<FieldError> errors;
  std::set<CivilDate> seen;
  for (const InsightDay& day : input.days) {
    const std::string at = "days[" + day.date.to_string() + "].";
    if (!seen.insert(day.date).second)
      errors.push_back({"days", "two entries for " + day.date.to_string()});
    if (day.symptom_share && !(*day.symptom_share >= 0.0 && *day.symptom_share <= 1.0)) {
      errors.push_back({at + "symptom_share", "must be between 0 and 1"});
    }
    if (day.sleep_quality && (*day.sleep_quality < 0 || *day.sleep_quality > 10)) {
      errors.push_back({at + "sleep_quality", "must be between 0 and 10"});
    }
    if (day.mood && (*day.mood < 0 || *day.mood > 10)) {
      errors.push_back({at + "mood", "must be between 0 and 10"});
    }
    if (day.sleep_minutes && (*day.sleep_minutes < 0 || *day.sleep_minutes > 24 * 60)) {
      errors.push_back({at + "sleep_minutes", "must be between 0 and 1440"});
    }
    if (day.awakenings && *day.awakenings < 0) {
      errors.push_back({at + "awakenings", "must not be negative"});
    }
    if (day.diazepam_equivalent_mg &&
        !(*day.diazepam_equivalent_mg >= 0.0 && std::isfinite(*day.diazepam_equivalent_mg))) {
      errors.push_back({at + "diazepam_equivalent_mg", "must be a dose of 0 mg or more"});
    }
  }
  for (const QuestionnaireTotal& q : input.questionnaires) {
    if (q.total < 0) {
      errors.push_back({"questionnaires[" + q.date.to_string() + "]." + q.instrument_id,
                        "total must not be negative"});
    }
  }
  for (const CognitiveScore& c : input.cognitive) {
    if (!std::isfinite(c.score)) {
      errors.push_back(
          {"cognitive[" + c.date.to_string() + "]." + c.test_id, "score must be a finite number"});
    }
  }
  if (!errors.empty()) throw ValidationError(std::move(errors));
}

}  // namespace taperlab::insight
