#pragma once

// The calendar subscription of a person (GET /cal/<token>.ics): which plan versions and review
// days their phone's calendar shows, rendered by report::calendar_feed_ics. Read fresh on every
// fetch, so a new plan, a hold or a pause reaches the phone at its next refresh.

#include <string>

#include "journal/journal_context.hpp"

namespace taperlab::journal {

// The feed for `person` as of ctx.today (the person's own date):
//  - the plan version in force today, followed until the day before a newer version that starts
//    later (if any), then that version, and so on; with no plan in force, the versions that start
//    later; no plan at all gives an empty calendar (still valid, so a subscription made before the
//    first plan starts working once it is saved);
//  - while the plan is paused (an urgent decision: journal/today.hpp), the step in force today
//    repeats with no end and its later steps and review days are left out;
//  - a review day per step that has a next step: adapt::next_decision_date for the step's drugs
//    (the day its decision is due), at the step's first dose time (09:00 when it has none), so the
//    check-in that day can go with the first dose.
// Times are the person's local wall-clock times in `time_zone` (an IANA name, named in the feed:
// report/calendar_feed.hpp); ctx.today must be the date there.
std::string calendar_feed_text(const JournalContext& ctx, const Person& person,
                               const std::string& time_zone);

}  // namespace taperlab::journal
