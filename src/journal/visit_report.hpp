#pragma once

// The visit report's content from the journal (report/visit_report.hpp lays it out): where the
// taper stands (status), the dose line planned and taken, the daily symptom score and sleep
// (insights' input), PHQ-9 and GAD-7 with the registry's bands, memory and attention against the
// person's baseline (cognitive.hpp's reliable change), the decisions and the model's forecast
// (status, or recovery after the last dose). Nothing is computed here that those do not already
// compute; this gathers and trims it to two pages.

#include "journal/journal_context.hpp"
#include "report/visit_report.hpp"

namespace taperlab::journal {

// The report as of `date` (the day of the visit, never later than today).
report::VisitReport build_visit_report(const JournalContext& ctx, const Person& person,
                                       CivilDate date);

}  // namespace taperlab::journal
