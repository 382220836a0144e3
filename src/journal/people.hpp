#pragma once

#include <optional>

#include "journal/journal_context.hpp"

namespace taperlab::journal {

// The journal's person. The CLI keeps one person per database file; the server has many.
struct InitRequest {
  std::optional<std::string> name;
  std::optional<Profile> profile;  // replaces the stored profile when given
  // An IANA zone name, already checked against the database by the caller (io/time_zone.hpp).
  std::optional<std::string> time_zone;
  std::optional<Regimen> regimen;  // the regimen taken from `date` on
  CivilDate date;
  // The person to update (the server: one journal per account). Without it, the database's only
  // person, created on first use (the command line's one-person journal).
  std::optional<PersonId> person_id;
};

struct InitResult {
  Person person;
  bool created = false;
  std::optional<RegimenRecord> regimen;  // in force on the date
};

// Creates the person on first use, else updates what is given; one transaction.
InitResult init_person(const JournalContext& ctx, const InitRequest& request);

// The database's person (the first one); NotFound telling the user to run `taperlab init`.
Person require_person(store::Repository& repo);

}  // namespace taperlab::journal
