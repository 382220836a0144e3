#include "core/journal/recovery.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace taperlab {
namespace {

// The mean share of the check-ins dated from..to, when there are at least
// kPersistenceMinCheckIns of them.
std::optional<double> window_mean(const std::vector<RecoverySymptomDay>& days, CivilDate from,
                                  CivilDate to) {
  double sum = 0.0;
  int n = 0;
  for (const auto& d : days) {
    if (d.date < from || to < d.date) continue;
    sum += d.symptom_share;
    ++n;
  }
  if (n < kPersistenceMinCheckIns) return std::nullopt;
  return sum / n;
}

std::string percent_text(double share) {
  return std::to_string(static_cast<int>(std::lround(share * 100.0))) + "%";
}

}  // namespace

const char* const kRecoveryHelpText =
    "Please talk to your doctor or a clinician who knows benzodiazepine withdrawal. Symptoms can "
    "last for months after stopping (protracted withdrawal) and low mood or anxiety after stopping "
    "can be treated; going back to the drug by itself is not the answer, so decide anything about "
    "medicines with your clinician. If you ever think of harming yourself, get help now: "
    "call your emergency number or a crisis line.";

const char* to_string(JournalPhase phase) {
  switch (phase) {
    case JournalPhase::kNoPlan:
      return "no-plan";
    case JournalPhase::kBeforePlan:
      return "before-plan";
    case JournalPhase::kTaper:
      return "taper";
    case JournalPhase::kRecovery:
      return "recovery";
  }
  return "taper";
}

std::optional<CivilDate> last_planned_dose_date(const PlanView& view) {
  if (view.steps.empty() || !view.steps.back().doses.empty()) return std::nullopt;
  return view.date_of(view.steps.back()).plus_days(-1);
}

bool is_recovery_step(const PlanView& view, const PlanStepView& step) {
  return !view.steps.empty() && view.steps.back().doses.empty() &&
         step.start_day == view.steps.back().start_day;
}

RecoveryClock recovery_clock(CivilDate last_dose, CivilDate date) {
  RecoveryClock clock;
  clock.last_dose = last_dose;
  clock.days_since = std::max(0, last_dose.days_until(date));
  clock.weeks_since = clock.days_since / 7;
  return clock;
}

std::vector<std::string> remaining_symptoms(const std::vector<CheckIn>& check_ins,
                                            CivilDate last_dose, CivilDate date) {
  const CivilDate from = last_dose.plus_days(-(kRemainingSymptomWindowDays - 1));
  std::set<std::string> items;
  for (const auto& c : check_ins) {
    if (c.date < from || date < c.date) continue;
    for (const auto& [item, rating] : c.symptoms) {
      if (rating > 0) items.insert(item);
    }
  }
  return {items.begin(), items.end()};
}

RecoveryCheckups recovery_checkups(const std::vector<QuestionnaireResponse>& questionnaires,
                                   const std::vector<CognitiveSession>& sessions, CivilDate date) {
  RecoveryCheckups out;
  const auto later = [&](std::optional<CivilDate>& last, CivilDate d) {
    if (d <= date && (!last || *last < d)) last = d;
  };
  for (const auto& q : questionnaires) {
    if (q.instrument_id == "phq9") later(out.last_phq9, q.date);
    if (q.instrument_id == "gad7") later(out.last_gad7, q.date);
  }
  for (const auto& s : sessions) later(out.last_cognition, s.date);
  const CivilDate from = date.plus_days(-(kRecoveryCheckupDays - 1));
  const auto due = [&](const std::optional<CivilDate>& last) { return !last || *last < from; };
  out.phq9_due = due(out.last_phq9);
  out.gad7_due = due(out.last_gad7);
  out.cognition_due = due(out.last_cognition);
  return out;
}

std::vector<RecoveryConcern> recovery_concerns(const PersistenceInput& input) {
  std::vector<RecoveryConcern> out;
  const CivilDate date = input.clock.last_dose.plus_days(input.clock.days_since);
  std::vector<RecoverySymptomDay> days;
  for (const auto& d : input.days) {
    if (input.clock.last_dose < d.date && d.date <= date) days.push_back(d);
  }
  const std::string weeks = std::to_string(input.clock.weeks_since);
  if (input.clock.days_since >= kPersistenceFromDays) {
    const auto last7 = window_mean(days, date.plus_days(-6), date);
    if (last7 && input.expected_share_high && *last7 > *input.expected_share_high) {
      out.push_back({"persisting",
                     "Your symptoms are persisting: " + weeks +
                         " weeks after your last dose, your symptom score over the last 7 days (" +
                         percent_text(*last7) + ") is above what the model expects by now (up to " +
                         percent_text(*input.expected_share_high) + ")."});
    }
    // The lowest 7-day mean since the last dose, over windows ending before the last 7 days.
    std::optional<double> lowest;
    for (CivilDate end = input.clock.last_dose.plus_days(7); end < date.plus_days(-6);
         end = end.plus_days(1)) {
      const auto m = window_mean(days, end.plus_days(-6), end);
      if (m && (!lowest || *m < *lowest)) lowest = m;
    }
    if (last7 && lowest && *last7 > *lowest + kReturnMargin) {
      out.push_back({"returning", "Your symptoms have come back: after falling to " +
                                      percent_text(*lowest) +
                                      " since your last dose, your symptom score over the last 7 "
                                      "days is " +
                                      percent_text(*last7) + "."});
    }
  }
  if (input.latest_phq9 && *input.latest_phq9 >= kPhq9Concern) {
    out.push_back({"low-mood", "Your latest PHQ-9 since stopping is " +
                                   std::to_string(*input.latest_phq9) +
                                   " (10 or more: moderate depression or worse)."});
  }
  if (input.latest_gad7 && *input.latest_gad7 >= kGad7Concern) {
    out.push_back({"anxiety", "Your latest GAD-7 since stopping is " +
                                  std::to_string(*input.latest_gad7) +
                                  " (10 or more: moderate anxiety or worse)."});
  }
  return out;
}

}  // namespace taperlab
