#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/instruments/instrument_score.hpp"
#include "journal/decisions.hpp"

namespace taperlab::journal {

struct QuestionnaireResult {
  const Instrument* instrument = nullptr;
  QuestionnaireResponse stored;
  InstrumentScore score;
  // PHQ-9 item 9 above 0: always shown, stored as shown, and it makes an urgent decision.
  std::optional<std::string> crisis_message;
  ReviewResult review;
};

// Scores and stores a questionnaire (PHQ-9, GAD-7). Unknown names, checklists, diaries, licensed
// instruments without a licence and bad answers are ValidationErrors naming the field.
QuestionnaireResult record_questionnaire(const JournalContext& ctx, const Person& person,
                                         const std::string& instrument_name,
                                         const std::vector<int>& answers, CivilDate date);

}  // namespace taperlab::journal
