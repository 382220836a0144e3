#pragma once

// A made-up person with two months of journal, for `taperlab serve --demo` and for trying the
// web app: a plan, doses, daily check-ins, questionnaires and memory tests, all entered through
// the journal's use cases so that decisions and comparisons are what a real journal would show.
// The numbers are invented (deterministic, fixed seed) and describe no real person.

#include <string>

#include "journal/journal_context.hpp"

namespace taperlab::journal {

// Days of journal the demo holds: ctx.today - 60 .. ctx.today - 1 (today is left to fill in).
constexpr int kDemoDays = 60;

// Adds a new person named `name` (a 52-year-old woman in GB on clonazepam 0.5 mg at 08:00 and
// 20:00) with a fraction plan (10% every 14 days) from ctx.today - 60, every planned dose taken,
// a check-in each day, PHQ-9 and GAD-7 every 14 days and memory/attention tests on days 0, 1, 28
// and 56. One transaction: either all of it is stored or nothing. Other people in the database
// are left alone, so it can be called once per demo account.
Person load_demo_person(const JournalContext& ctx, const std::string& name);

}  // namespace taperlab::journal
