#include "report/fhir_bundle.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/base/error.hpp"
#include "core/journal/plan_view.hpp"
#include "core/plan/planner.hpp"
#include "io/data_dir.hpp"
#include "io/instruments_load.hpp"
#include "test_catalog.hpp"

namespace taperlab::report {
namespace {

using nlohmann::json;

const InstrumentRegistry& instruments() {
  static const InstrumentRegistry registry = io::load_instruments(TAPERLAB_TEST_DATA_DIR);
  return registry;
}

const MedicationCodes& shipped_codes() {
  static const MedicationCodes codes = parse_medication_codes(
      io::read_data_json(std::string(TAPERLAB_TEST_DATA_DIR) + "/codes/medication_codes.json"),
      "medication_codes.json");
  return codes;
}

CivilDate day(const char* text) { return parse_civil_date(text, "date"); }

// A person in New York in November (UTC-5): a fixed offset stands in for the zone database.
FhirExportInput person_in(const std::string& country) {
  FhirExportInput in;
  in.person.id = 7;
  in.person.name = "Sam";
  in.person.profile.sex = "female";
  in.person.profile.country = country;
  in.person.created_on = day("2026-11-01");
  in.person.time_zone = "America/New_York";
  in.today = day("2026-11-30");
  in.now_utc = "2026-11-30T14:00:00Z";
  in.local_date_time = [](CivilDate d, TimeOfDay t) {
    return d.to_string() + "T" + t.to_string() + ":00-05:00";
  };
  in.local_instant = [](const std::string& utc) {
    return utc.empty() ? std::string() : utc.substr(0, 19) + "+00:00";
  };
  return in;
}

// A saved plan for `regimen` with the products listed, sold in `country`, from 2026-11-02.
void add_plan(FhirExportInput& in, const std::string& regimen, const std::string& products) {
  PlanRequest request = testing::plan_request(regimen, "fraction", products);
  request.profile.country = in.person.profile.country;
  request.settings.country = in.person.profile.country == "GB" ? "UK" : in.person.profile.country;
  request.settings.cut_fraction = 0.10;
  request.settings.every_days = 14;
  request.settings.start_date = day("2026-11-02");
  const Plan plan = build_plan(request, testing::shipped_catalog());
  PlanVersion version;
  version.id = 3;
  version.version = 1;
  version.effective_from = day("2026-11-02");
  version.plan = json::parse(plan_document_text(plan));
  version.recorded_at = "2026-11-01T12:00:00Z";
  in.plan_view = parse_plan_view(*version.plan);
  in.plan_version = version;
}

std::vector<json> resources(const json& bundle, const std::string& type) {
  std::vector<json> out;
  for (const auto& e : bundle.at("entry")) {
    if (e.at("resource").at("resourceType") == type) out.push_back(e.at("resource"));
  }
  return out;
}

TEST(FhirBundle, IsACollectionWithUuidFullUrlsAndAPatientWithoutContactDetails) {
  const json b = fhir_bundle(person_in("US"), shipped_codes(), instruments());
  EXPECT_EQ(b.at("resourceType"), "Bundle");
  EXPECT_EQ(b.at("type"), "collection");
  EXPECT_EQ(b.at("timestamp"), "2026-11-30T14:00:00+00:00");
  const auto patients = resources(b, "Patient");
  ASSERT_EQ(patients.size(), 1U);
  const json& p = patients[0];
  EXPECT_EQ(p.at("name")[0].at("text"), "Sam");
  EXPECT_EQ(p.at("gender"), "female");
  EXPECT_EQ(p.at("address")[0].at("country"), "US");
  EXPECT_FALSE(p.contains("telecom"));
  for (const auto& e : b.at("entry")) {
    EXPECT_EQ(e.at("fullUrl"), "urn:uuid:" + e.at("resource").at("id").get<std::string>());
  }
}

TEST(FhirBundle, UkIsGbInTheAddressAndNoNameIsLeftOut) {
  FhirExportInput in = person_in("UK");
  in.person.name.clear();
  const json p = resources(fhir_bundle(in, shipped_codes(), instruments()), "Patient").at(0);
  EXPECT_EQ(p.at("address")[0].at("country"), "GB");
  EXPECT_FALSE(p.contains("name"));
}

TEST(FhirBundle, IdsAreStableAcrossExportsAndDifferBetweenPeople) {
  FhirExportInput a = person_in("US");
  add_plan(a, "diazepam 5mg@08:00, 5mg@20:00", "diazepam:2,5,10 tablet half");
  const json first = fhir_bundle(a, shipped_codes(), instruments());
  const json second = fhir_bundle(a, shipped_codes(), instruments());
  EXPECT_EQ(first, second);
  std::set<std::string> ids;
  for (const auto& e : first.at("entry")) ids.insert(e.at("fullUrl").get<std::string>());
  EXPECT_EQ(ids.size(), first.at("entry").size());
  FhirExportInput b = a;
  b.person.id = 8;
  EXPECT_NE(resources(fhir_bundle(b, shipped_codes(), instruments()), "Patient")[0].at("id"),
            resources(first, "Patient")[0].at("id"));
}

TEST(FhirBundle, PlanStepsAreRequestsWithATimingPerClockTimeInMgAndTablets) {
  FhirExportInput in = person_in("US");
  add_plan(in, "diazepam 5mg@08:00, 5mg@20:00", "diazepam:2,5,10 tablet half");
  const json b = fhir_bundle(in, shipped_codes(), instruments());
  const auto requests = resources(b, "MedicationRequest");
  ASSERT_FALSE(requests.empty());
  const json& first = requests.front();
  EXPECT_EQ(first.at("intent"), "plan");
  EXPECT_EQ(first.at("subject").at("reference"),
            "urn:uuid:" + resources(b, "Patient")[0].at("id").get<std::string>());
  EXPECT_NE(first.at("note")[0].at("text").get<std::string>().find("draft to discuss and agree"),
            std::string::npos);
  EXPECT_EQ(first.at("dispenseRequest").at("validityPeriod").at("start"), "2026-11-02");
  EXPECT_EQ(first.at("dispenseRequest").at("validityPeriod").at("end"), "2026-11-15");
  EXPECT_EQ(first.at("authoredOn"), "2026-11-01T12:00:00+00:00");
  // Step 1 ended before 2026-11-30: completed; step 3 (from 2026-11-30) is in force: active.
  EXPECT_EQ(first.at("status"), "completed");
  bool saw_active = false;
  for (const auto& r : requests) {
    if (r.at("dispenseRequest").at("validityPeriod").at("start") == "2026-11-30") {
      EXPECT_EQ(r.at("status"), "active");
      saw_active = true;
    }
  }
  EXPECT_TRUE(saw_active);
  // One dosage per clock time, each with its own timeOfDay, in the product's units and in mg.
  int tablets = 0;
  for (const auto& r : requests) {
    if (r.value("doNotPerform", false)) continue;
    for (const auto& d : r.at("dosageInstruction")) {
      const json& repeat = d.at("timing").at("repeat");
      ASSERT_EQ(repeat.at("timeOfDay").size(), 1U);
      const std::string time = repeat.at("timeOfDay")[0];
      EXPECT_TRUE(time == "08:00:00" || time == "20:00:00") << time;
      EXPECT_EQ(repeat.at("periodUnit"), "d");
      EXPECT_EQ(repeat.at("boundsPeriod"), r.at("dispenseRequest").at("validityPeriod"));
      const json& rates = d.at("doseAndRate");
      ASSERT_EQ(rates.size(), 2U);
      EXPECT_EQ(rates[0].at("type").at("coding")[0].at("code"), "ordered");
      const std::string units = rates[0].at("doseQuantity").at("code");
      EXPECT_TRUE(units == "{tablet}" || units == "mL") << units;  // tablets, or the liquid
      tablets += units == "{tablet}" ? 1 : 0;
      EXPECT_EQ(rates[1].at("type").at("coding")[0].at("code"), "calculated");
      EXPECT_EQ(rates[1].at("doseQuantity").at("code"), "mg");
      EXPECT_EQ(rates[1].at("doseQuantity").at("system"), "http://unitsofmeasure.org");
    }
  }
  EXPECT_GT(tablets, 0);
}

TEST(FhirBundle, UsProductsCarryVerifiedRxNormCodes) {
  FhirExportInput in = person_in("US");
  add_plan(in, "diazepam 5mg@08:00, 5mg@20:00", "diazepam:2,5,10 tablet half");
  std::set<std::string> codes;
  for (const auto& r :
       resources(fhir_bundle(in, shipped_codes(), instruments()), "MedicationRequest")) {
    const json& med = r.at("medicationCodeableConcept");
    const std::string text = med.at("text");
    if (!med.contains("coding")) continue;
    const json& c = med.at("coding")[0];
    EXPECT_EQ(c.at("system"), kRxNormSystem);
    if (text == "diazepam 5 mg tablet (halves)" || text.find("5 mg") != std::string::npos) {
      EXPECT_EQ(c.at("code"), "197591") << text;
    }
    codes.insert(c.at("code").get<std::string>());
  }
  EXPECT_TRUE(codes.count("197591")) << "diazepam 5 MG Oral Tablet";
}

TEST(FhirBundle, UkProductsUseDmdWhereACodeIsVerifiedAndTextOtherwise) {
  FhirExportInput in = person_in("UK");
  add_plan(in, "diazepam 5mg@08:00, 5mg@20:00", "diazepam:2,5,10 tablet half");
  bool saw_two = false;
  bool saw_five = false;
  for (const auto& r :
       resources(fhir_bundle(in, shipped_codes(), instruments()), "MedicationRequest")) {
    const json& med = r.at("medicationCodeableConcept");
    const std::string text = med.at("text");
    if (text.rfind("diazepam 2 mg", 0) == 0) {
      saw_two = true;
      ASSERT_TRUE(med.contains("coding")) << text;
      EXPECT_EQ(med.at("coding")[0].at("system"), kDmdSystem);
      EXPECT_EQ(med.at("coding")[0].at("code"), "321196004");
    }
    if (text.rfind("diazepam 5 mg", 0) == 0) {
      saw_five = true;
      EXPECT_FALSE(med.contains("coding")) << "no verified dm+d code for " << text;
    }
  }
  EXPECT_TRUE(saw_two);
  EXPECT_TRUE(saw_five);
}

TEST(FhirBundle, APausedPlansStepsNotYetOverAreOnHold) {
  FhirExportInput in = person_in("US");
  add_plan(in, "diazepam 5mg@08:00, 5mg@20:00", "diazepam:2,5,10 tablet half");
  in.paused_since = day("2026-11-25");
  for (const auto& r :
       resources(fhir_bundle(in, shipped_codes(), instruments()), "MedicationRequest")) {
    const json& period = r.at("dispenseRequest").at("validityPeriod");
    const bool over = period.contains("end") && period.at("end") < "2026-11-30";
    EXPECT_EQ(r.at("status"), over ? "completed" : "on-hold") << period;
    EXPECT_EQ(r.contains("statusReason"), !over);
  }
}

TEST(FhirBundle, APersonInGbGetsTheUkProductsCodes) {
  FhirExportInput in = person_in("GB");
  add_plan(in, "diazepam 5mg@08:00, 5mg@20:00", "diazepam:2,5,10 tablet half");
  (*in.plan_version->plan)["country"] = "GB";  // as ISO spells it, not as the catalogue does
  const json b = fhir_bundle(in, shipped_codes(), instruments());
  EXPECT_EQ(resources(b, "Patient")[0].at("address")[0].at("country"), "GB");
  bool coded = false;
  for (const auto& r : resources(b, "MedicationRequest")) {
    const json& med = r.at("medicationCodeableConcept");
    if (med.contains("coding")) coded = coded || med.at("coding")[0].at("code") == "321196004";
  }
  EXPECT_TRUE(coded);
}

TEST(FhirBundle, TheFinalStopIsADoNotPerformRequest) {
  FhirExportInput in = person_in("US");
  add_plan(in, "diazepam 5mg@08:00, 5mg@20:00", "diazepam:2,5,10 tablet half");
  const auto requests =
      resources(fhir_bundle(in, shipped_codes(), instruments()), "MedicationRequest");
  const json& last = requests.back();
  EXPECT_TRUE(last.at("doNotPerform").get<bool>());
  EXPECT_EQ(last.at("medicationCodeableConcept").at("text"), "diazepam");
  EXPECT_FALSE(last.at("dispenseRequest").at("validityPeriod").contains("end"));
}

TEST(FhirBundle, DosesAreStatementsWithStatusesAndLocalTimes) {
  FhirExportInput in = person_in("US");
  DoseLogEntry taken;
  taken.id = 1;
  taken.date = day("2026-11-20");
  taken.time = TimeOfDay{8 * 60 + 5};
  taken.drug_id = "clonazepam";
  taken.dose_mg = 0.5;
  taken.planned_time = TimeOfDay{8 * 60};
  taken.planned_dose_mg = 0.5;
  taken.recorded_at = "2026-11-20T13:06:00Z";
  DoseLogEntry missed = taken;
  missed.id = 2;
  missed.status = DoseStatus::kMissed;
  missed.time.reset();
  missed.dose_mg = 0.0;
  missed.planned_time = TimeOfDay{20 * 60};
  DoseLogEntry different = taken;
  different.id = 3;
  different.status = DoseStatus::kDifferent;
  different.dose_mg = 0.25;
  in.doses = {taken, missed, different};
  const auto s = resources(fhir_bundle(in, shipped_codes(), instruments()), "MedicationStatement");
  ASSERT_EQ(s.size(), 3U);
  EXPECT_EQ(s[0].at("status"), "completed");
  EXPECT_EQ(s[0].at("effectiveDateTime"), "2026-11-20T08:05:00-05:00");
  EXPECT_EQ(s[0].at("dateAsserted"), "2026-11-20T13:06:00+00:00");
  EXPECT_EQ(s[0].at("dosage")[0].at("doseAndRate")[0].at("doseQuantity").at("value"), 0.5);
  EXPECT_EQ(s[1].at("status"), "not-taken");
  EXPECT_EQ(s[1].at("effectiveDateTime"), "2026-11-20T20:00:00-05:00");
  EXPECT_TRUE(s[1].contains("statusReason"));
  EXPECT_EQ(s[1].at("dosage")[0].at("doseAndRate")[0].at("doseQuantity").at("value"), 0.5);
  EXPECT_EQ(s[2].at("status"), "completed");
  EXPECT_NE(s[2].at("note")[0].at("text").get<std::string>().find("planned 0.5 mg"),
            std::string::npos);
}

TEST(FhirBundle, Phq9AndGad7AreResponsesWithLoincTotals) {
  FhirExportInput in = person_in("US");
  QuestionnaireResponse phq9;
  phq9.id = 1;
  phq9.date = day("2026-11-21");
  phq9.instrument_id = "phq9";
  phq9.answers = {1, 1, 1, 0, 0, 0, 0, 1, 0};
  phq9.total = 4;
  phq9.band = "minimal";
  phq9.recorded_at = "2026-11-21T10:00:00Z";
  QuestionnaireResponse gad7 = phq9;
  gad7.id = 2;
  gad7.instrument_id = "gad7";
  gad7.answers = {2, 2, 1, 1, 0, 0, 0};
  gad7.total = 6;
  gad7.band = "mild";
  QuestionnaireResponse isi = phq9;  // not exported: no agreed FHIR form here
  isi.id = 3;
  isi.instrument_id = "isi";
  in.questionnaires = {phq9, gad7, isi};
  const json b = fhir_bundle(in, shipped_codes(), instruments());
  const auto responses = resources(b, "QuestionnaireResponse");
  ASSERT_EQ(responses.size(), 2U);
  EXPECT_EQ(responses[0].at("status"), "completed");
  ASSERT_EQ(responses[0].at("item").size(), 9U);
  EXPECT_EQ(responses[0].at("item")[8].at("linkId"), "self-harm");
  EXPECT_EQ(responses[0].at("item")[0].at("answer")[0].at("valueInteger"), 1);
  const auto observations = resources(b, "Observation");
  ASSERT_EQ(observations.size(), 2U);
  EXPECT_EQ(observations[0].at("code").at("coding")[0].at("system"), "http://loinc.org");
  EXPECT_EQ(observations[0].at("code").at("coding")[0].at("code"), "44261-6");
  EXPECT_EQ(observations[0].at("valueQuantity").at("value"), 4);
  EXPECT_EQ(observations[0].at("interpretation")[0].at("text"), "minimal");
  EXPECT_EQ(observations[0].at("derivedFrom")[0].at("reference"),
            "urn:uuid:" + responses[0].at("id").get<std::string>());
  EXPECT_EQ(observations[1].at("code").at("coding")[0].at("code"), "70274-6");
  EXPECT_EQ(observations[1].at("category")[0].at("coding")[0].at("code"), "survey");
}

TEST(FhirBundle, SymptomScoreAndSleepAreTextCodedObservationsOfWhatWasAnswered) {
  FhirExportInput in = person_in("US");
  CheckIn c;
  c.date = day("2026-11-22");
  c.symptoms = {{"anxiety", 3}, {"insomnia", 1}};
  c.sleep.quality = 6;
  c.sleep.bedtime = TimeOfDay{23 * 60};
  c.sleep.wake_time = TimeOfDay{6 * 60 + 30};
  CheckIn empty;  // nothing answered: no observation at all
  empty.date = day("2026-11-23");
  in.check_ins = {c, empty};
  const auto obs = resources(fhir_bundle(in, shipped_codes(), instruments()), "Observation");
  ASSERT_EQ(obs.size(), 2U);
  const json& symptoms = obs[0];
  EXPECT_FALSE(symptoms.at("code").contains("coding"));  // taperlab's own checklist
  EXPECT_EQ(symptoms.at("valueQuantity").at("code"), "%");
  EXPECT_DOUBLE_EQ(symptoms.at("valueQuantity").at("value").get<double>(), 50.0);  // 4 of 8
  EXPECT_EQ(symptoms.at("component").size(), 2U);  // only the answered items
  EXPECT_EQ(symptoms.at("effectiveDateTime"), "2026-11-22");
  const json& sleep = obs[1];
  EXPECT_FALSE(sleep.at("code").contains("coding"));
  std::set<std::string> parts;
  for (const auto& comp : sleep.at("component")) parts.insert(comp.at("code").at("text"));
  EXPECT_TRUE(parts.count("bedtime"));
  EXPECT_TRUE(parts.count("time in bed (bedtime to wake time), hours"));
  for (const auto& comp : sleep.at("component")) {
    if (comp.at("code").at("text") == "time in bed (bedtime to wake time), hours") {
      EXPECT_DOUBLE_EQ(comp.at("valueQuantity").at("value").get<double>(), 7.5);
    }
    if (comp.at("code").at("text") == "bedtime") {
      EXPECT_EQ(comp.at("valueTime"), "23:00:00");
    }
  }
}

TEST(MedicationCodes, OnlyPublishedCodesOfKnownSystemsAreRead) {
  const json good = {{"codes",
                      {{{"drug", "diazepam"},
                        {"country", "US"},
                        {"form", "tablet"},
                        {"strength_mg", 5},
                        {"system", kRxNormSystem},
                        {"code", "197591"},
                        {"display", "diazepam 5 MG Oral Tablet"},
                        {"evidence", "published"},
                        {"source", "VSAC"}}}}};
  EXPECT_EQ(parse_medication_codes(good, "f").codes.size(), 1U);
  json assumed = good;
  assumed["codes"][0]["evidence"] = "assumed";
  EXPECT_THROW(parse_medication_codes(assumed, "f"), DataFileError);
  json other = good;
  other["codes"][0]["system"] = "http://snomed.info/sct";
  EXPECT_THROW(parse_medication_codes(other, "f"), DataFileError);
  json twice = good;
  twice["codes"].push_back(good["codes"][0]);
  EXPECT_THROW(parse_medication_codes(twice, "f"), DataFileError);
}

TEST(MedicationCodes, TheShippedFileMatchesOnDrugCountryFormAndStrength) {
  const MedicationCodes& codes = shipped_codes();
  const ProductCode* c = codes.find("clonazepam", "US", FormulationForm::kOdt, 0.125, 0.0);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->code, "349194");
  EXPECT_EQ(codes.find("clonazepam", "UK", FormulationForm::kOdt, 0.125, 0.0), nullptr);
  EXPECT_EQ(codes.find("clonazepam", "US", FormulationForm::kTablet, 0.125, 0.0), nullptr);
  for (const auto& code : codes.codes) EXPECT_FALSE(code.source.empty()) << code.code;
}

}  // namespace
}  // namespace taperlab::report
