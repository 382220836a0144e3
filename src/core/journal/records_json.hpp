#pragma once

// JSON for the journal records (records.hpp): what export/import, the store's JSON columns and the
// server exchange. Keys are the records' member names, except that a regimen keeps the plan file's
// shape: {"drugs": [{"drug": "clonazepam", "doses": [{"dose_mg": 1, "time": "08:00"}]}]}.
// Dates are "YYYY-MM-DD", times "HH:MM"; to_json writes an absent optional as null and parse
// accepts null or a missing key. Ids, person ids, recorded_at, free text and optionals may be
// left out when parsing (a new record has no id yet); dates and the values that make a record
// what it is are required.
//
// Parsing checks everything (ranges from records.hpp, JSON types, unknown keys) and reports ALL
// problems in one ValidationError whose fields are paths under `field_prefix`, e.g.
// "check_in.sleep.quality" or, with field_prefix "check_ins[3]", "check_ins[3].mood".
// Drug ids are kept as given: checking them against the catalogue is the caller's business.
//
// Round trip: parse(to_json(x)) equals x member by member, and to_json(parse(j)) == j for any j
// that to_json wrote (doubles included: nlohmann prints them round-trip exactly).

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/journal/records.hpp"

namespace taperlab {

class JsonText;  // core/base/json_text.hpp

nlohmann::json to_json(const Regimen& regimen);
Regimen parse_regimen(const nlohmann::json& doc, const std::string& field_prefix = "regimen");

nlohmann::json to_json(const Person& person);
Person parse_person(const nlohmann::json& doc, const std::string& field_prefix = "person");

nlohmann::json to_json(const RegimenRecord& record);
RegimenRecord parse_regimen_record(const nlohmann::json& doc,
                                   const std::string& field_prefix = "regimen_record");

nlohmann::json to_json(const PlanVersion& version);
PlanVersion parse_plan_version(const nlohmann::json& doc,
                               const std::string& field_prefix = "plan_version");

nlohmann::json to_json(const DoseLogEntry& entry);
DoseLogEntry parse_dose_log_entry(const nlohmann::json& doc,
                                  const std::string& field_prefix = "dose");

// The parts of a check-in, for stores and forms that handle them separately. Symptoms are an
// object of item -> rating 0..4 holding the answered items only; the readers take an item given as
// null as not answered (left out of the map) and the writer never writes one.
std::map<std::string, int> parse_symptoms(const nlohmann::json& doc,
                                          const std::string& field_prefix = "symptoms");
// The same from JSON text (as the store keeps it), read by nlohmann's SAX parser straight into
// the map: no JSON tree for every stored check-in read back. Text that is not an object of item
// -> rating goes through parse_symptoms(json::parse(text)) for the same errors (nlohmann's
// parse_error for text that is not JSON at all).
std::map<std::string, int> parse_symptoms_text(std::string_view text,
                                               const std::string& field_prefix = "symptoms");
// {"anxiety":2,"insomnia":4} and ["seizure","self-harm"], as dump() prints them, written straight
// into text when the item ids need no escaping (the checklist's never do): the store writes them
// for every check-in while other writes wait. Throw as dump does (nlohmann type_error for text
// that is not UTF-8).
std::string symptoms_json_text(const std::map<std::string, int>& symptoms);
std::string red_flags_json_text(const std::vector<RedFlag>& red_flags);
std::vector<RedFlag> parse_red_flags(const nlohmann::json& doc,
                                     const std::string& field_prefix = "red_flags");
SleepDiary parse_sleep_diary(const nlohmann::json& doc, const std::string& field_prefix = "sleep");
Habits parse_habits(const nlohmann::json& doc, const std::string& field_prefix = "habits");

// A check-in's one writer: straight into an enclosing document (the answer to a new check-in, the
// list of check-ins), or as text (the store and the export take it so). Members in sorted order,
// as dump() prints them; the sleep diary and habits as objects, absent values as null.
void write_json(JsonText& out, const CheckIn& check_in);
std::string check_in_json_text(const CheckIn& check_in);
CheckIn parse_check_in(const nlohmann::json& doc, const std::string& field_prefix = "check_in");

nlohmann::json to_json(const QuestionnaireResponse& response);
QuestionnaireResponse parse_questionnaire_response(
    const nlohmann::json& doc, const std::string& field_prefix = "questionnaire_response");

nlohmann::json to_json(const CognitiveSession& session);
CognitiveSession parse_cognitive_session(const nlohmann::json& doc,
                                         const std::string& field_prefix = "cognitive_session");

nlohmann::json to_json(const Decision& decision);
Decision parse_decision(const nlohmann::json& doc, const std::string& field_prefix = "decision");

nlohmann::json to_json(const AuditEntry& entry);
AuditEntry parse_audit_entry(const nlohmann::json& doc,
                             const std::string& field_prefix = "audit_entry");

}  // namespace taperlab
