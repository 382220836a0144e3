#pragma once

// The trend of one measure (symptom score, sleep, mood, a questionnaire, a memory test) over a
// recent window: a least-squares slope per week with its 95% confidence interval, recent means,
// and the values around each cut so that the trend is read against the dose line.
//
// The wording rule lives here, not in the report: a trend is "rising" or "falling" only when the
// interval excludes zero; with too few values no slope is fitted at all.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/base/civil_date.hpp"
#include "core/insight/line_fit.hpp"

namespace taperlab::insight {

inline constexpr int kTrendMinPoints = 5;            // fewer: "not enough data yet"
inline constexpr int kCognitiveMinSessions = 3;      // memory tests run every 4 weeks
inline constexpr int kDailyWindowDays = 28;          // daily measures: the last 4 weeks
inline constexpr int kQuestionnaireWindowDays = 84;  // fortnightly answers: 28 days hold only 2-3
inline constexpr int kRecentDays = 7;                // last 7 days vs the 7 before
inline constexpr int kCutDays = 3;  // 3 days before a cut vs the first 3 on the new dose

enum class TrendMeasure {
  kSymptoms,      // checklist share as a score 0-100
  kSleepQuality,  // 0-10
  kSleepTime,     // minutes asleep
  kAwakenings,    // per night
  kMood,          // 0-10
  kPhq9,          // 0-27
  kGad7,          // 0-21
  kCognitive,     // a memory/attention test's own score
};
const char* to_string(TrendMeasure m);  // "symptoms", "sleep_quality", "sleep_time", ...

enum class TrendDirection { kNotEnoughData, kRising, kFalling, kNoClearChange };
const char* to_string(TrendDirection d);  // "not_enough_data", "rising", "falling", ...

struct DatedValue {
  CivilDate date;
  double value = 0.0;
};

// The mean of the values dated from..to (inclusive); absent when there are none.
struct PeriodMean {
  CivilDate from;
  CivilDate to;
  int n = 0;
  std::optional<double> mean;
};

// A cut on the dose line: the dose the day before and on the cut day (when known).
struct CutMark {
  CivilDate date;
  std::optional<double> dose_before_mg;  // diazepam-equivalent mg/day
  std::optional<double> dose_after_mg;
};

struct CutComparison {
  CutMark cut;
  PeriodMean before;  // the 3 days before the cut day
  PeriodMean after;   // the cut day and the 2 after: the first 3 days on the new dose
};

struct TrendOptions {
  std::optional<int> window_days;  // the last N days of the period; absent: the whole period
  int min_points = kTrendMinPoints;
  // Daily measures get 7-day means and cut windows; sparse ones (questionnaires, tests) get their
  // latest and previous value instead, as a 3-day window rarely holds one of them.
  bool daily = true;
};

struct Trend {
  TrendMeasure measure = TrendMeasure::kSymptoms;
  std::string test_id;  // kCognitive only
  std::string device;   // kCognitive only: scores are compared within one device
  bool daily = true;
  CivilDate window_from;  // the days the slope is fitted over
  CivilDate window_to;
  int n = 0;  // values in the window
  int min_points = kTrendMinPoints;
  std::optional<LineFit> fit;  // x in weeks, so slope and interval are per week
  TrendDirection direction = TrendDirection::kNotEnoughData;
  PeriodMean last_7_days;              // daily measures
  PeriodMean previous_7_days;          // daily measures
  std::optional<DatedValue> latest;    // sparse measures
  std::optional<DatedValue> previous;  // sparse measures: the value before the latest
  std::vector<CutComparison> cuts;     // daily measures: each cut inside the window, oldest first
};

// The trend of `series` (values in the measure's reporting unit, any order) over the period
// period_from..period_to, whose last `options.window_days` days form the window. `cuts` are the
// cuts of the dose line, oldest first; those inside the window are compared.
Trend compute_trend(TrendMeasure measure, std::vector<DatedValue> series, CivilDate period_from,
                    CivilDate period_to, const TrendOptions& options,
                    std::span<const CutMark> cuts);

// The mean of the values of `series` dated from..to.
PeriodMean period_mean(std::span<const DatedValue> series, CivilDate from, CivilDate to);

}  // namespace taperlab::insight
