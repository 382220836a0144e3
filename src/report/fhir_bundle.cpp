#include "report/fhir_bundle.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>

#include "core/base/country_code.hpp"
#include "core/base/error.hpp"
#include "core/instruments/symptom_checklist.hpp"

namespace taperlab::report {
namespace {

using nlohmann::json;

constexpr const char* kUcum = "http://unitsofmeasure.org";
constexpr const char* kObservationCategory =
    "http://terminology.hl7.org/CodeSystem/observation-category";
constexpr const char* kDoseRateType = "http://terminology.hl7.org/CodeSystem/dose-rate-type";
constexpr const char* kDraftNote =
    "A taper plan made with taperlab: a draft to discuss and agree with the prescriber before any "
    "dose is changed. It is not a prescription.";

// Rounds away the binary noise of products such as 4 x 0.1 mg (0.4000000000000001).
double tidy(double x) { return std::round(x * 1e6) / 1e6; }

bool same(double a, double b) { return std::fabs(a - b) < 1e-9; }

// "4", "0.31": the shortest form, for the words beside the numbers.
std::string number_text(double x) { return fmt::format("{}", tidy(x)); }

const char* form_name(FormulationForm form) {
  switch (form) {
    case FormulationForm::kTablet:
      return "tablet";
    case FormulationForm::kCapsule:
      return "capsule";
    case FormulationForm::kOdt:
      return "odt";
    case FormulationForm::kOralSolution:
      return "oral_solution";
  }
  return "tablet";
}

// The plan document's and the codes file's names of a form; nullopt for another word.
std::optional<FormulationForm> form_named(const std::string& text) {
  for (const FormulationForm form : {FormulationForm::kTablet, FormulationForm::kCapsule,
                                     FormulationForm::kOdt, FormulationForm::kOralSolution}) {
    if (text == form_name(form)) return form;
  }
  return std::nullopt;
}

// Name-based ids: 64-bit FNV-1a (http://www.isthe.com/chongo/tech/comp/fnv/) of the name, twice
// with different offset bases, laid out as an RFC 9562 version 8 UUID (its custom, name-based
// layout): the same record of the same person gets the same id on every export.
std::uint64_t fnv1a(const std::string& text, std::uint64_t basis) {
  std::uint64_t h = basis;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string uuid_of(const std::string& name) {
  std::array<unsigned char, 16> b{};
  const std::uint64_t hi = fnv1a(name, 0xcbf29ce484222325ULL);
  const std::uint64_t lo = fnv1a(name + "#", 0x84222325cbf29ce4ULL);
  for (int i = 0; i < 8; ++i) {
    b[i] = static_cast<unsigned char>(hi >> (56 - 8 * i));
    b[8 + i] = static_cast<unsigned char>(lo >> (56 - 8 * i));
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x80);  // version 8
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // variant 10
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 0x0F];
  }
  return out;
}

json quantity(double value, const std::string& unit, const std::string& code) {
  return {{"value", tidy(value)}, {"unit", unit}, {"system", kUcum}, {"code", code}};
}

json coding(const std::string& system, const std::string& code, const std::string& display) {
  return {{"system", system}, {"code", code}, {"display", display}};
}

json survey_category() {
  return json::array(
      {{{"coding", json::array({coding(kObservationCategory, "survey", "Survey")})}}});
}

std::string fhir_time(TimeOfDay t) { return t.to_string() + ":00"; }

// Builds the entries; every resource gets its fullUrl "urn:uuid:<id>" and refers to others so.
class BundleWriter {
 public:
  BundleWriter(const FhirExportInput& in, const MedicationCodes& codes,
               const InstrumentRegistry& instruments)
      : in_(in), codes_(codes), instruments_(instruments) {
    person_key_ =
        "taperlab/person/" + std::to_string(in.person.id) + "/" + in.person.created_on.to_string();
    patient_id_ = uuid_of(person_key_ + "/Patient");
  }

  json write() {
    add_patient();
    add_plan();
    for (const auto& dose : in_.doses) add_dose(dose);
    for (const auto& response : in_.questionnaires) add_questionnaire(response);
    for (const auto& check_in : in_.check_ins) {
      add_symptom_score(check_in);
      add_sleep(check_in);
    }
    // "collection", not "document": a document Bundle must open with a Composition and stands as
    // one attested clinical document; this is a set of records for a system to read, written by
    // the person's own app, and nothing in it is attested by a clinician.
    json bundle = {{"resourceType", "Bundle"},
                   {"id", uuid_of(person_key_ + "/Bundle")},
                   {"type", "collection"},
                   {"entry", entries_}};
    const std::string stamp = in_.local_instant ? in_.local_instant(in_.now_utc) : "";
    if (!stamp.empty()) bundle["timestamp"] = stamp;
    return bundle;
  }

 private:
  json subject() const { return {{"reference", "urn:uuid:" + patient_id_}}; }

  void add(const std::string& id, json resource) {
    resource["id"] = id;
    entries_.push_back({{"fullUrl", "urn:uuid:" + id}, {"resource", std::move(resource)}});
  }

  std::string instant(const std::string& utc) const {
    return in_.local_instant && !utc.empty() ? in_.local_instant(utc) : "";
  }

  std::string date_time(CivilDate date, std::optional<TimeOfDay> time) const {
    if (time && in_.local_date_time) return in_.local_date_time(date, *time);
    return date.to_string();
  }

  void add_patient() {
    json patient = {{"resourceType", "Patient"}};
    // No email or account detail: the record is about the person, not their sign-in.
    if (!in_.person.name.empty()) patient["name"] = json::array({{{"text", in_.person.name}}});
    const std::string& sex = in_.person.profile.sex;
    if (sex == "female" || sex == "male" || sex == "other") patient["gender"] = sex;
    // The catalogue's "UK" is ISO 3166's "GB".
    const std::string& country = in_.person.profile.country;
    if (!country.empty()) {
      patient["address"] = json::array({{{"country", country == "UK" ? "GB" : country}}});
    }
    add(patient_id_, std::move(patient));
  }

  // ---- the plan -----------------------------------------------------------------------------

  struct ProductDose {
    TimeOfDay time;
    double units = 0.0;  // tablets (pieces counted in quarters) or mL
    double mg = 0.0;
  };
  struct Product {
    std::string drug_id;
    std::string name;  // "0.5 mg ODT", as the plan names it
    FormulationForm form = FormulationForm::kTablet;
    double strength_mg = 0.0;
    double strength_mg_per_ml = 0.0;
    bool compounded = false;
    std::vector<ProductDose> doses;
  };

  // The step's doses split by product, from the stored document's "parts" (the view keeps only
  // the words). A dose without parts (a plan without products) is one product: the drug in mg.
  static std::vector<Product> products_of(const json& step_doc, const PlanStepView& step) {
    std::vector<Product> out;
    auto product_for = [&out](const Product& key) -> Product& {
      for (auto& p : out) {
        if (p.drug_id == key.drug_id && p.name == key.name && p.compounded == key.compounded) {
          return p;
        }
      }
      out.push_back(key);
      return out.back();
    };
    const json* doses =
        step_doc.is_object() && step_doc.contains("doses") ? &step_doc["doses"] : nullptr;
    for (std::size_t i = 0; i < step.doses.size(); ++i) {
      const PlanDoseView& dose = step.doses[i];
      const json* parts = nullptr;
      if (doses && doses->is_array() && i < doses->size() && (*doses)[i].is_object()) {
        const json& d = (*doses)[i];
        if (d.contains("parts") && d["parts"].is_array() && !d["parts"].empty()) {
          parts = &d["parts"];
        }
      }
      if (!parts) {
        Product key{dose.drug_id, "", FormulationForm::kTablet, 0.0, 0.0, false, {}};
        product_for(key).doses.push_back({dose.time, 0.0, dose.dose_mg});
        continue;
      }
      for (const json& part : *parts) {
        Product key;
        key.drug_id = dose.drug_id;
        key.name = part.value("product", "");
        key.form = form_named(part.value("form", "tablet")).value_or(FormulationForm::kTablet);
        key.strength_mg = part.value("strength_mg", 0.0);
        key.strength_mg_per_ml = part.value("strength_mg_per_ml", 0.0);
        key.compounded = part.value("compounded", false);
        ProductDose pd{dose.time, 0.0, 0.0};
        if (key.form == FormulationForm::kOralSolution) {
          pd.units = part.value("volume_ml", 0.0);
          pd.mg = pd.units * key.strength_mg_per_ml;
        } else {
          pd.units = part.value("quarters", 0) / 4.0;
          pd.mg = pd.units * key.strength_mg;
        }
        Product& p = product_for(key);
        // Two parts of one product at one time (it does not happen today) add up.
        if (!p.doses.empty() && p.doses.back().time == pd.time) {
          p.doses.back().units += pd.units;
          p.doses.back().mg += pd.mg;
        } else {
          p.doses.push_back(pd);
        }
      }
    }
    return out;
  }

  json medication(const Product& p) const {
    std::string text = p.drug_id;
    if (!p.name.empty()) text += " " + p.name;
    if (p.compounded && p.name.find("compounded") == std::string::npos) text += " (compounded)";
    json concept_json = {{"text", text}};
    const ProductCode* code =
        p.compounded || p.name.empty()
            ? nullptr
            : codes_.find(p.drug_id, plan_country_, p.form, p.strength_mg, p.strength_mg_per_ml);
    if (code) {
      concept_json["coding"] = json::array({coding(code->system, code->code, code->display)});
    }
    return concept_json;
  }

  static std::string units_text(const Product& p, double units) {
    if (p.form == FormulationForm::kOralSolution) {
      return number_text(units) + " mL";
    }
    const char* piece = p.form == FormulationForm::kCapsule ? "capsule" : "tablet";
    return number_text(units) + " " + piece + (same(units, 1.0) ? "" : "s");
  }

  json dosage(const Product& p, const ProductDose& d, int sequence, const json& bounds) const {
    json timing_repeat = {{"frequency", 1},
                          {"period", 1},
                          {"periodUnit", "d"},
                          {"timeOfDay", json::array({fhir_time(d.time)})}};
    if (!bounds.empty()) timing_repeat["boundsPeriod"] = bounds;
    json dose_and_rate = json::array();
    std::string text = d.time.to_string() + ": ";
    if (!p.name.empty()) {
      // What to take, in the product's own units, as ordered by the plan: mL of a liquid, or
      // tablets (capsules) with UCUM's annotation "{tablet}" (a count).
      const bool liquid = p.form == FormulationForm::kOralSolution;
      const std::string piece = p.form == FormulationForm::kCapsule ? "capsule" : "tablet";
      dose_and_rate.push_back(
          {{"type", {{"coding", json::array({coding(kDoseRateType, "ordered", "Ordered")})}}},
           {"doseQuantity",
            quantity(d.units, liquid ? "mL" : piece, liquid ? "mL" : "{" + piece + "}")}});
      text += units_text(p, d.units) + " of " + p.name + " = ";
    }
    dose_and_rate.push_back(
        {{"type", {{"coding", json::array({coding(kDoseRateType, "calculated", "Calculated")})}}},
         {"doseQuantity", quantity(d.mg, "mg", "mg")}});
    text += number_text(d.mg) + " mg";
    return {{"sequence", sequence},
            {"text", text},
            {"timing", {{"repeat", timing_repeat}}},
            {"doseAndRate", dose_and_rate}};
  }

  void add_plan() {
    if (!in_.plan_version || !in_.plan_view) return;
    const PlanVersion& version = *in_.plan_version;
    const PlanView& view = *in_.plan_view;
    const json& doc = *version.plan;
    const std::string country =
        doc.is_object() && doc.contains("country") && doc["country"].is_string()
            ? doc["country"].get<std::string>()
            : in_.person.profile.country;
    // The catalogue's (and the codes file's) "UK" for ISO's "GB" (core/base/country_code.hpp).
    const auto code = CountryCode::try_parse(country);
    plan_country_ = code ? code->catalogue_code() : country;
    const std::string version_key = person_key_ + "/plan/" + std::to_string(version.version);
    const json group = {{"system", "urn:ietf:rfc:3986"},
                        {"value", "urn:uuid:" + uuid_of(version_key)}};
    const std::string authored = instant(version.recorded_at);
    const json* steps_doc = doc.is_object() && doc.contains("steps") && doc["steps"].is_array()
                                ? &doc["steps"]
                                : nullptr;
    const int step_count = static_cast<int>(view.steps.size());
    for (std::size_t s = 0; s < view.steps.size(); ++s) {
      const PlanStepView& step = view.steps[s];
      const CivilDate start = view.date_of(step);
      const std::optional<CivilDate> end =
          step.open_ended() ? std::nullopt
                            : std::optional<CivilDate>(start.plus_days(step.duration_days - 1));
      json period = {{"start", start.to_string()}};
      if (end) period["end"] = end->to_string();
      const bool finished = end && *end < in_.today;
      const std::string step_words =
          "Step " + std::to_string(step.index) + " of " + std::to_string(step_count) + " (" +
          step.kind + "), from " + start.to_string() +
          (end ? " to " + end->to_string() : std::string(", open-ended")) + "; plan version " +
          std::to_string(version.version) + ".";
      json notes = json::array({{{"text", kDraftNote}}, {{"text", step_words}}});
      if (!step.note.empty()) notes.push_back({{"text", step.note}});

      auto request = [&](json medication_concept, const std::string& key) {
        const bool on_hold = !finished && in_.paused_since.has_value();
        json r = {{"resourceType", "MedicationRequest"},
                  {"status", finished ? "completed" : (on_hold ? "on-hold" : "active")},
                  {"intent", "plan"},
                  {"medicationCodeableConcept", std::move(medication_concept)},
                  {"subject", subject()},
                  {"groupIdentifier", group},
                  {"note", notes},
                  {"dispenseRequest", {{"validityPeriod", period}}}};
        if (!authored.empty()) r["authoredOn"] = authored;
        if (on_hold) {
          r["statusReason"] = {{"text", "paused after an urgent decision on " +
                                            in_.paused_since->to_string() +
                                            ": no further cut until the plan is resumed"}};
        }
        return std::pair<std::string, json>{
            uuid_of(version_key + "/step/" + std::to_string(step.index) + "/" + key), std::move(r)};
      };

      if (step.doses.empty()) {
        // The final stop: from here on, none of the drug. One "do not take" request per drug of
        // the step before (or of the plan's start).
        std::vector<std::string> drugs;
        const PlanStepView* before = s > 0 ? &view.steps[s - 1] : nullptr;
        for (const auto& d : before ? before->doses : std::vector<PlanDoseView>{}) {
          if (std::find(drugs.begin(), drugs.end(), d.drug_id) == drugs.end()) {
            drugs.push_back(d.drug_id);
          }
        }
        if (drugs.empty()) {
          for (const auto& d : view.start_regimen.drugs) drugs.push_back(d.drug_id);
        }
        for (const auto& drug : drugs) {
          auto [id, r] = request({{"text", drug}}, "stop/" + drug);
          r["doNotPerform"] = true;
          r["dosageInstruction"] =
              json::array({{{"text", "No more " + drug + " from " + start.to_string() + "."}}});
          add(id, std::move(r));
        }
        continue;
      }
      const json step_doc = steps_doc && s < steps_doc->size() ? (*steps_doc)[s] : json();
      for (const Product& p : products_of(step_doc, step)) {
        auto [id, r] = request(medication(p), p.drug_id + "/" + p.name + "/" +
                                                  (p.compounded ? "compounded" : "marketed"));
        json dosages = json::array();
        int sequence = 1;
        for (const auto& d : p.doses) dosages.push_back(dosage(p, d, sequence++, period));
        r["dosageInstruction"] = std::move(dosages);
        add(id, std::move(r));
      }
    }
  }

  // ---- doses --------------------------------------------------------------------------------

  void add_dose(const DoseLogEntry& dose) {
    const bool missed = dose.status == DoseStatus::kMissed;
    const std::optional<TimeOfDay> time = missed ? dose.planned_time : dose.time;
    json statement = {{"resourceType", "MedicationStatement"},
                      {"status", missed ? "not-taken" : "completed"},
                      {"medicationCodeableConcept", {{"text", dose.drug_id}}},
                      {"subject", subject()},
                      {"effectiveDateTime", date_time(dose.date, time)}};
    const std::string asserted = instant(dose.recorded_at);
    if (!asserted.empty()) statement["dateAsserted"] = asserted;
    const double mg = missed ? dose.planned_dose_mg.value_or(0.0) : dose.dose_mg;
    std::string text = number_text(mg) + " mg";
    if (time) text = time->to_string() + ": " + text;
    json dosage_json = {
        {"text", text},
        {"doseAndRate", json::array({{{"doseQuantity", quantity(mg, "mg", "mg")}}})}};
    if (time) {
      dosage_json["timing"] = {{"repeat", {{"timeOfDay", json::array({fhir_time(*time)})}}}};
    }
    statement["dosage"] = json::array({dosage_json});
    json notes = json::array();
    switch (dose.status) {
      case DoseStatus::kTaken:
        break;
      case DoseStatus::kMissed:
        statement["statusReason"] = json::array({{{"text", "missed: a planned dose not taken"}}});
        break;
      case DoseStatus::kExtra:
        notes.push_back({{"text", "An extra dose, not in the plan."}});
        break;
      case DoseStatus::kDifferent:
        notes.push_back(
            {{"text",
              "Taken in a different amount from the plan" +
                  (dose.planned_dose_mg ? " (planned " + number_text(*dose.planned_dose_mg) + " mg)"
                                        : std::string()) +
                  "."}});
        break;
    }
    if (!dose.note.empty()) notes.push_back({{"text", dose.note}});
    if (!notes.empty()) statement["note"] = notes;
    std::string key = person_key_ + "/dose/" + dose.date.to_string() + "/" + dose.drug_id + "/" +
                      (dose.planned_time ? dose.planned_time->to_string() : "") + "/" +
                      (dose.time ? dose.time->to_string() : "") + "/" + dose.recorded_at + "/" +
                      std::to_string(dose.id);
    add(uuid_of(key), std::move(statement));
  }

  // ---- questionnaires -----------------------------------------------------------------------

  void add_questionnaire(const QuestionnaireResponse& response) {
    const char* loinc = nullptr;
    const char* display = nullptr;
    if (response.instrument_id == "phq9") {
      loinc = kPhq9TotalLoinc;
      display = "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]";
    } else if (response.instrument_id == "gad7") {
      loinc = kGad7TotalLoinc;
      display = "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]";
    } else {
      return;  // the others (taperlab's own or licensed) have no agreed FHIR form here
    }
    const Instrument* instrument = instruments_.try_find(response.instrument_id);
    const std::string name = instrument ? instrument->name : response.instrument_id;
    const std::string key = person_key_ + "/questionnaire/" + response.instrument_id + "/" +
                            response.date.to_string() + "/" + response.recorded_at + "/" +
                            std::to_string(response.id);
    const std::string response_id = uuid_of(key + "/QuestionnaireResponse");
    const std::string authored = instant(response.recorded_at);

    json items = json::array();
    for (std::size_t i = 0; i < response.answers.size(); ++i) {
      json item = {{"linkId", instrument && i < instrument->items.size() ? instrument->items[i].id
                                                                         : std::to_string(i + 1)},
                   {"answer", json::array({{{"valueInteger", response.answers[i]}}})}};
      if (instrument && i < instrument->items.size()) item["text"] = instrument->items[i].text;
      items.push_back(std::move(item));
    }
    json qr = {{"resourceType", "QuestionnaireResponse"},
               {"status", "completed"},
               {"subject", subject()},
               {"authored", authored.empty() ? response.date.to_string() : authored},
               {"item", items}};
    add(response_id, std::move(qr));

    json observation = {{"resourceType", "Observation"},
                        {"status", "final"},
                        {"category", survey_category()},
                        {"code",
                         {{"coding", json::array({coding(kLoincSystem, loinc, display)})},
                          {"text", name + " total score"}}},
                        {"subject", subject()},
                        {"effectiveDateTime", response.date.to_string()},
                        {"valueQuantity", quantity(response.total, "{score}", "{score}")},
                        {"derivedFrom", json::array({{{"reference", "urn:uuid:" + response_id}}})}};
    if (!authored.empty()) observation["issued"] = authored;
    if (!response.band.empty()) {
      observation["interpretation"] = json::array({{{"text", response.band}}});
    }
    add(uuid_of(key + "/Observation"), std::move(observation));
  }

  // ---- check-ins ----------------------------------------------------------------------------

  std::string check_in_key(const CheckIn& c) const {
    return person_key_ + "/check-in/" + c.date.to_string();
  }

  void add_symptom_score(const CheckIn& check_in) {
    const Instrument* checklist = instruments_.try_find("symptom-checklist");
    if (!checklist) return;
    const SymptomScore score = symptom_score(check_in, *checklist);
    if (!score.share) return;  // nothing answered: no score
    json components = json::array();
    for (const auto& item : checklist->items) {
      const auto it = check_in.symptoms.find(item.id);
      if (it == check_in.symptoms.end()) continue;  // not answered is not 0
      components.push_back(
          {{"code", {{"text", item.id + ": " + item.text}}}, {"valueInteger", it->second}});
    }
    // taperlab's own checklist: no LOINC code claims to be it.
    json observation = {
        {"resourceType", "Observation"},
        {"status", "final"},
        {"category", survey_category()},
        {"code",
         {{"text",
           "taperlab daily symptom checklist score: the sum of the answered "
           "items (each 0-4) as a share of their maximum"}}},
        {"subject", subject()},
        {"effectiveDateTime", check_in.date.to_string()},
        {"valueQuantity", quantity(*score.share * 100.0, "%", "%")},
        {"note",
         json::array(
             {{{"text", std::to_string(score.sum) + " of " + std::to_string(score.max) + ", " +
                            std::to_string(score.answered) + " of " + std::to_string(score.items) +
                            " items answered. taperlab's own checklist "
                            "(docs/tracking.md), not a validated scale."}}})},
        {"component", components}};
    const std::string issued = instant(check_in.recorded_at);
    if (!issued.empty()) observation["issued"] = issued;
    add(uuid_of(check_in_key(check_in) + "/symptoms"), std::move(observation));
  }

  void add_sleep(const CheckIn& check_in) {
    const SleepDiary& s = check_in.sleep;
    json components = json::array();
    if (s.quality) {
      components.push_back({{"code", {{"text", "sleep quality, 0 (worst) to 10 (best)"}}},
                            {"valueInteger", *s.quality}});
    }
    if (s.minutes_to_fall_asleep) {
      components.push_back({{"code", {{"text", "minutes to fall asleep"}}},
                            {"valueQuantity", quantity(*s.minutes_to_fall_asleep, "min", "min")}});
    }
    if (s.awakenings) {
      components.push_back(
          {{"code", {{"text", "awakenings in the night"}}}, {"valueInteger", *s.awakenings}});
    }
    if (s.bedtime) {
      components.push_back({{"code", {{"text", "bedtime"}}}, {"valueTime", fhir_time(*s.bedtime)}});
    }
    if (s.wake_time) {
      components.push_back(
          {{"code", {{"text", "wake time"}}}, {"valueTime", fhir_time(*s.wake_time)}});
    }
    if (s.bedtime && s.wake_time) {
      // Time in bed, not sleep: the diary does not say how long the awakenings lasted.
      int minutes = s.wake_time->minutes - s.bedtime->minutes;
      if (minutes <= 0) minutes += 24 * 60;
      components.push_back({{"code", {{"text", "time in bed (bedtime to wake time), hours"}}},
                            {"valueQuantity", quantity(minutes / 60.0, "h", "h")}});
    }
    if (components.empty()) return;
    json observation = {{"resourceType", "Observation"},
                        {"status", "final"},
                        {"category", survey_category()},
                        {"code", {{"text", "taperlab sleep diary (docs/tracking.md)"}}},
                        {"subject", subject()},
                        {"effectiveDateTime", check_in.date.to_string()},
                        {"component", components}};
    const std::string issued = instant(check_in.recorded_at);
    if (!issued.empty()) observation["issued"] = issued;
    add(uuid_of(check_in_key(check_in) + "/sleep"), std::move(observation));
  }

  const FhirExportInput& in_;
  const MedicationCodes& codes_;
  const InstrumentRegistry& instruments_;
  std::string person_key_;
  std::string patient_id_;
  std::string plan_country_;
  json entries_ = json::array();
};

}  // namespace

const ProductCode* MedicationCodes::find(const std::string& drug_id, const std::string& country,
                                         FormulationForm form, double strength_mg,
                                         double strength_mg_per_ml) const {
  for (const auto& c : codes) {
    if (c.drug_id == drug_id && c.country == country && c.form == form &&
        same(c.strength_mg, strength_mg) && same(c.strength_mg_per_ml, strength_mg_per_ml)) {
      return &c;
    }
  }
  return nullptr;
}

MedicationCodes parse_medication_codes(const json& doc, const std::string& file) {
  auto fail = [&file](const std::string& field, const std::string& message) {
    throw DataFileError(file, "", field, message);
  };
  if (!doc.is_object() || !doc.contains("codes") || !doc["codes"].is_array()) {
    fail("codes", "expected a list");
  }
  MedicationCodes out;
  const json& list = doc["codes"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = "codes[" + std::to_string(i) + "]";
    const json& e = list[i];
    if (!e.is_object()) fail(at, "expected an object");
    auto text = [&](const char* key) {
      if (!e.contains(key) || !e[key].is_string() || e[key].get<std::string>().empty()) {
        fail(at + "." + key, "expected a non-empty string");
      }
      return e[key].get<std::string>();
    };
    ProductCode c;
    c.drug_id = text("drug");
    c.country = text("country");
    const std::string form = text("form");
    const std::optional<FormulationForm> known = form_named(form);
    if (!known) fail(at + ".form", "unknown form '" + form + "'");
    c.form = *known;
    const char* strength_key =
        c.form == FormulationForm::kOralSolution ? "strength_mg_per_ml" : "strength_mg";
    if (!e.contains(strength_key) || !e[strength_key].is_number() ||
        !(e[strength_key].get<double>() > 0)) {
      fail(at + "." + strength_key, "expected a number > 0");
    }
    (c.form == FormulationForm::kOralSolution ? c.strength_mg_per_ml : c.strength_mg) =
        e[strength_key].get<double>();
    c.system = text("system");
    if (c.system != kRxNormSystem && c.system != kDmdSystem) {
      fail(at + ".system", "expected " + std::string(kRxNormSystem) + " or " + kDmdSystem);
    }
    c.code = text("code");
    if (c.code.find_first_not_of("0123456789") != std::string::npos) {
      fail(at + ".code", "expected digits only");
    }
    c.display = text("display");
    if (text("evidence") != "published") {
      fail(at + ".evidence", "only published codes are exported (expected \"published\")");
    }
    c.source = text("source");
    if (out.find(c.drug_id, c.country, c.form, c.strength_mg, c.strength_mg_per_ml)) {
      fail(at, "a second code for " + c.drug_id + " " + form_name(c.form) + " in " + c.country);
    }
    out.codes.push_back(std::move(c));
  }
  return out;
}

json fhir_bundle(const FhirExportInput& in, const MedicationCodes& codes,
                 const InstrumentRegistry& instruments) {
  return BundleWriter(in, codes, instruments).write();
}

}  // namespace taperlab::report
