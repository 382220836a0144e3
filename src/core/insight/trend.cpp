#include "core/insight/trend.hpp"

#include <algorithm>

namespace taperlab::insight {

const char* to_string(TrendMeasure m) {
  switch (m) {
    case TrendMeasure::kSymptoms:
      return "symptoms";
    case TrendMeasure::kSleepQuality:
      return "sleep_quality";
    case TrendMeasure::kSleepTime:
      return "sleep_time";
    case TrendMeasure::kAwakenings:
      return "awakenings";
    case TrendMeasure::kMood:
      return "mood";
    case TrendMeasure::kPhq9:
      return "phq9";
    case TrendMeasure::kGad7:
      return "gad7";
    case TrendMeasure::kCognitive:
      return "cognitive";
  }
  return "";
}

const char* to_string(TrendDirection d) {
  switch (d) {
    case TrendDirection::kNotEnoughData:
      return "not_enough_data";
    case TrendDirection::kRising:
      return "rising";
    case TrendDirection::kFalling:
      return "falling";
    case TrendDirection::kNoClearChange:
      return "no_clear_change";
  }
  return "";
}

PeriodMean period_mean(std::span<const DatedValue> series, CivilDate from, CivilDate to) {
  PeriodMean m{from, to, 0, std::nullopt};
  double sum = 0.0;
  for (const DatedValue& v : series) {
    if (v.date < from || v.date > to) continue;
    sum += v.value;
    ++m.n;
  }
  if (m.n > 0) m.mean = sum / m.n;
  return m;
}

Trend compute_trend(TrendMeasure measure, std::vector<DatedValue> series, CivilDate period_from,
                    CivilDate period_to, const TrendOptions& options,
                    std::span<const CutMark> cuts) {
  std::stable_sort(series.begin(), series.end(),
                   [](const DatedValue& a, const DatedValue& b) { return a.date < b.date; });
  Trend trend;
  trend.measure = measure;
  trend.daily = options.daily;
  trend.min_points = options.min_points;
  trend.window_to = period_to;
  trend.window_from = period_from;
  if (options.window_days) {
    trend.window_from = std::max(period_from, period_to.plus_days(1 - *options.window_days));
  }

  std::vector<double> weeks;
  std::vector<double> values;
  for (const DatedValue& v : series) {
    if (v.date < trend.window_from || v.date > trend.window_to) continue;
    weeks.push_back(trend.window_from.days_until(v.date) / 7.0);
    values.push_back(v.value);
  }
  trend.n = static_cast<int>(values.size());
  const bool distinct_days = !weeks.empty() && weeks.front() != weeks.back();
  if (trend.n >= std::max(3, options.min_points) && distinct_days) {
    trend.fit = fit_line(weeks, values);
    if (trend.fit->ci_low > 0.0) {
      trend.direction = TrendDirection::kRising;
    } else if (trend.fit->ci_high < 0.0) {
      trend.direction = TrendDirection::kFalling;
    } else {
      trend.direction = TrendDirection::kNoClearChange;
    }
  }

  if (options.daily) {
    trend.last_7_days = period_mean(series, period_to.plus_days(1 - kRecentDays), period_to);
    trend.previous_7_days = period_mean(series, period_to.plus_days(1 - 2 * kRecentDays),
                                        period_to.plus_days(-kRecentDays));
    for (const CutMark& cut : cuts) {
      if (cut.date < trend.window_from || cut.date > trend.window_to) continue;
      trend.cuts.push_back(
          {cut, period_mean(series, cut.date.plus_days(-kCutDays), cut.date.plus_days(-1)),
           period_mean(series, cut.date, cut.date.plus_days(kCutDays - 1))});
    }
  } else {
    if (!series.empty()) trend.latest = series.back();
    if (series.size() >= 2) trend.previous = series[series.size() - 2];
  }
  return trend;
}

}  // namespace taperlab::insight
