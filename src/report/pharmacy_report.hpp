#pragma once

// The pharmacy view of a plan (core/plan/supply_periods.hpp): what to dispense in each supply
// period and in total, as printable text and as JSON for the API. Pure, like every report.

#include <nlohmann/json.hpp>
#include <string>

#include "core/drugs/catalog.hpp"
#include "core/plan/supply_periods.hpp"

namespace taperlab::report {

// Where the periods come from, in words for the printout's head.
struct PharmacyHeading {
  std::string plan;  // "Taper plan from clonazepam 1 mg at 08:00, 1 mg at 20:00" or
                     // "Plan version 3 in force on 2027-02-15 (started 2027-01-04)"
  // True when the periods start on a day after the plan's start (today, for a plan under way):
  // what was dispensed before is not counted.
  bool from_later_day = false;
};

// Lines of at most 100 columns: the draft notice, how part tablets are counted, each period (its
// dates, the steps it covers, each product's units, a liquid's mL and bottles where the pack is
// known), the total, then how the plan ends (the stop date, or the held dose that continues) and
// the sources of the pack sizes used.
std::string pharmacy_text(const SupplySchedule& schedule, const Catalog& catalog,
                          const PharmacyHeading& heading);

// The same as JSON: {"period_days", "plan_start", "from", "country", "stop_date", "continues",
// "held_from", "draft_notice", "counting", "periods": [{"number", "first", "last", "days",
// "steps", "lines"}], "total": [lines], "pack_sources": [text]}; each line {"drug", "name",
// "product", "form", "unit" ("tablet", "capsule" or "mL"), "units", "volume_ml", "bottles" (null
// when the pack is not known), "pack_ml"}.
nlohmann::json pharmacy_json(const SupplySchedule& schedule, const Catalog& catalog);

// What the printout says about counting part tablets and about the draft.
extern const char* const kPharmacyCounting;
extern const char* const kPharmacyDraftNotice;

}  // namespace taperlab::report
