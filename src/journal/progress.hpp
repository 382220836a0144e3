#pragma once

// Everything the progress page draws on one time axis: the dose line with its cuts, symptoms,
// sleep, mood, questionnaire totals, memory and attention scores, and the model's adaptation
// remaining and withdrawal pressure per day; with the plan versions and decisions beside it.

#include <nlohmann/json_fwd.hpp>

#include "journal/journal_context.hpp"

namespace taperlab::journal {

// From the plan's first day (or the first check-in) up to `date`. The model line is the
// population model replaying the doses as logged (status gives the personal fit).
// "phase" is Today's; after the last dose "recovery" holds build_recovery's document (baseline,
// model curve with its band, concerns), else null.
nlohmann::json progress_json(const JournalContext& ctx, const Person& person, CivilDate date);

}  // namespace taperlab::journal
