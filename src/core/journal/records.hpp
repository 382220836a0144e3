#pragma once

// What a person's journal holds: the records the store keeps and the CLI/server exchange.
// Plain data with no behaviour; validation and JSON live in records_json.hpp. Timestamps
// (`recorded_at`) are set at the edges (the core has no clock): ISO 8601 UTC, e.g.
// "2026-11-23T08:01:02Z".

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/civil_date.hpp"
#include "core/base/json_value.hpp"
#include "core/dosing/regimen.hpp"
#include "core/person/profile.hpp"

namespace taperlab {

using PersonId = std::int64_t;
using RecordId = std::int64_t;

struct Person {
  PersonId id = 0;   // assigned by the store
  std::string name;  // optional, how the person wants to be greeted
  Profile profile;   // age, sex, country, risk factors
  CivilDate created_on;
  // The IANA time zone the person lives by (e.g. "Europe/London"): their "today", dose times and
  // review days are wall-clock times there. Empty: not chosen (people from before migration 0005),
  // the zone of the machine running taperlab, as before. Checked against the time zone database
  // at the edges (io/time_zone.hpp); the core only carries the name.
  std::string time_zone;
};

// The regimen a person takes from `effective_from` on (what `init` records; a new one replaces it).
struct RegimenRecord {
  RecordId id = 0;
  PersonId person_id = 0;
  CivilDate effective_from;
  Regimen regimen;
  std::string recorded_at;
};

// One version of a person's plan. The plan in force on a date D is the version with the highest
// `version` among those with effective_from <= D, so every past day can be reconstructed.
struct PlanVersion {
  RecordId id = 0;
  PersonId person_id = 0;
  int version = 0;  // 1, 2, ... per person; assigned by the store
  CivilDate effective_from;
  std::string reason;                   // "saved with plan --save", "hold: ...", "slow: ..."
  std::optional<RecordId> decision_id;  // the decision that produced it (hold/slow)
  JsonValue request;                    // the inputs, so the plan can be re-planned
  JsonValue plan;                       // the stored plan document (core/journal/plan_view.hpp)
  std::string recorded_at;
};

enum class DoseStatus {
  kTaken,      // the planned dose, as planned
  kMissed,     // a planned dose not taken
  kExtra,      // a dose on top of the plan
  kDifferent,  // a planned dose taken in a different amount
};
const char* to_string(DoseStatus s);  // "taken", "missed", "extra", "different"
DoseStatus parse_dose_status(const std::string& text, const std::string& field);

struct DoseLogEntry {
  RecordId id = 0;
  PersonId person_id = 0;
  CivilDate date;
  std::optional<TimeOfDay> time;  // when it was taken (absent for a missed dose)
  std::string drug_id;
  double dose_mg = 0.0;  // what was taken; 0 for a missed dose
  DoseStatus status = DoseStatus::kTaken;
  std::optional<TimeOfDay> planned_time;  // the planned dose this entry answers, if any
  std::optional<double> planned_dose_mg;
  std::string note;
  std::string recorded_at;
  // When the person confirmed it, as their own wall clock showed it, with its UTC offset
  // (RFC 3339, e.g. "2026-12-06T06:18:07-08:00"); recorded_at is the same instant in UTC. Empty
  // for entries logged before the store knew time zones (migration 0005) or imported without it.
  std::string confirmed_at;
};

// The ranges a check-in's numbers must lie in (inclusive), for the JSON reader and
// check_in_problems alike. They catch typing slips, not clinical limits: 720 minutes to fall
// asleep or 50 drinks are implausible but not impossible to report (assumed).
template <typename T>
struct Range {
  T min;
  T max;
  [[nodiscard]] constexpr bool contains(T x) const { return x >= min && x <= max; }
};
inline constexpr Range<int> kSymptomRating{0, 4};  // the checklist's 0..4 (docs/tracking.md)
inline constexpr Range<int> kMinutesToFallAsleep{0, 720};
inline constexpr Range<int> kAwakenings{0, 50};
inline constexpr Range<int> kSleepQuality{0, 10};
inline constexpr Range<int> kActivityMinutes{0, 1440};  // exercise, relaxation: a whole day
inline constexpr Range<int> kCaffeineDrinks{0, 50};
inline constexpr Range<double> kAlcoholUnits{0.0, 100.0};
inline constexpr Range<int> kMood{0, 10};

// Sleep diary (docs/tracking.md): all optional, a person may fill in part of it.
struct SleepDiary {
  std::optional<TimeOfDay> bedtime;
  std::optional<int> minutes_to_fall_asleep;  // kMinutesToFallAsleep
  std::optional<int> awakenings;              // kAwakenings
  std::optional<TimeOfDay> wake_time;
  std::optional<int> quality;  // kSleepQuality
};

struct Habits {
  std::optional<int> exercise_minutes;  // kActivityMinutes
  std::string exercise_kind;
  std::optional<bool> regular_meals;
  std::optional<int> caffeine_drinks;     // kCaffeineDrinks
  std::optional<double> alcohol_units;    // kAlcoholUnits
  std::optional<int> relaxation_minutes;  // meditation or relaxation, kActivityMinutes
  std::optional<bool> therapy_session;
  std::optional<bool> social_contact;
};

// Symptoms that mean "get help now" whatever the plan says (docs/tracking.md, "Decisions").
enum class RedFlag { kSeizure, kConfusion, kHallucinations, kSelfHarmThoughts };
const char* to_string(RedFlag f);  // "seizure", "confusion", "hallucinations", "self-harm"
RedFlag parse_red_flag(const std::string& text, const std::string& field);

struct CheckIn {
  RecordId id = 0;
  PersonId person_id = 0;
  CivilDate date;  // one check-in per person and day
  // Checklist item id -> kSymptomRating (0 = "none"), for the items the person answered only: an
  // item not answered is absent, never 0 (missing is not zero; JSON null reads as absent). Rows
  // stored before this rule hold every item, 0 where the old form sent its default: kept as 0.
  std::map<std::string, int> symptoms;
  SleepDiary sleep;
  Habits habits;
  std::optional<int> mood;  // kMood: 0 (very low) .. 10 (very good)
  std::vector<RedFlag> red_flags;
  std::string notes;
  std::string recorded_at;
};

struct QuestionnaireResponse {
  RecordId id = 0;
  PersonId person_id = 0;
  CivilDate date;
  std::string instrument_id;  // "phq9", "gad7"
  std::vector<int> answers;   // item scores, in item order
  int total = 0;
  std::string band;           // e.g. "moderate"
  bool crisis_shown = false;  // the crisis message was shown (PHQ-9 item 9 > 0)
  std::string recorded_at;
};

// A memory/attention test session (filled by the web app).
struct CognitiveSession {
  RecordId id = 0;
  PersonId person_id = 0;
  CivilDate date;
  std::string test_id;  // "digit-span-forward", "pvt", ...
  std::string device;
  std::string browser;
  JsonValue result;  // test-specific scores, e.g. {"span": 6}
  std::string recorded_at;
};

enum class DecisionKind { kContinue, kHold, kSlow, kUrgent };
const char* to_string(DecisionKind k);  // "continue", "hold", "slow", "urgent"
DecisionKind parse_decision_kind(const std::string& text, const std::string& field);

struct Decision {
  RecordId id = 0;
  PersonId person_id = 0;
  CivilDate date;
  DecisionKind kind = DecisionKind::kContinue;
  int step_index = 0;                       // the plan step it judged
  std::string reason;                       // plain words with the numbers behind them
  JsonValue evidence;                       // the numbers: baseline, recent scores, window, ...
  std::optional<RecordId> plan_version_id;  // the version the decision judged
  std::string recorded_at;
};

// Who changed what, kept by the store in the same transaction as the change. No health data:
// `detail` names the record, not its contents.
struct AuditEntry {
  RecordId id = 0;
  PersonId person_id = 0;
  std::string at;      // ISO 8601 UTC
  std::string action;  // "create", "replace", "import", ...
  std::string entity;  // "check_in", "dose", "plan_version", ...
  RecordId entity_id = 0;
  std::string detail;
};

}  // namespace taperlab
