#pragma once

#include <optional>

#include "journal/journal_context.hpp"

namespace taperlab::journal {

struct TakeRequest {
  CivilDate date;
  std::optional<TimeOfDay> time;          // when it was taken
  std::optional<TimeOfDay> planned_time;  // which planned dose it answers (default: inferred)
  std::optional<std::string> drug;        // default: the day's only drug
  std::optional<double> dose_mg;          // default: the planned amount
  std::optional<DoseStatus> status;       // default: taken, or different when the dose differs
  std::string note;
};

// Logs one dose against the plan (or the regimen when there is no plan). Rejects, naming the
// option: a future date; a drug not planned that day unless the dose is extra; a "taken" dose
// whose amount differs from the plan (say --status different); a missed dose with an amount; a
// planned dose that is already logged (Conflict). Nothing is stored when it throws.
DoseLogEntry take_dose(const JournalContext& ctx, const Person& person, const TakeRequest& request);

}  // namespace taperlab::journal
