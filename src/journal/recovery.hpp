#pragma once

// The recovery phase of a journal (docs/tracking.md, "After the last dose"): from the day after the
// plan's last dose, Today counts days and weeks since it and asks a lighter check-in; status and
// the progress page set the person's recovery against their own pre-taper baseline and the model's
// adaptation-remaining curve with its band, and say plainly when symptoms persist or return
// beyond what the model expects.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/adapt/forecast.hpp"
#include "core/journal/recovery.hpp"
#include "journal/journal_context.hpp"
#include "journal/today.hpp"

namespace taperlab::journal {

// Sets today.phase; in recovery also today.recovery, and clears what belonged to the taper: the
// step (and next step), the pause (there is no dose left to hold) and a decision taken on or
// before the last dose (decisions about taper steps are not repeated). Called by build_today.
void apply_recovery_phase(store::Repository& repo, PersonId person, TodayView& today);

// The person's own pre-taper baseline: check-ins, questionnaires and memory/attention sessions
// from 4 weeks before the first plan version's start to the end of its first 2 weeks.
inline constexpr int kBaselineBeforeDays = 28;
inline constexpr int kBaselineFirstPlanDays = 14;
struct CognitiveValue {
  std::string test_id;
  std::string device;
  CivilDate date;
  double score = 0.0;
};
struct QuestionnaireValue {
  CivilDate date;
  int total = 0;
};
struct RecoveryMeasures {
  std::optional<double> symptom_share;  // mean of the check-ins' shares
  int check_ins = 0;
  std::optional<QuestionnaireValue> phq9;
  std::optional<QuestionnaireValue> gad7;
  std::vector<CognitiveValue> cognition;  // one per test and device
};
struct RecoveryBaseline {
  CivilDate from;
  CivilDate to;
  // Baseline: the mean of the check-ins, the first PHQ-9 and GAD-7, and each test's last session
  // in the window (after the practice runs); "since the last dose": the mean of the check-ins
  // of the 28 days up to the latest one after the last dose (months without entries leave the
  // last ones), the latest PHQ-9 and GAD-7, and each test's latest session after the last dose.
  RecoveryMeasures baseline;
  RecoveryMeasures recovery;
};

// One day of the model's expectation: adaptation remaining and the symptom share, median and 80%
// band.
struct RecoveryCurveDay {
  CivilDate date;
  adapt::ForecastBand adaptation_remaining;
  adapt::ForecastBand symptom_share;
};

struct RecoveryView {
  RecoveryToday today;
  RecoveryBaseline baseline;
  bool personal_model = false;  // the person's fit (14+ days of check-ins), else the population
  int fit_observations = 0;
  std::vector<RecoveryCurveDay> curve;  // from the last dose to 12 months after it (or to today)
  std::optional<adapt::ForecastBand> adaptation_remaining_today;
  std::optional<double> expected_share_high;  // the band's upper end, mean of the last 7 days
  std::vector<RecoveryConcern> concerns;
};

// Months of curve after the last dose: the slow adaptation pool takes most of a year to unwind
// (half-time 60 d: docs/model.md section 3); at least 12 weeks past `date`.
inline constexpr int kRecoveryCurveDays = 365;

// Nullopt unless the journal is in recovery on `date`.
std::optional<RecoveryView> build_recovery(const JournalContext& ctx, const Person& person,
                                           CivilDate date);

nlohmann::json to_json(const RecoveryView& view);
nlohmann::json to_json(const RecoveryToday& today);

}  // namespace taperlab::journal
