#pragma once

#include <optional>
#include <string>

#include "core/drugs/catalog.hpp"
#include "core/base/civil_date.hpp"
#include "core/instruments/crisis_directory.hpp"
#include "core/instruments/instrument_registry.hpp"
#include "core/dosing/regimen.hpp"
#include "store/repository.hpp"

namespace taperlab::journal {

// What every journal use case needs. `today` is the caller's local date and `now_utc` the time
// stamped on records (ISO 8601): the edges own the clock so that everything here can be tested
// and so that history can be entered late.
struct JournalContext {
  const Catalog& catalog;
  const InstrumentRegistry& instruments;
  const CrisisDirectory& crisis;
  store::Repository& repo;
  CivilDate today;
  std::string now_utc;
  // Now on the person's own wall clock, RFC 3339 with its offset ("2026-12-06T06:18:07-08:00"),
  // from io::local_now: what a dose records as its confirmation. Empty when the caller has none
  // (a demo journal written in one go).
  std::string now_local = {};
};

// The time of day of ctx.now_local, when it is set and falls on `date`: the time a dose confirmed
// now for that day was taken, unless the person says otherwise.
std::optional<TimeOfDay> local_time_on(const JournalContext& ctx, CivilDate date);

// Rejects a date after today: a record for a day that has not happened yet is a typo.
void require_not_future(const JournalContext& ctx, CivilDate date, const std::string& field);

}  // namespace taperlab::journal
