#pragma once

// A clinician's dashboard (docs/tracking.md, clinicians): one row per linked person, the ones
// that need attention first. Each row is computed from what the person's own pages compute
// (today.hpp, status.hpp's symptom trend, the stored decisions and questionnaires), with a
// handful of reads per person and no simulation, so that 200 people stay well inside a page load.

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
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

// A row and its JSON text (to_json(row), compact), made once and shared: a dashboard answer is
// the kept texts joined, not 200 rows turned into JSON again on every load.
struct DashboardEntry {
  DashboardRow row;
  std::string json_text;
};

// Rows kept between loads (one per server, server_context.hpp): a row is used again only while
// its person's journal_version (migration 0004) and date are the ones it was computed at, so a
// dose, check-in, review or profile change from any process recomputes it. Thread-safe.
class DashboardRowMemo {
 public:
  struct Kept {
    std::int64_t journal_version = 0;
    std::string time_zone;
    std::shared_ptr<const DashboardEntry> entry;
  };
  explicit DashboardRowMemo(std::size_t capacity = 20000) : capacity_(capacity) {}
  [[nodiscard]] std::optional<Kept> find(PersonId person, std::int64_t journal_version) const;
  void keep(PersonId person, Kept kept);

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<PersonId, Kept> entries_;
};

// The rows of `clinician`'s linked people, urgent first, then by name and id. `today_in` gives
// the date now in a person's time zone. Reads only: the caller audits the views. `memo` may be
// null.
std::vector<std::shared_ptr<const DashboardEntry>> clinic_dashboard_entries(
    store::Repository& repo, UserId clinician,
    const std::function<CivilDate(const std::string& time_zone)>& today_in,
    DashboardRowMemo* memo = nullptr);
// The same rows without their texts.
std::vector<DashboardRow> clinic_dashboard(
    store::Repository& repo, UserId clinician,
    const std::function<CivilDate(const std::string& time_zone)>& today_in,
    DashboardRowMemo* memo = nullptr);

// A dashboard row's JSON text, as ApiResponse::json writes a document.
std::string json_text(const DashboardRow& row);

// One person's row (the same rules, for one linked person).
DashboardRow dashboard_row(store::Repository& repo, const Person& person, CivilDate date);

nlohmann::json to_json(const DashboardRow& row);

}  // namespace taperlab::journal
