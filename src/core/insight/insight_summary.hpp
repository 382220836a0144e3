#pragma once

// Everything `taperlab insights` shows, computed from the journal in one pure call: the dose line
// with its cuts, a trend for each measure, memory/attention test trends when there are sessions,
// and habit associations. The report renders it as text or JSON.

#include <optional>
#include <vector>

#include "core/base/civil_date.hpp"
#include "core/insight/habit_association.hpp"
#include "core/insight/insight_input.hpp"
#include "core/insight/recovery_trends.hpp"
#include "core/insight/trend.hpp"

namespace taperlab::insight {

// The dose over the daily trends' window (the last 28 days of the period).
struct DoseLine {
  CivilDate from;
  CivilDate to;
  std::optional<double> first_mg;  // diazepam-equivalent mg/day on the first day with a dose
  std::optional<double> last_mg;   // ... and on the last
  std::vector<CutMark> cuts;       // cuts inside the window, oldest first
  int cuts_in_period = 0;          // cuts over the whole period
};

struct InsightSummary {
  // The first and last date of anything in the journal; absent when the input is empty (and then
  // nothing else is filled in).
  std::optional<CivilDate> period_from;
  std::optional<CivilDate> period_to;
  DoseLine dose_line;
  // Always one per measure, in this order: symptoms, sleep quality, sleep time, awakenings, mood
  // (the last 28 days), PHQ-9, GAD-7 (the last 12 weeks).
  std::vector<Trend> trends;
  // One per test and device with at least one session, over the whole period, sorted by test id
  // then device; empty when there are no memory/attention tests yet.
  std::vector<Trend> cognition;
  HabitAssociations habits;  // over the whole period
  // After the last dose: the trends over the recovery phase only (set by the journal, which knows
  // when the last dose was; absent during the taper).
  std::optional<RecoveryTrends> recovery;
};

// Validates the input (see validate) and computes the summary.
InsightSummary summarize_insights(const InsightInput& input);

}  // namespace taperlab::insight
