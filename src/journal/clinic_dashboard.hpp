#pragma once

// A clinician's dashboard (docs/tracking.md, clinicians): one row per linked person, the ones
// that need attention first. Each row is computed from what the person's own pages compute
// (today.hpp, status.hpp's symptom trend, the stored decisions and questionnaires), with a
// handful of reads per person and no simulation, so that 200 people stay well inside a page load.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/journal/recovery.hpp"
#include "journal/status.hpp"
#include "store/repository.hpp"

namespace taperlab::journal {

// Why a row is where it is, most pressing first; a row sits in its most pressing group.
enum class Attention {
  kUrgent,          // a red flag, an urgent decision, or PHQ-9 item 9 above 0
  kReview,          // a hold or slow-down the system made, waiting for the clinician
  kCheckInsMissed,  // no check-in today or on the 2 days before
  kDosesNotLogged,  // a planned dose of the last 2 full days with nothing logged
  kOnTrack,
};
const char* to_string(Attention a);  // "urgent", "review", "check-ins-missed", ...

struct DashboardScore {
  CivilDate date;
  int total = 0;
  std::string band;
};

struct DashboardDose {
  std::string drug_id;
  double daily_mg = 0.0;
};

struct DashboardRow {
  PersonId person_id = 0;
  std::string name;
  CivilDate date;  // the person's own today
  Attention attention = Attention::kOnTrack;
  // Every reason that applies, most pressing first: "red-flag", "urgent-decision", "phq9-item9",
  // "review-waiting", "check-ins-missed", "doses-not-logged".
  std::vector<std::string> reasons;
  JournalPhase phase = JournalPhase::kNoPlan;
  bool paused = false;
  std::optional<int> step;  // the step in force and the plan's number of steps
  int steps_total = 0;
  int days_on_step = 0;
  std::vector<DashboardDose> doses;     // the daily amounts in force (plan step, else regimen)
  double diazepam_equivalent_mg = 0.0;  // of the step in force; 0 without a plan
  SymptomTrend trend;
  std::optional<CivilDate> last_check_in;
  std::optional<DashboardScore> phq9;
  std::optional<DashboardScore> gad7;
  // Planned doses of the 7 full days before today and what was logged against them.
  int doses_planned = 0;
  int doses_taken = 0;  // taken, as planned or in another amount
  int doses_missed = 0;
  std::optional<double> adherence;            // taken / planned; none when nothing was planned
  std::vector<RecordId> decisions_to_review;  // holds and slow-downs without a review
  std::optional<Decision> latest_decision;
};

// The rows of `clinician`'s linked people, urgent first, then by name and id. `today_of` gives
// each person's own date (their time zone). Reads only: the caller audits the views.
std::vector<DashboardRow> clinic_dashboard(store::Repository& repo, UserId clinician,
                                           const std::function<CivilDate(const Person&)>& today_of);

// One person's row (the same rules, for one linked person).
DashboardRow dashboard_row(store::Repository& repo, const Person& person, CivilDate date);

nlohmann::json to_json(const DashboardRow& row);

}  // namespace taperlab::journal
