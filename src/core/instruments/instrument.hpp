#pragma once

// A questionnaire, checklist or diary as described by data/instruments/*.json (docs/tracking.md,
// "Questionnaires"): its items, scoring, bands, recall period and licence. Plain data; parsing
// lives in instrument_parse.hpp and scoring in instrument_score.hpp.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/base/sourced.hpp"

namespace taperlab {

enum class InstrumentKind {
  kQuestionnaire,  // a published, scored questionnaire (PHQ-9, GAD-7)
  kChecklist,      // taperlab's own scored checklist (the daily symptom checklist)
  kDiary,          // descriptive fields with no total (the sleep diary)
  kByol,           // "bring your own licence": citation and licence only, no item texts shipped
};
const char* to_string(InstrumentKind kind);  // "questionnaire", "checklist", "diary", "byol"

enum class LicenceStatus {
  kFree,         // free to reproduce (PHQ-9, GAD-7)
  kOwn,          // taperlab's own wording
  kCopyrighted,  // needs the holder's permission
  kUnclear,      // no licence found: treated as copyrighted
};
const char* to_string(LicenceStatus status);  // "free", "own", "copyrighted", "unclear"

struct ResponseOption {
  int value = 0;
  std::string label;  // "Not at all", "mild", ...
};

struct InstrumentItem {
  std::string id;  // stable, kebab-case: answers and check-ins refer to items by it
  std::string text;
  std::vector<ResponseOption> options;  // strictly ascending values

  [[nodiscard]] int min_value() const { return options.front().value; }
  [[nodiscard]] int max_value() const { return options.back().value; }
};

// A band starts at `min` and runs up to the next band's `min` (or the scoring maximum).
struct ScoreBand {
  int min = 0;
  std::string label;  // "minimal", "mild", ...
};

struct Scoring {
  int min = 0;                   // the sum of the items' lowest values
  int max = 0;                   // the sum of the items' highest values
  std::vector<ScoreBand> bands;  // ascending; the first starts at `min`; empty when unbanded
  bool show_as_share = false;    // shown as a share of `max` (the symptom checklist)
  Evidence evidence = Evidence::kAssumed;
  std::string source;
};

// An answer above `above` to item `item_index` means the crisis message must be shown
// (PHQ-9 item 9, thoughts of self-harm). Nothing can switch this off.
struct CrisisRule {
  std::size_t item_index = 0;
  std::string item_id;
  int above = 0;
  Evidence evidence = Evidence::kAssumed;
  std::string source;
};

struct Frequency {
  int every_days = 0;  // suggested interval between completions
  std::string text;    // "every two weeks"
  Evidence evidence = Evidence::kAssumed;
  std::string source;
};

enum class DiaryFieldType { kTime, kInteger };

struct DiaryField {
  std::string id;  // matches the SleepDiary member: "bedtime", "minutes_to_fall_asleep", ...
  std::string label;
  DiaryFieldType type = DiaryFieldType::kInteger;
  std::optional<int> min;  // integers only
  std::optional<int> max;
  std::string unit;                        // "minutes", "times" or empty
  std::string low_label;                   // for rating scales: what `min` means ("very poor")
  std::string high_label;                  // and what `max` means ("very good")
  Evidence evidence = Evidence::kAssumed;  // of the range (integers only)
  std::string source;
};

struct Licence {
  LicenceStatus status = LicenceStatus::kUnclear;
  bool items_may_be_reproduced = false;
  bool requires_licence_file = false;  // BYOL: cannot be administered without one
  std::string text;
  std::string source;
};

struct Instrument {
  std::string id;         // "phq9"
  std::string name;       // "PHQ-9"
  std::string full_name;  // "Patient Health Questionnaire-9"
  InstrumentKind kind = InstrumentKind::kQuestionnaire;
  std::string purpose;
  bool validated = false;
  std::string validation_note;  // required when not validated: the interface shows it
  std::string instructions;     // the stem shown above the items
  std::string recall_period;    // "over the last 2 weeks", "today"
  std::optional<Frequency> frequency;
  std::vector<InstrumentItem> items;      // empty for diaries and BYOL entries
  std::optional<Scoring> scoring;         // absent for diaries and BYOL entries
  std::optional<CrisisRule> crisis_rule;  // PHQ-9 only
  std::vector<DiaryField> fields;         // diaries only
  Licence licence;
  std::string citation;

  [[nodiscard]] bool scored() const { return scoring.has_value() && !items.empty(); }
};

}  // namespace taperlab
