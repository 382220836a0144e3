#pragma once

// Printable and exportable forms of a taper plan. Every function is pure: it renders a string from
// the plan alone, with no I/O and no clock, so the output is the same on every run and can be
// golden-tested. The CLI decides where the text goes. The plan as data (JSON) is the stored plan
// document: core/journal/plan_view.hpp.

#include <string>
#include <string_view>

#include "core/drugs/catalog.hpp"
#include "core/drugs/equivalence_table.hpp"
#include "core/plan/plan.hpp"

namespace taperlab::report {

// A calendar a person can read (lines of at most 100 columns): the draft notice, the safety
// findings (needs-clinician first), the plan's notes, then each step with its dates (or day
// numbers when the plan has no start date), what to take at each time in real units, daily mg,
// diazepam-equivalent, the cut and the predicted peak withdrawal pressure; then what a pharmacy
// dispenses per step and for the whole plan, and a footer naming the strategy, the equivalence
// table and the model settings. The catalogue supplies generic names and the table's name.
std::string plan_table(const Plan& plan, const Catalog& catalog);

// One row per day and drug, from day 0 to the stop day:
//   date,day,step,drug,daily_mg,diazepam_equivalent_mg,doses
// `date` is YYYY-MM-DD (empty when the plan has no start date); day 0 is the start date. The stop
// day has one row per drug of the step before it, with 0 mg. An open-ended maintenance step has
// rows for its first day only (it is held from then on). diazepam_equivalent_mg is that drug's
// daily mg converted by `table` (the plan's table: catalog.table(plan.settings.table_id)); when the
// table does not list the drug and the step has only that drug, the step's own value is used,
// otherwise the cell is empty. `doses` is e.g. "08:00 1 x 5 mg + 1/2 x 2 mg; 20:00 1 x 5 mg",
// quoted as RFC 4180 asks when needed. Lines end with "\n".
std::string plan_csv(const Plan& plan, const EquivalenceTable& table);

// An RFC 5545 calendar of reminders (CRLF line endings, lines folded at 75 octets). For each step
// and each dose time and drug, one daily VEVENT (floating local time, 5 minutes, with a display
// alarm) repeated RRULE:FREQ=DAILY;COUNT=<the step's days>. The stop step is a single event on the
// stop day ("No more doses from today") at the previous step's first dose time. A maintenance step
// (open-ended) repeats daily with no COUNT: reminders for a dose that is held must not silently
// end. UIDs are stable: "<start date>-step<N>-<HHMM>-<drug>@<uid_domain>"; DTSTAMP is the start
// date at 000000Z, so the file is the same on every run. Throws ValidationError("start", ...)
// when the plan has no start date.
std::string plan_ics(const Plan& plan, std::string_view uid_domain = "taperlab.local");

}  // namespace taperlab::report
