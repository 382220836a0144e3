#pragma once

// The pharmacy view of a person's plan in force (docs/planner.md, "Pharmacy supply"): the supply
// periods from a day (today, for a plan under way) to the plan's end. Shared by
// `taperlab pharmacy` and GET /api/v1/people/{person_id}/plans/current/pharmacy.

#include "core/journal/records.hpp"
#include "core/plan/supply_periods.hpp"
#include "report/pharmacy_report.hpp"
#include "store/repository.hpp"

namespace taperlab::journal {

struct PlanSupply {
  SupplySchedule schedule;
  report::PharmacyHeading heading;
  int version = 0;  // the plan version counted
};

// The version in force on `from` (or, before any has started, the newest, from its own start),
// counted from `from` to its end in periods of `period_days`. Throws NotFound when the person has
// no plan, ValidationError("period") for a period outside 1 to 90 days.
PlanSupply plan_supply(store::Repository& repo, const Person& person, CivilDate from,
                       int period_days);

}  // namespace taperlab::journal
