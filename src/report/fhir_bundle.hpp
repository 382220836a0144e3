#pragma once

// One person's journal as a FHIR R4 Bundle (docs/api.md, "FHIR"), for an electronic health
// record to read: the Patient, a MedicationRequest per step and product of the plan in force,
// a MedicationStatement per dose logged (taken or not), a QuestionnaireResponse and an
// Observation per PHQ-9 and GAD-7, and Observations for the daily symptom score and the sleep
// diary. No I/O and no clock: the caller passes the records, the time zone conversions and the
// product codes (data/codes/medication_codes.json).

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/civil_date.hpp"
#include "core/drugs/drug.hpp"
#include "core/instruments/instrument_registry.hpp"
#include "core/journal/plan_view.hpp"
#include "core/journal/records.hpp"

namespace taperlab::report {

inline constexpr const char* kRxNormSystem = "http://www.nlm.nih.gov/research/umls/rxnorm";
inline constexpr const char* kDmdSystem = "https://dmd.nhs.uk";
inline constexpr const char* kLoincSystem = "http://loinc.org";
inline constexpr const char* kPhq9TotalLoinc = "44261-6";
inline constexpr const char* kGad7TotalLoinc = "70274-6";

// A marketed product's code in a published terminology, with where it was checked.
struct ProductCode {
  std::string drug_id;
  std::string country;  // catalogue code: "US", "UK"
  FormulationForm form = FormulationForm::kTablet;
  double strength_mg = 0.0;         // solids
  double strength_mg_per_ml = 0.0;  // liquids
  std::string system;               // kRxNormSystem or kDmdSystem
  std::string code;
  std::string display;
  std::string source;
};

struct MedicationCodes {
  std::vector<ProductCode> codes;

  // The code of this product sold in `country`, or nullptr (text only).
  [[nodiscard]] const ProductCode* find(const std::string& drug_id, const std::string& country,
                                        FormulationForm form, double strength_mg,
                                        double strength_mg_per_ml) const;
};

// Reads data/codes/medication_codes.json: {"codes": [{"drug", "country", "form", "strength_mg"
// or "strength_mg_per_ml", "system", "code", "display", "evidence": "published", "source"}]}.
// Only published codes are accepted. Throws DataFileError naming `file` and the field.
MedicationCodes parse_medication_codes(const nlohmann::json& doc, const std::string& file);

// Everything the bundle is made of. Times: `local_date_time` places a wall-clock time on a date
// in the person's zone and gives it as RFC 3339 with its offset ("2026-11-09T08:00:00-05:00");
// `local_instant` gives a stored UTC instant ("...Z") on the person's wall clock the same way, or
// "" when it cannot (an empty or malformed instant).
struct FhirExportInput {
  Person person;
  CivilDate today;
  std::string now_utc;  // the bundle's timestamp
  // The plan in force today (or, before any has started, the newest), as stored and as read.
  std::optional<PlanVersion> plan_version;
  std::optional<PlanView> plan_view;
  // The day an urgent decision paused the plan, while it is paused (journal/pause.hpp): the
  // steps not yet over are on hold.
  std::optional<CivilDate> paused_since;
  std::vector<DoseLogEntry> doses;
  std::vector<CheckIn> check_ins;
  std::vector<QuestionnaireResponse> questionnaires;
  std::function<std::string(CivilDate, TimeOfDay)> local_date_time;
  std::function<std::string(const std::string&)> local_instant;
};

// The Bundle (type "collection": see fhir_bundle.cpp). Resource ids are name-based UUIDs of the
// store's person id, the person's created_on and the record, so exporting twice gives the same
// ids; they are unique within one taperlab database, not across databases (a receiving system
// keys the records by its own ids and the Patient it matches them to).
nlohmann::json fhir_bundle(const FhirExportInput& in, const MedicationCodes& codes,
                           const InstrumentRegistry& instruments);

}  // namespace taperlab::report
