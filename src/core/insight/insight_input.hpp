#pragma once

// What `taperlab insights` analyses, gathered by the caller from the journal: one entry per day
// (from its check-in and the dose line), questionnaire totals and memory/attention test scores.
// Plain data; every field a person may leave out is optional, and a missing value is never read
// as zero.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/civil_date.hpp"
#include "core/journal/records.hpp"
#include "core/journal/symptom_answers.hpp"

namespace taperlab::insight {

// The checklist's most severe rating per item ("very severe", docs/tracking.md).
inline constexpr int kMaxSymptomRating = kSymptomItemMax;

struct InsightDay {
  CivilDate date;
  // 0..1: the answered items' sum over their maximum; absent without a check-in or with fewer
  // than kMinAnsweredSymptoms answered (symptom_answers.hpp: missing is not zero).
  std::optional<double> symptom_share;
  int symptoms_answered = 0;         // checklist items answered that day
  std::optional<int> sleep_quality;  // 0..10
  std::optional<int> sleep_minutes;  // from falling asleep to waking; see total_sleep_minutes
  std::optional<int> awakenings;
  std::optional<int> mood;                       // 0 (very low) .. 10 (very good)
  Habits habits;                                 // that day's habits, all optional
  std::optional<double> diazepam_equivalent_mg;  // the daily dose in force that day (dose line)
  bool cut = false;  // a cut took effect on this day: its dose is the first of the new step
};

struct QuestionnaireTotal {
  CivilDate date;
  std::string instrument_id;  // "phq9", "gad7"; others are ignored
  int total = 0;
};

// One session of a memory/attention test, reduced to the test's main score by the caller (e.g.
// longest span, d', number correct). Scores are compared only within the same test and device.
struct CognitiveScore {
  CivilDate date;
  std::string test_id;
  std::string device;
  double score = 0.0;
};

struct InsightInput {
  std::vector<InsightDay> days;  // at most one per date, in any order
  std::vector<QuestionnaireTotal> questionnaires;
  std::vector<CognitiveScore> cognitive;
};

// The answered items' sum as a share of their maximum (kMaxSymptomRating per answered item);
// absent when fewer than kMinAnsweredSymptoms items are answered.
std::optional<double> symptom_share(const std::map<std::string, int>& symptoms);

// Minutes from falling asleep to waking: wake time - bedtime (across midnight) - time to fall
// asleep. Night awakenings are not subtracted (the diary has their number, not their length).
// Absent unless bedtime, wake time and time to fall asleep are all given, or when bedtime equals
// wake time (0 or 24 hours?) or falling asleep took longer than the time in bed.
std::optional<int> total_sleep_minutes(const SleepDiary& sleep);

// A day's entry from its check-in; the dose and cut come from the dose line and are left unset.
InsightDay insight_day(const CheckIn& check_in);

// Throws ValidationError naming each bad field: two entries for one date, or a value outside its
// range (symptom share 0..1, sleep quality and mood 0..10, sleep 0..1440 minutes, awakenings and
// doses not negative, questionnaire totals not negative, scores finite).
void validate(const InsightInput& input);

}  // namespace taperlab::insight
