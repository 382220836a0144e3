#pragma once

// Life after the last dose (docs/tracking.md, "After the last dose"): when the plan's last dose
// was, which phase the journal is in, which symptoms remain, which monthly check-ups are due, and
// when the app should say plainly that symptoms persist or return beyond what the model expects.
// Pure: the journal gathers the records and the model's band, these rules read them.

#include <optional>
#include <string>
#include <vector>

#include "core/base/civil_date.hpp"
#include "core/journal/plan_view.hpp"
#include "core/journal/records.hpp"

namespace taperlab {

enum class JournalPhase {
  kNoPlan,      // no plan saved: the regimen is shown
  kBeforePlan,  // a plan is saved to start later
  kTaper,     // a plan is in force and doses are planned (also a plan ending on a maintenance dose)
  kRecovery,  // from the day after the plan's last planned dose
};
const char* to_string(JournalPhase phase);  // "no-plan", "before-plan", "taper", "recovery"

// The last day with a planned dose: the day before the plan's final step when that step plans no
// dose (a stop). None when the plan ends on a maintenance dose.
std::optional<CivilDate> last_planned_dose_date(const PlanView& view);

// True when `step` (the step in force on a date) is the final, dose-free step of `view`: from its
// first day, which is the day after the last dose, the journal is in recovery.
bool is_recovery_step(const PlanView& view, const PlanStepView& step);

// Whole days and whole weeks from the last dose to `date` (the day after the last dose is day 1).
struct RecoveryClock {
  CivilDate last_dose;
  int days_since = 0;
  int weeks_since = 0;
};
RecoveryClock recovery_clock(CivilDate last_dose, CivilDate date);

// The symptoms the lighter recovery check-in asks about: checklist items rated above 0 in any
// check-in from 4 weeks before the last dose (the last 4 weeks of the taper) through `date`, in
// item-id order. Empty when none is known: the check-in then shows every item.
inline constexpr int kRemainingSymptomWindowDays = 28;
std::vector<std::string> remaining_symptoms(const std::vector<CheckIn>& check_ins,
                                            CivilDate last_dose, CivilDate date);

// Monthly check-ups in recovery (docs/tracking.md: memory and attention every 4 weeks; PHQ-9 and
// GAD-7 every 2 weeks during the taper, every 4 weeks in recovery: assumed, to keep the lighter
// rhythm of the phase): each is due when none was done in the last 28 days (`date` included).
inline constexpr int kRecoveryCheckupDays = 28;
struct RecoveryCheckups {
  std::optional<CivilDate> last_phq9;
  std::optional<CivilDate> last_gad7;
  std::optional<CivilDate> last_cognition;  // any memory/attention test
  bool phq9_due = false;
  bool gad7_due = false;
  bool cognition_due = false;
};
RecoveryCheckups recovery_checkups(const std::vector<QuestionnaireResponse>& questionnaires,
                                   const std::vector<CognitiveSession>& sessions, CivilDate date);

// What Today shows in recovery.
struct RecoveryToday {
  RecoveryClock clock;
  std::vector<std::string> remaining_symptoms;  // remaining_symptoms(); empty: ask every item
  RecoveryCheckups checkups;
};

// What the persistence rule reads: the recovery phase's daily symptom shares (0..1, any order),
// the model's expected symptom share over the last 7 days (the upper end of its band), and the
// latest PHQ-9 and GAD-7 totals answered after the last dose.
struct RecoverySymptomDay {
  CivilDate date;
  double symptom_share = 0.0;
};
struct PersistenceInput {
  RecoveryClock clock;
  std::vector<RecoverySymptomDay> days;  // after the last dose only; others are ignored
  std::optional<double> expected_share_high;
  std::optional<int> latest_phq9;
  std::optional<int> latest_gad7;
};

// The thresholds, each marked as published or assumed.
// Symptoms are judged only 4 weeks after the last dose: acute withdrawal after a gradual taper
// fades over about 4 weeks (Busto 1986, NEJM 315:854; published), so earlier symptoms are expected.
inline constexpr int kPersistenceFromDays = 28;
// A 7-day mean needs at least 3 check-ins (the status trend's rule; assumed).
inline constexpr int kPersistenceMinCheckIns = 3;
// "Returning": the last 7-day mean this far above the lowest 7-day mean since the last dose:
// about four item-points on the 22-item checklist, the trend margin (assumed).
inline constexpr double kReturnMargin = 0.05;
// PHQ-9 >= 10 (moderate depression; Kroenke 2001, J Gen Intern Med 16:606; published cut-off)
// and GAD-7 >= 10 (moderate anxiety; Spitzer 2006, Arch Intern Med 166:1092; published cut-off).
inline constexpr int kPhq9Concern = 10;
inline constexpr int kGad7Concern = 10;

struct RecoveryConcern {
  std::string kind;  // "persisting", "returning", "low-mood", "anxiety"
  std::string message;
};

// Each concern that holds, in this order: persisting (the last 7-day mean above the model's
// expected band, 4+ weeks after the last dose), returning (the last 7-day mean kReturnMargin above
// the lowest 7-day mean since the last dose, 4+ weeks after it), low mood (PHQ-9 >= 10), anxiety
// (GAD-7 >= 10). Each message says what was seen; kRecoveryHelpText, shown once after them,
// suggests professional help and never a return to the drug by itself (protracted withdrawal:
// Ashton 1991, J Subst Abuse Treat 8:19; Ashton Manual 2002, ch. III).
std::vector<RecoveryConcern> recovery_concerns(const PersistenceInput& input);

// What to do about any concern, said once after them (the CLI and the web app show it).
extern const char* const kRecoveryHelpText;

}  // namespace taperlab
