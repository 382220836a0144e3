#include "core/insight/recovery_trends.hpp"

#include "core/base/error.hpp"

namespace taperlab::insight {
namespace {

template <typename T>
std::vector<DatedValue> daily(const InsightInput& input, std::optional<T> InsightDay::*field,
                              CivilDate from, CivilDate to, double scale = 1.0) {
  std::vector<DatedValue> out;
  for (const auto& d : input.days) {
    if (d.date < from || to < d.date || !(d.*field)) continue;
    out.push_back({d.date, scale * static_cast<double>(*(d.*field))});
  }
  return out;
}

std::vector<DatedValue> answers(const InsightInput& input, const char* instrument, CivilDate from,
                                CivilDate to) {
  std::vector<DatedValue> out;
  for (const auto& q : input.questionnaires) {
    if (q.instrument_id != instrument || q.date < from || to < q.date) continue;
    out.push_back({q.date, static_cast<double>(q.total)});
  }
  return out;
}

}  // namespace

RecoveryTrends recovery_trends(const InsightInput& input, CivilDate from, CivilDate to) {
  if (to < from)
    throw ValidationError("recovery.to", "must not be before the day after the last dose");
  RecoveryTrends out;
  out.from = from;
  out.to = to;
  // The whole phase is the window: no cuts happen in it.
  const TrendOptions daily_options{std::nullopt, kTrendMinPoints, true};
  const TrendOptions sparse_options{std::nullopt, kTrendMinPoints, false};
  const auto add = [&](TrendMeasure m, std::vector<DatedValue> series, const TrendOptions& o) {
    out.trends.push_back(compute_trend(m, std::move(series), from, to, o, {}));
  };
  add(TrendMeasure::kSymptoms, daily(input, &InsightDay::symptom_share, from, to, 100.0),
      daily_options);
  add(TrendMeasure::kSleepQuality, daily(input, &InsightDay::sleep_quality, from, to),
      daily_options);
  add(TrendMeasure::kMood, daily(input, &InsightDay::mood, from, to), daily_options);
  add(TrendMeasure::kPhq9, answers(input, "phq9", from, to), sparse_options);
  add(TrendMeasure::kGad7, answers(input, "gad7", from, to), sparse_options);
  return out;
}

}  // namespace taperlab::insight
