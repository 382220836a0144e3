#pragma once

// Everything a person has stored, as one JSON document they own (and can import elsewhere), or as
// one CSV row per day for spreadsheets and research.
//
// JSON: {"format": "taperlab-export", "format_version": 1, "person", "regimens",
// "plan_versions", "doses", "check_ins", "questionnaire_responses", "cognitive_sessions",
// "decisions"}. Records are records_json's forms without the database's ids (which differ between
// databases); a plan version names the decision that produced it by its index in "decisions",
// and a decision names the plan version it judged by version number. The audit log is the
// store's own account of changes and is not exported. Export, import into an empty database and
// export again gives the same document.

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/drugs/catalog.hpp"
#include "store/repository.hpp"

namespace taperlab::journal {

nlohmann::json export_json(store::Repository& repo, PersonId person);

// Imports into a database that has no person yet (the command line's journal), in one
// transaction: a malformed document changes nothing. Errors name the field
// ("check_ins[3].sleep.quality"); drugs must be in `catalog`. Returns the new id.
// `today` bounds the records' dates (read_export_document).
PersonId import_json(store::Repository& repo, const Catalog& catalog, const nlohmann::json& doc,
                     CivilDate today);

// How many records of each kind an import stored.
struct ImportedCounts {
  std::size_t regimens = 0;
  std::size_t plan_versions = 0;
  std::size_t doses = 0;
  std::size_t check_ins = 0;
  std::size_t questionnaire_responses = 0;
  std::size_t cognitive_sessions = 0;
  std::size_t decisions = 0;
};

// Imports into an existing person who has no journal records yet (the web app: the person made at
// sign-up), with the same checks and errors as import_json, in one transaction. The document's
// name and profile replace the person's; the person's id (which the account points to) and
// created_on stay. Conflict when the person already has any record (regimen, plan, dose, check-in,
// questionnaire, memory test or decision): merging two journals would mix two histories.
ImportedCounts import_json_into(store::Repository& repo, const Catalog& catalog, PersonId person,
                                const nlohmann::json& doc, CivilDate today);

// One row per date that has any record, from the first to the last:
//   date,step,plan_version,planned_diazepam_equivalent_mg,<drug>_taken_mg...,missed_doses,
//   extra_doses,symptom_share,<symptom items...>,sleep_quality,minutes_to_fall_asleep,awakenings,
//   bedtime,wake_time,mood,exercise_minutes,regular_meals,caffeine_drinks,alcohol_units,
//   relaxation_minutes,therapy_session,social_contact,red_flags,phq9,gad7,decision
// Empty cells where nothing was recorded. RFC 4180 quoting; "\n" line ends.
std::string export_csv(store::Repository& repo, PersonId person);

}  // namespace taperlab::journal
