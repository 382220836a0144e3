#pragma once

#include <string>

#include "core/catalog.hpp"
#include "core/civil_date.hpp"
#include "core/instruments/crisis_directory.hpp"
#include "core/instruments/instrument_registry.hpp"
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
};

// Rejects a date after today: a record for a day that has not happened yet is a typo.
void require_not_future(const JournalContext& ctx, CivilDate date, const std::string& field);

}  // namespace taperlab::journal
