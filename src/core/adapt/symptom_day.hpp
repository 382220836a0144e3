#pragma once

// One day of the journal as the decision rules see it: the symptom score and anything that means
// "get help now".

#include <optional>
#include <vector>

#include "core/base/civil_date.hpp"
#include "core/journal/records.hpp"
#include "core/journal/symptom_answers.hpp"

namespace taperlab::adapt {

struct SymptomDay {
  CivilDate date;
  // Checklist sum over the answered items' maximum (4 per answered item), 0..1. Absent when no
  // check-in was made that day (only a questionnaire), or when fewer than kMinAnsweredSymptoms
  // items were answered: such a day is missing for the decisions, never a good day.
  std::optional<double> symptom_share;
  int highest_item_rating = 0;     // 0..4, the strongest answered symptom that day
  std::vector<RedFlag> red_flags;  // includes self-harm from PHQ-9 item 9 > 0
  int answered_items = 0;          // checklist items answered that day (0 without a check-in)
};

// A check-in as a symptom day (symptom_answers.hpp: missing is not zero). A strong single rating
// counts even on a day with few answers: what was said is said.
SymptomDay symptom_day(const CheckIn& check_in);

// Check-ins and questionnaire answers merged into one day each, sorted by date. A PHQ-9 answer
// with item 9 above 0 (thoughts of self-harm) adds RedFlag::kSelfHarmThoughts to its day
// (docs/tracking.md: it is never suppressed).
std::vector<SymptomDay> symptom_days(const std::vector<CheckIn>& check_ins,
                                     const std::vector<QuestionnaireResponse>& questionnaires);

}  // namespace taperlab::adapt
