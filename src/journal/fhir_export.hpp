#pragma once

// One person's journal as a FHIR R4 Bundle (report/fhir_bundle.hpp): `taperlab export --format
// fhir` and GET /api/v1/people/{person_id}/export.fhir.json. Gathers the records, the plan in
// force and the person's time zone; the mapping itself is the report's.

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/instruments/instrument_registry.hpp"
#include "report/fhir_bundle.hpp"
#include "store/repository.hpp"

namespace taperlab::journal {

// The product codes of data/codes/medication_codes.json in `data_dir`, read once per folder and
// kept (thread-safe). Throws DataFileError when the file is missing or malformed.
const report::MedicationCodes& medication_codes(const std::filesystem::path& data_dir);

// The plan in force on `today` (or, when none has started yet, the newest version), every dose,
// check-in and PHQ-9/GAD-7 response, with times on the person's wall clock. `now_utc` ("...Z")
// stamps the bundle. NotFound when the person does not exist.
nlohmann::json export_fhir(store::Repository& repo, PersonId person,
                           const InstrumentRegistry& instruments,
                           const report::MedicationCodes& codes, CivilDate today,
                           const std::string& now_utc);

}  // namespace taperlab::journal
