#pragma once

// One day of the journal as the decision rules see it: the symptom score and anything that means
// "get help now".

#include <optional>
#include <vector>

#include "core/civil_date.hpp"
#include "core/journal/records.hpp"

namespace taperlab::adapt {

struct SymptomDay {
  CivilDate date;
  // Checklist sum over its maximum (4 per item), 0..1. Absent when only a questionnaire was
  // answered that day (no check-in).
  std::optional<double> symptom_share;
  int highest_item_rating = 0;     // 0..4, the strongest single symptom that day
  std::vector<RedFlag> red_flags;  // includes self-harm from PHQ-9 item 9 > 0
};

// A check-in as a symptom day. The share is the sum of its ratings over 4 x the number of items it
// holds (a check-in lists every checklist item, 0 when not felt: tracking.md); a check-in with no
// ratings has no share (missing, not zero).
SymptomDay symptom_day(const CheckIn& check_in);

// Check-ins and questionnaire answers merged into one day each, sorted by date. A PHQ-9 answer
// with item 9 above 0 (thoughts of self-harm) adds RedFlag::kSelfHarmThoughts to its day
// (tracking.md: it is never suppressed).
std::vector<SymptomDay> symptom_days(const std::vector<CheckIn>& check_ins,
                                     const std::vector<QuestionnaireResponse>& questionnaires);

}  // namespace taperlab::adapt
