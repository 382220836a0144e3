#pragma once

#include <optional>
#include <string>

#include "core/instruments/symptom_checklist.hpp"
#include "journal/decisions.hpp"

namespace taperlab::journal {

struct CheckInResult {
  CheckIn stored;
  SymptomScore score;
  bool replaced = false;
  // Shown whenever thoughts of self-harm are reported: never optional, never suppressed.
  std::optional<std::string> crisis_message;
  ReviewResult review;
};

// Validates the check-in (not in the future, known symptom items rated 0-4; items not answered
// are stored as absent, never as 0), stores it (Conflict when the day has one, unless `replace`),
// then reviews the plan: a decision may be due today, and a red flag makes one at once.
CheckInResult record_check_in(const JournalContext& ctx, const Person& person, CheckIn check_in,
                              bool replace);

// The crisis message for the person's country (docs/tracking.md): emergency and crisis-line
// numbers.
std::string crisis_message_for(const JournalContext& ctx, const Person& person);

}  // namespace taperlab::journal
