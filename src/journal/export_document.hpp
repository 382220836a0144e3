#pragma once

// Reading a `taperlab export --format json` document back: one reader for both imports (the
// command line's into a new database, the web app's into a signed-up person), so that both accept
// and refuse the same documents with the same field names.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <vector>

#include "core/drugs/catalog.hpp"
#include "core/journal/records.hpp"
#include "store/repository.hpp"

namespace taperlab::journal {

inline constexpr const char* kExportFormat = "taperlab-export";
inline constexpr int kExportFormatVersion = 1;

// A document read and checked, not yet stored. Ids and person ids are not set: the store assigns
// them. Plan versions and decisions refer to each other by position, as in the document.
struct ExportDocument {
  Person person;
  std::vector<RegimenRecord> regimens;
  std::vector<PlanVersion> plan_versions;
  std::vector<std::optional<int>> plan_version_decision;  // index into decisions
  std::vector<DoseLogEntry> doses;
  std::vector<CheckIn> check_ins;
  std::vector<QuestionnaireResponse> questionnaire_responses;
  std::vector<CognitiveSession> cognitive_sessions;
  std::vector<Decision> decisions;
  std::vector<std::optional<int>> decision_plan_version;  // version number judged
};

// Throws ValidationError on "format" or "format_version" when `doc` is not a taperlab export this
// version reads: checked first, so a stray file is named as such rather than by a hundred fields.
void check_export_format(const nlohmann::json& doc);

// Reads every record, reporting every malformed field at once in one ValidationError
// ("check_ins[3].sleep.quality"). Drugs (of regimens, plans and doses) must be in `catalog` and
// stored plans must be readable, or the journal would fail later, on the day they are needed.
// Dated records (not plans) must not lie more than kMaxRecordDaysAhead after `today`
// (civil_date.hpp): "check_ins[3].date".
ExportDocument read_export_document(const nlohmann::json& doc, const Catalog& catalog,
                                    CivilDate today);

// Adds the document's records to `person`, who must exist; call inside a transaction, which it
// does not open itself (the caller's checks belong in the same one).
void store_export_document(store::Repository& repo, PersonId person, const ExportDocument& doc);

}  // namespace taperlab::journal
