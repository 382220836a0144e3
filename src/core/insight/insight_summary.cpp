#include "core/insight/insight_summary.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace taperlab::insight {
namespace {

std::pair<CivilDate, CivilDate> period_of(const InsightInput& input) {
  std::vector<CivilDate> dates;
  for (const auto& d : input.days) dates.push_back(d.date);
  for (const auto& q : input.questionnaires) dates.push_back(q.date);
  for (const auto& c : input.cognitive) dates.push_back(c.date);
  const auto [lo, hi] = std::minmax_element(dates.begin(), dates.end());
  return {*lo, *hi};
}

std::vector<CutMark> cut_marks(const std::vector<InsightDay>& sorted_days) {
  std::map<CivilDate, double> dose;
  for (const auto& d : sorted_days) {
    if (d.diazepam_equivalent_mg) dose[d.date] = *d.diazepam_equivalent_mg;
  }
  auto dose_on = [&](CivilDate date) -> std::optional<double> {
    const auto it = dose.find(date);
    if (it == dose.end()) return std::nullopt;
    return it->second;
  };
  std::vector<CutMark> cuts;
  for (const auto& d : sorted_days) {
    if (d.cut) cuts.push_back({d.date, dose_on(d.date.plus_days(-1)), dose_on(d.date)});
  }
  return cuts;
}

template <typename T>
std::vector<DatedValue> daily_series(const std::vector<InsightDay>& days,
                                     std::optional<T> InsightDay::*field, double scale = 1.0) {
  std::vector<DatedValue> series;
  for (const auto& d : days) {
    if (d.*field) series.push_back({d.date, scale * static_cast<double>(*(d.*field))});
  }
  return series;
}

std::vector<DatedValue> questionnaire_series(const InsightInput& input, const char* instrument) {
  std::vector<DatedValue> series;
  for (const auto& q : input.questionnaires) {
    if (q.instrument_id == instrument) series.push_back({q.date, static_cast<double>(q.total)});
  }
  return series;
}

DoseLine dose_line_of(const std::vector<InsightDay>& sorted_days, const std::vector<CutMark>& cuts,
                      CivilDate from, CivilDate to) {
  DoseLine line;
  line.from = from;
  line.to = to;
  for (const auto& d : sorted_days) {
    if (d.date < from || d.date > to || !d.diazepam_equivalent_mg) continue;
    if (!line.first_mg) line.first_mg = d.diazepam_equivalent_mg;
    line.last_mg = d.diazepam_equivalent_mg;
  }
  for (const auto& c : cuts) {
    if (c.date >= from && c.date <= to) line.cuts.push_back(c);
  }
  line.cuts_in_period = static_cast<int>(cuts.size());
  return line;
}

}  // namespace

InsightSummary summarize_insights(const InsightInput& input) {
  validate(input);
  InsightSummary summary;
  if (input.days.empty() && input.questionnaires.empty() && input.cognitive.empty()) {
    return summary;
  }
  // Not a structured binding: clang 14 (the fuzz preset) cannot capture one in the lambda below.
  const auto period = period_of(input);
  const auto from = period.first;
  const auto to = period.second;
  summary.period_from = from;
  summary.period_to = to;

  std::vector<InsightDay> days = input.days;
  std::sort(days.begin(), days.end(),
            [](const InsightDay& a, const InsightDay& b) { return a.date < b.date; });
  const std::vector<CutMark> cuts = cut_marks(days);

  const TrendOptions daily{kDailyWindowDays, kTrendMinPoints, true};
  const TrendOptions questionnaire{kQuestionnaireWindowDays, kTrendMinPoints, false};
  const TrendOptions cognitive{std::nullopt, kCognitiveMinSessions, false};

  auto add = [&](TrendMeasure m, std::vector<DatedValue> series, const TrendOptions& options) {
    summary.trends.push_back(compute_trend(m, std::move(series), from, to, options, cuts));
  };
  add(TrendMeasure::kSymptoms, daily_series(days, &InsightDay::symptom_share, 100.0), daily);
  add(TrendMeasure::kSleepQuality, daily_series(days, &InsightDay::sleep_quality), daily);
  add(TrendMeasure::kSleepTime, daily_series(days, &InsightDay::sleep_minutes), daily);
  add(TrendMeasure::kAwakenings, daily_series(days, &InsightDay::awakenings), daily);
  add(TrendMeasure::kMood, daily_series(days, &InsightDay::mood), daily);
  add(TrendMeasure::kPhq9, questionnaire_series(input, "phq9"), questionnaire);
  add(TrendMeasure::kGad7, questionnaire_series(input, "gad7"), questionnaire);

  const Trend& symptoms = summary.trends.front();
  summary.dose_line = dose_line_of(days, cuts, symptoms.window_from, symptoms.window_to);

  std::map<std::pair<std::string, std::string>, std::vector<DatedValue>> sessions;
  for (const auto& c : input.cognitive)
    sessions[{c.test_id, c.device}].push_back({c.date, c.score});
  for (auto& [key, series] : sessions) {
    Trend t = compute_trend(TrendMeasure::kCognitive, std::move(series), from, to, cognitive, {});
    t.test_id = key.first;
    t.device = key.second;
    summary.cognition.push_back(std::move(t));
  }

  summary.habits = associate_habits(days);
  return summary;
}

}  // namespace taperlab::insight
