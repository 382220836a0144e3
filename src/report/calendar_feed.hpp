#pragma once

// The calendar subscription feed (GET /cal/<token>.ics): the plan a person follows, as reminders
// their phone's calendar fetches again by itself, so that a new plan, a hold or a pause reaches it
// without anyone importing a file. Pure: the caller says which plans, which review days and what
// time it is; the feed is rendered from those alone (implemented in plan_ics.cpp, beside the
// one-off file of plan_report.hpp's plan_ics).

#include <optional>
#include <string>
#include <vector>

#include "core/base/civil_date.hpp"
#include "core/journal/plan_view.hpp"

namespace taperlab::report {

// One stored plan version as the feed shows it.
struct FeedPlan {
  const PlanView* plan = nullptr;  // not owned; must outlive the call
  int version = 0;                 // the plan version number (in UIDs and descriptions)
  // The last day this version is followed (a newer version starts the day after): its events end
  // there. None: followed to its end.
  std::optional<CivilDate> until;
  // The plan is paused from this day (an urgent decision): the step in force that day repeats with
  // no end ("keep taking this dose") and nothing later is shown.
  std::optional<CivilDate> held_from;
};

// A day the step in force is reviewed (journal/decisions.hpp): a check-in that day lets the app
// decide on the next cut.
struct FeedReview {
  CivilDate date;
  int version = 0;
  int step_index = 0;
  TimeOfDay at;  // when the reminder goes off, in the person's local time
};

struct FeedOptions {
  std::string calendar_name = "taperlab reminders";
  // The person's IANA time zone ("Europe/London"), or empty. Times in the feed are floating local
  // times (RFC 5545 3.3.5 form 1: no TZID), so a dose at 08:00 rings at 08:00 on the phone's own
  // clock, wherever the person is; the zone is named in X-WR-TIMEZONE, which calendar services
  // that keep the feed on a server (Google, Outlook) use to place floating times. A full
  // VTIMEZONE would need the zone's rules, which the core does not carry.
  std::string time_zone;
  std::string now_utc;  // "YYYY-MM-DDTHH:MM:SSZ": DTSTAMP, when this copy was made
  std::string uid_domain = "taperlab.local";
};

// An RFC 5545 calendar (CRLF, lines folded at 75 octets). Per plan and step, for each dose time and
// drug, one VEVENT repeated daily for the step's days (RRULE COUNT, cut at `until`; no end for an
// open-ended or held step) with a display alarm at the dose time; the stop step is one event on the
// stop day ("No more doses from today") at the previous step's first dose time; each review day is
// one 15-minute event with a display alarm. UIDs name the version, step, time and drug:
// "v<version>-step<N>-<HHMM>-<drug>@<uid_domain>", "v<version>-step<N>-review@...". Text fields are
// escaped (ics_escape). Throws std::invalid_argument for a FeedPlan without a plan.
std::string calendar_feed_ics(const std::vector<FeedPlan>& plans,
                              const std::vector<FeedReview>& reviews, const FeedOptions& options);

}  // namespace taperlab::report
