#include "core/journal/records_json.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/base/error.hpp"

namespace taperlab {
namespace {

using nlohmann::json;

CivilDate day(const char* text) { return parse_civil_date(text, "test"); }
TimeOfDay at(const char* text) { return parse_time_of_day(text, "test"); }

// The errors a parse reports, as "field: message" lines, or "" when it succeeds.
template <typename Parse>
std::vector<FieldError> errors_of(Parse&& parse) {
  try {
    parse();
  } catch (const ValidationError& e) {
    return e.errors();
  }
  ADD_FAILURE() << "expected a ValidationError";
  return {};
}

bool has_field(const std::vector<FieldError>& errors, const std::string& field) {
  for (const auto& e : errors) {
    if (e.field == field) return true;
  }
  return false;
}

std::string message_for(const std::vector<FieldError>& errors, const std::string& field) {
  for (const auto& e : errors) {
    if (e.field == field) return e.message;
  }
  return "<no error for " + field + ">";
}

CheckIn full_check_in() {
  CheckIn c;
  c.id = 17;
  c.person_id = 3;
  c.date = day("2026-11-23");
  c.symptoms = {{"anxiety", 2}, {"insomnia", 4}, {"tinnitus", 0}};
  c.sleep.bedtime = at("23:40");
  c.sleep.minutes_to_fall_asleep = 45;
  c.sleep.awakenings = 3;
  c.sleep.wake_time = at("06:55");
  c.sleep.quality = 4;
  c.habits.exercise_minutes = 30;
  c.habits.exercise_kind = "walk";
  c.habits.regular_meals = true;
  c.habits.caffeine_drinks = 2;
  c.habits.alcohol_units = 0.1 + 0.2;  // 0.30000000000000004: must survive exactly
  c.habits.relaxation_minutes = 15;
  c.habits.therapy_session = false;
  c.habits.social_contact = true;
  c.mood = 6;
  c.red_flags = {RedFlag::kConfusion, RedFlag::kSelfHarmThoughts};
  c.notes = "Сон кращий 😴 — «ok»\nline two";
  c.recorded_at = "2026-11-23T08:01:02Z";
  return c;
}

void expect_same(const CheckIn& a, const CheckIn& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.person_id, b.person_id);
  EXPECT_EQ(a.date, b.date);
  EXPECT_EQ(a.symptoms, b.symptoms);
  EXPECT_EQ(a.sleep.bedtime, b.sleep.bedtime);
  EXPECT_EQ(a.sleep.minutes_to_fall_asleep, b.sleep.minutes_to_fall_asleep);
  EXPECT_EQ(a.sleep.awakenings, b.sleep.awakenings);
  EXPECT_EQ(a.sleep.wake_time, b.sleep.wake_time);
  EXPECT_EQ(a.sleep.quality, b.sleep.quality);
  EXPECT_EQ(a.habits.exercise_minutes, b.habits.exercise_minutes);
  EXPECT_EQ(a.habits.exercise_kind, b.habits.exercise_kind);
  EXPECT_EQ(a.habits.regular_meals, b.habits.regular_meals);
  EXPECT_EQ(a.habits.caffeine_drinks, b.habits.caffeine_drinks);
  EXPECT_EQ(a.habits.alcohol_units, b.habits.alcohol_units);  // exact, not approximately
  EXPECT_EQ(a.habits.relaxation_minutes, b.habits.relaxation_minutes);
  EXPECT_EQ(a.habits.therapy_session, b.habits.therapy_session);
  EXPECT_EQ(a.habits.social_contact, b.habits.social_contact);
  EXPECT_EQ(a.mood, b.mood);
  EXPECT_EQ(a.red_flags, b.red_flags);
  EXPECT_EQ(a.notes, b.notes);
  EXPECT_EQ(a.recorded_at, b.recorded_at);
}

// A check-in's writer writes text (records_json.hpp): read back, for the round trips below.
json to_json(const CheckIn& c) { return json::parse(check_in_json_text(c)); }

// to_json(parse(j)) == j, also as text: an export re-imported and re-exported is byte-identical.
template <typename Parse>
void expect_json_round_trip(const json& j, Parse&& parse) {
  const json again = to_json(parse(j));
  EXPECT_EQ(again, j);
  EXPECT_EQ(again.dump(), j.dump());
  EXPECT_EQ(to_json(parse(json::parse(j.dump()))).dump(), j.dump());
}

TEST(RecordsJson, EnumNamesRoundTrip) {
  for (DoseStatus s :
       {DoseStatus::kTaken, DoseStatus::kMissed, DoseStatus::kExtra, DoseStatus::kDifferent}) {
    EXPECT_EQ(parse_dose_status(to_string(s), "status"), s);
  }
  for (RedFlag f : {RedFlag::kSeizure, RedFlag::kConfusion, RedFlag::kHallucinations,
                    RedFlag::kSelfHarmThoughts}) {
    EXPECT_EQ(parse_red_flag(to_string(f), "flag"), f);
  }
  for (DecisionKind k :
       {DecisionKind::kContinue, DecisionKind::kHold, DecisionKind::kSlow, DecisionKind::kUrgent}) {
    EXPECT_EQ(parse_decision_kind(to_string(k), "kind"), k);
  }
  EXPECT_STREQ(to_string(RedFlag::kSelfHarmThoughts), "self-harm");
}

TEST(RecordsJson, EnumParseNamesTheFieldAndTheChoices) {
  const auto errors = errors_of([] { parse_dose_status("skipped", "dose.status"); });
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "dose.status");
  EXPECT_EQ(errors[0].message, "expected one of taken, missed, extra, different; got 'skipped'");
  EXPECT_EQ(errors_of([] { parse_decision_kind("stop", "k"); })[0].message,
            "expected one of continue, hold, slow, urgent; got 'stop'");
  EXPECT_EQ(errors_of([] { parse_red_flag("fever", "f"); })[0].field, "f");
}

TEST(RecordsJson, CheckInRoundTripsExactly) {
  const CheckIn original = full_check_in();
  const json j = to_json(original);
  expect_same(parse_check_in(j), original);
  expect_same(parse_check_in(json::parse(j.dump())), original);
  expect_json_round_trip(j, [](const json& doc) { return parse_check_in(doc); });
  EXPECT_EQ(j["sleep"]["bedtime"], "23:40");
  EXPECT_EQ(j["red_flags"], json::array({"confusion", "self-harm"}));
}

TEST(RecordsJson, EmptyCheckInWritesNullsAndRoundTrips) {
  CheckIn c;
  c.date = day("2026-01-05");
  const json j = json::parse(check_in_json_text(c));
  EXPECT_TRUE(j["mood"].is_null());
  EXPECT_TRUE(j["sleep"]["quality"].is_null());
  EXPECT_TRUE(j["habits"]["alcohol_units"].is_null());
  expect_same(parse_check_in(j), c);
  expect_json_round_trip(j, [](const json& doc) { return parse_check_in(doc); });
}

TEST(RecordsJson, MissingAndNullOptionalsReadTheSame) {
  const CheckIn sparse = parse_check_in(json{{"date", "2026-01-05"}});
  const CheckIn nulls = parse_check_in(json{{"date", "2026-01-05"},
                                            {"mood", nullptr},
                                            {"sleep", {{"quality", nullptr}}},
                                            {"habits", nullptr}});
  expect_same(sparse, nulls);
  EXPECT_FALSE(sparse.mood.has_value());
  EXPECT_FALSE(sparse.sleep.quality.has_value());
  EXPECT_TRUE(sparse.symptoms.empty());
}

TEST(RecordsJson, OutOfRangeValueNamesItsPath) {
  json j = json::parse(check_in_json_text(full_check_in()));
  j["sleep"]["quality"] = 11;
  const auto errors = errors_of([&] { parse_check_in(j); });
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "check_in.sleep.quality");
  EXPECT_EQ(errors[0].message, "expected a whole number from 0 to 10, got 11");
}

TEST(RecordsJson, FieldPrefixLetsCallersPlaceTheRecord) {
  json j = json::parse(check_in_json_text(full_check_in()));
  j["mood"] = -1;
  const auto errors = errors_of([&] { parse_check_in(j, "check_ins[3]"); });
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "check_ins[3].mood");
}

TEST(RecordsJson, UnknownKeysAreRejectedByName) {
  json j = json::parse(check_in_json_text(full_check_in()));
  j["moood"] = 5;
  j["sleep"]["naps"] = 1;
  const auto errors = errors_of([&] { parse_check_in(j); });
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(message_for(errors, "check_in.moood"), "unknown field");
  EXPECT_EQ(message_for(errors, "check_in.sleep.naps"), "unknown field");
}

TEST(RecordsJson, WrongTypesAreNamed) {
  json j = json::parse(check_in_json_text(full_check_in()));
  j["mood"] = "5";
  j["notes"] = 3;
  j["habits"]["regular_meals"] = 1;
  j["sleep"] = json::array();
  j["red_flags"] = "seizure";
  const auto errors = errors_of([&] { parse_check_in(j); });
  EXPECT_EQ(message_for(errors, "check_in.mood"),
            "expected a whole number from 0 to 10, got a string");
  EXPECT_EQ(message_for(errors, "check_in.notes"), "expected a string, got 3");
  EXPECT_EQ(message_for(errors, "check_in.habits.regular_meals"), "expected true or false, got 1");
  EXPECT_EQ(message_for(errors, "check_in.sleep"), "expected an object, got a list");
  EXPECT_EQ(message_for(errors, "check_in.red_flags"),
            "expected a list of red flag names, got a string");
  EXPECT_EQ(errors.size(), 5u);
}

TEST(RecordsJson, FractionalNumberIsNotAWholeNumber) {
  json j = json::parse(check_in_json_text(full_check_in()));
  j["sleep"]["awakenings"] = 2.5;
  EXPECT_EQ(message_for(errors_of([&] { parse_check_in(j); }), "check_in.sleep.awakenings"),
            "expected a whole number from 0 to 50, got 2.5");
}

TEST(RecordsJson, AllErrorsAreCollectedInOneValidationError) {
  const json j = {{"date", "2026-02-30"},
                  {"symptoms", {{"anxiety", 5}, {"panic", 2}, {"tremor", "a lot"}}},
                  {"sleep",
                   {{"bedtime", "24:10"},
                    {"minutes_to_fall_asleep", 721},
                    {"awakenings", 51},
                    {"quality", 11}}},
                  {"habits", {{"alcohol_units", 100.5}, {"exercise_minutes", 1441}}},
                  {"mood", 11},
                  {"red_flags", {"seizure", "fever", "seizure"}},
                  {"extra", true}};
  const auto errors = errors_of([&] { parse_check_in(j); });
  for (const char* field :
       {"check_in.date", "check_in.symptoms.anxiety", "check_in.symptoms.tremor",
        "check_in.sleep.bedtime", "check_in.sleep.minutes_to_fall_asleep",
        "check_in.sleep.awakenings", "check_in.sleep.quality", "check_in.habits.alcohol_units",
        "check_in.habits.exercise_minutes", "check_in.mood", "check_in.red_flags[1]",
        "check_in.red_flags[2]", "check_in.extra"}) {
    EXPECT_TRUE(has_field(errors, field)) << field;
  }
  EXPECT_EQ(errors.size(), 13u);
  EXPECT_NE(message_for(errors, "check_in.red_flags[1]").find("expected one of"),
            std::string::npos);
  EXPECT_EQ(message_for(errors, "check_in.red_flags[2]"), "'seizure' is listed twice");
  EXPECT_EQ(message_for(errors, "check_in.habits.alcohol_units"),
            "expected a number from 0 to 100, got 100.5");
}

TEST(RecordsJson, MissingRequiredAndNotAnObject) {
  auto errors = errors_of([] { parse_check_in(json::object()); });
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "check_in.date");
  EXPECT_EQ(errors[0].message, "is missing");

  errors = errors_of([] { parse_check_in(json::array()); });
  ASSERT_EQ(errors.size(), 1u);  // not also "date is missing": one cause, one message
  EXPECT_EQ(errors[0].field, "check_in");
  EXPECT_EQ(errors[0].message, "expected an object, got a list");

  errors = errors_of([] { parse_check_in(json{{"date", nullptr}}); });
  EXPECT_EQ(message_for(errors, "check_in.date"), "expected a date as \"YYYY-MM-DD\", got null");
}

DoseLogEntry taken_dose() {
  DoseLogEntry e;
  e.id = 9;
  e.person_id = 3;
  e.date = day("2026-11-23");
  e.time = at("08:05");
  e.drug_id = "clonazepam";
  e.dose_mg = 0.1 + 0.2;
  e.status = DoseStatus::kDifferent;
  e.planned_time = at("08:00");
  e.planned_dose_mg = 1.0 / 3.0;
  e.note = "half a tablet, crumbled";
  e.recorded_at = "2026-11-23T08:06:00Z";
  return e;
}

void expect_same(const DoseLogEntry& a, const DoseLogEntry& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.person_id, b.person_id);
  EXPECT_EQ(a.date, b.date);
  EXPECT_EQ(a.time, b.time);
  EXPECT_EQ(a.drug_id, b.drug_id);
  EXPECT_EQ(a.dose_mg, b.dose_mg);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.planned_time, b.planned_time);
  EXPECT_EQ(a.planned_dose_mg, b.planned_dose_mg);
  EXPECT_EQ(a.note, b.note);
  EXPECT_EQ(a.recorded_at, b.recorded_at);
}

TEST(RecordsJson, DoseLogEntryRoundTripsDoublesExactly) {
  const DoseLogEntry original = taken_dose();
  const json j = to_json(original);
  expect_same(parse_dose_log_entry(j), original);
  expect_same(parse_dose_log_entry(json::parse(j.dump())), original);
  expect_json_round_trip(j, [](const json& doc) { return parse_dose_log_entry(doc); });

  DoseLogEntry tiny = original;
  tiny.dose_mg = std::nextafter(0.0, 1.0);  // the smallest subnormal
  tiny.planned_dose_mg = std::nullopt;
  tiny.time = std::nullopt;
  expect_same(parse_dose_log_entry(json::parse(to_json(tiny).dump())), tiny);
}

TEST(RecordsJson, DoseLogEntryChecksAmountsAndStatus) {
  json j = to_json(taken_dose());
  j["dose_mg"] = -0.5;
  j["status"] = "skipped";
  j["planned_dose_mg"] = "1";
  j["time"] = "8h";
  auto errors = errors_of([&] { parse_dose_log_entry(j, "doses[0]"); });
  EXPECT_EQ(message_for(errors, "doses[0].dose_mg"), "expected a number >= 0, got -0.5");
  EXPECT_NE(message_for(errors, "doses[0].status").find("expected one of taken"),
            std::string::npos);
  EXPECT_TRUE(has_field(errors, "doses[0].planned_dose_mg"));
  EXPECT_NE(message_for(errors, "doses[0].time").find("malformed time"), std::string::npos);
  EXPECT_EQ(errors.size(), 4u);

  DoseLogEntry not_finite = taken_dose();
  not_finite.dose_mg = std::numeric_limits<double>::quiet_NaN();
  errors = errors_of([&] { parse_dose_log_entry(to_json(not_finite)); });
  EXPECT_EQ(message_for(errors, "dose.dose_mg"),
            "expected a number >= 0, got a number that is not finite");

  DoseLogEntry missed = taken_dose();
  missed.status = DoseStatus::kMissed;
  errors = errors_of([&] { parse_dose_log_entry(to_json(missed)); });
  EXPECT_TRUE(has_field(errors, "dose.dose_mg"));
  missed.dose_mg = 0.0;
  missed.time = std::nullopt;
  expect_same(parse_dose_log_entry(to_json(missed)), missed);
}

TEST(RecordsJson, RegimenKeepsThePlanFileShape) {
  Regimen r;
  r.drugs.push_back({"clonazepam", {{0.5, at("08:00")}, {0.25, at("20:00")}}});
  r.drugs.push_back({"zolpidem", {{2.5, at("22:30")}}});
  const json j = to_json(r);
  EXPECT_EQ(j, json::parse(R"({"drugs": [
      {"drug": "clonazepam", "doses": [{"dose_mg": 0.5, "time": "08:00"},
                                       {"dose_mg": 0.25, "time": "20:00"}]},
      {"drug": "zolpidem", "doses": [{"dose_mg": 2.5, "time": "22:30"}]}]})"));
  const Regimen back = parse_regimen(j);
  ASSERT_EQ(back.drugs.size(), 2u);
  EXPECT_EQ(back.drugs[0].drug_id, "clonazepam");
  EXPECT_EQ(back.drugs[0].doses[1].dose_mg, 0.25);
  EXPECT_EQ(back.drugs[0].doses[1].time, at("20:00"));
  expect_json_round_trip(j, [](const json& doc) { return parse_regimen(doc); });
  // Drug ids are kept as given: the catalogue check is the caller's.
  EXPECT_EQ(parse_regimen(json::parse(R"({"drugs": [{"drug": "not-a-drug", "doses": []}]})"))
                .drugs[0]
                .drug_id,
            "not-a-drug");
}

TEST(RecordsJson, RegimenRejectsDuplicatesAndBadDoses) {
  const json j = json::parse(R"({"drugs": [
      {"drug": "clonazepam", "doses": [{"dose_mg": 1, "time": "08:00"},
                                       {"dose_mg": -1, "time": "08:00"}]},
      {"drug": "clonazepam", "doses": [{"time": "09:00", "mg": 1}]},
      {"drug": ""}]})");
  const auto errors = errors_of([&] { parse_regimen(j, "regimen_record.regimen"); });
  EXPECT_TRUE(has_field(errors, "regimen_record.regimen.drugs[0].doses[1].dose_mg"));
  EXPECT_EQ(message_for(errors, "regimen_record.regimen.drugs[0].doses[1].time"),
            "two doses at 08:00");
  EXPECT_EQ(message_for(errors, "regimen_record.regimen.drugs[1].drug"),
            "appears twice; give all its doses in one entry");
  EXPECT_EQ(message_for(errors, "regimen_record.regimen.drugs[1].doses[0].dose_mg"), "is missing");
  EXPECT_EQ(message_for(errors, "regimen_record.regimen.drugs[1].doses[0].mg"), "unknown field");
  EXPECT_TRUE(has_field(errors, "regimen_record.regimen.drugs[2].drug"));
  EXPECT_EQ(message_for(errors, "regimen_record.regimen.drugs[2].doses"), "is missing");
  EXPECT_EQ(errors.size(), 7u);
}

TEST(RecordsJson, PersonRoundTripsWithProfile) {
  Person p;
  p.id = 4;
  p.name = "Ана";
  p.profile.age_years = 70;
  p.profile.sex = "female";
  p.profile.country = "UK";
  p.profile.risks = {RiskFactor::kSeizures, RiskFactor::kOpioidCoPrescription};
  p.profile.weeks_on_regimen = 104.5;
  p.created_on = day("2026-01-02");
  const json j = to_json(p);
  const Person back = parse_person(j);
  EXPECT_EQ(back.id, 4);
  EXPECT_EQ(back.name, p.name);
  EXPECT_EQ(back.profile.age_years, 70);
  EXPECT_EQ(back.profile.risks, p.profile.risks);
  EXPECT_EQ(back.profile.weeks_on_regimen, 104.5);
  EXPECT_EQ(back.created_on, p.created_on);
  expect_json_round_trip(j, [](const json& doc) { return parse_person(doc); });
}

TEST(RecordsJson, PersonProfileErrorsAreRebasedUnderThePrefix) {
  json j = to_json(Person{});
  j["profile"]["age"] = 200;
  j["created_on"] = "yesterday";
  const auto errors = errors_of([&] { parse_person(j, "people[2]"); });
  EXPECT_TRUE(has_field(errors, "people[2].profile.age"));
  EXPECT_TRUE(has_field(errors, "people[2].created_on"));
  EXPECT_EQ(errors.size(), 2u);
}

TEST(RecordsJson, PlanVersionRoundTripsOpaqueJson) {
  PlanVersion v;
  v.id = 12;
  v.person_id = 3;
  v.version = 2;
  v.effective_from = day("2026-03-01");
  v.reason = "hold: symptom score above baseline";
  v.decision_id = 5;
  v.request = nlohmann::json{{"regimen", {{"drugs", json::array()}}}, {"cut_fraction", 0.1}};
  v.plan = nlohmann::json{{"steps", {{{"day", 0}, {"dose_mg", 0.1 + 0.7}}}}, {"note", "ünïcode"}};
  v.recorded_at = "2026-03-01T09:00:00Z";
  const json j = to_json(v);
  const PlanVersion back = parse_plan_version(j);
  EXPECT_EQ(back.id, v.id);
  EXPECT_EQ(back.version, 2);
  EXPECT_EQ(back.effective_from, v.effective_from);
  EXPECT_EQ(back.reason, v.reason);
  EXPECT_EQ(back.decision_id, v.decision_id);
  EXPECT_EQ(back.request, v.request);
  EXPECT_EQ(back.plan, v.plan);
  EXPECT_EQ(back.recorded_at, v.recorded_at);
  expect_json_round_trip(j, [](const json& doc) { return parse_plan_version(doc); });
  EXPECT_TRUE(to_json(PlanVersion{})["decision_id"].is_null());
}

TEST(RecordsJson, QuestionnaireCognitiveDecisionAndAuditRoundTrip) {
  QuestionnaireResponse q{
      1,          3,    day("2026-02-01"),     "phq9", {0, 1, 2, 3, 0, 1, 2, 3, 1}, 13,
      "moderate", true, "2026-02-01T10:00:00Z"};
  const QuestionnaireResponse q2 = parse_questionnaire_response(to_json(q));
  EXPECT_EQ(q2.answers, q.answers);
  EXPECT_EQ(q2.total, 13);
  EXPECT_EQ(q2.band, "moderate");
  EXPECT_TRUE(q2.crisis_shown);
  expect_json_round_trip(to_json(q), [](const json& d) { return parse_questionnaire_response(d); });

  CognitiveSession s{2,
                     3,
                     day("2026-02-02"),
                     "digit-span-forward",
                     "Pixel 7",
                     "Chrome 120",
                     json{{"span", 6}, {"mean_rt_ms", 412.25}},
                     "2026-02-02T10:00:00Z"};
  const CognitiveSession s2 = parse_cognitive_session(to_json(s));
  EXPECT_EQ(s2.result, s.result);
  EXPECT_EQ(s2.device, "Pixel 7");
  expect_json_round_trip(to_json(s), [](const json& d) { return parse_cognitive_session(d); });

  Decision d{3,
             3,
             day("2026-02-03"),
             DecisionKind::kSlow,
             4,
             "score 12 above baseline 6",
             json{{"baseline", 6}, {"recent", {12, 11, 13}}},
             7,
             "2026-02-03T10:00:00Z"};
  const Decision d2 = parse_decision(to_json(d));
  EXPECT_EQ(d2.kind, DecisionKind::kSlow);
  EXPECT_EQ(d2.step_index, 4);
  EXPECT_EQ(d2.evidence, d.evidence);
  EXPECT_EQ(d2.plan_version_id, 7);
  expect_json_round_trip(to_json(d), [](const json& doc) { return parse_decision(doc); });

  AuditEntry a{4, 3, "2026-02-03T10:00:00Z", "create", "check_in", 77, "2026-02-03"};
  const AuditEntry a2 = parse_audit_entry(to_json(a));
  EXPECT_EQ(a2.entity, "check_in");
  EXPECT_EQ(a2.entity_id, 77);
  expect_json_round_trip(to_json(a), [](const json& doc) { return parse_audit_entry(doc); });

  RegimenRecord r{5, 3, day("2026-01-01"), Regimen{{{"diazepam", {{5.0, at("08:00")}}}}},
                  "2026-01-01T00:00:00Z"};
  const RegimenRecord r2 = parse_regimen_record(to_json(r));
  EXPECT_EQ(r2.regimen.drugs.at(0).drug_id, "diazepam");
  expect_json_round_trip(to_json(r), [](const json& doc) { return parse_regimen_record(doc); });
}

TEST(RecordsJson, OtherRecordsValidateToo) {
  auto errors = errors_of([] {
    parse_questionnaire_response(json{
        {"date", "2026-02-01"}, {"instrument_id", ""}, {"answers", {1, -1, "2"}}, {"total", -3}});
  });
  EXPECT_TRUE(has_field(errors, "questionnaire_response.instrument_id"));
  EXPECT_TRUE(has_field(errors, "questionnaire_response.answers[1]"));
  EXPECT_TRUE(has_field(errors, "questionnaire_response.answers[2]"));
  EXPECT_TRUE(has_field(errors, "questionnaire_response.total"));
  EXPECT_EQ(errors.size(), 4u);

  errors = errors_of([] {
    parse_decision(json{{"date", "2026-02-01"}, {"kind", "pause"}, {"plan_version_id", 0}});
  });
  EXPECT_TRUE(has_field(errors, "decision.kind"));
  EXPECT_TRUE(has_field(errors, "decision.step_index"));
  EXPECT_TRUE(has_field(errors, "decision.plan_version_id"));

  errors = errors_of([] {
    parse_plan_version(
        json{{"effective_from", "2026-02-01"}, {"id", 18446744073709551615u}, {"version", -1}});
  });
  EXPECT_TRUE(has_field(errors, "plan_version.id"));
  EXPECT_TRUE(has_field(errors, "plan_version.version"));
  EXPECT_EQ(errors.size(), 2u);
}

}  // namespace
}  // namespace taperlab

namespace taperlab {
namespace {

TEST(RecordsJsonText, SymptomsAreWhatDumpWrites) {
  const std::vector<std::map<std::string, int>> cases = {
      {},
      {{"anxiety", 0}},
      {{"anxiety", 2}, {"insomnia", 4}, {"muscle-tension", 1}, {"tremor_hands", 3}, {"a.b", 0}},
      {{"Z9", -1}, {"big", 2147483647}, {"small", -2147483647 - 1}},
      // Ids that need escaping or are not ASCII go through nlohmann.
      {{"quote\"d", 1}, {"back\\slash", 2}, {"tab\there", 3}, {"caf\xc3\xa9", 4}},
      {{"plain", 1}, {"new\nline", 0}},
      {{"", 2}},
  };
  for (const auto& symptoms : cases) {
    EXPECT_EQ(symptoms_json_text(symptoms), nlohmann::json(symptoms).dump());
  }
  EXPECT_EQ(symptoms_json_text({{"anxiety", 2}, {"insomnia", 4}}), R"({"anxiety":2,"insomnia":4})");
  EXPECT_THROW(symptoms_json_text({{"bad\xff", 1}}), nlohmann::json::type_error);
}

TEST(RecordsJsonText, RedFlagsAreWhatDumpWrites) {
  const std::vector<RedFlag> all = {RedFlag::kSeizure, RedFlag::kConfusion,
                                    RedFlag::kHallucinations, RedFlag::kSelfHarmThoughts};
  for (unsigned mask = 0; mask < 16; ++mask) {
    std::vector<RedFlag> flags;
    for (unsigned i = 0; i < 4; ++i) {
      if ((mask & (1u << i)) != 0) flags.push_back(all[i]);
    }
    nlohmann::json names = nlohmann::json::array();
    for (const RedFlag f : flags) names.push_back(to_string(f));
    EXPECT_EQ(red_flags_json_text(flags), names.dump()) << mask;
  }
  EXPECT_EQ(red_flags_json_text({RedFlag::kSelfHarmThoughts, RedFlag::kSeizure}),
            R"(["self-harm","seizure"])");
}

}  // namespace
}  // namespace taperlab

namespace taperlab {
namespace {

// parse_symptoms_text against parse_symptoms of the parsed tree: the same map, or the same
// fields in its ValidationError, or both a parse_error.
std::string outcome(const std::function<std::map<std::string, int>()>& parse) {
  try {
    std::string out = "ok";
    for (const auto& [item, rating] : parse()) out += " " + item + "=" + std::to_string(rating);
    return out;
  } catch (const ValidationError& e) {
    std::string out = "invalid";
    for (const auto& fe : e.errors()) out += " " + fe.field + ": " + fe.message;
    return out;
  } catch (const nlohmann::json::parse_error&) {
    return "not JSON";
  }
}

TEST(RecordsJsonText, SymptomsFromTextAreWhatTheTreeGives) {
  const std::vector<std::string> texts = {
      "{}",
      R"({"anxiety":0,"insomnia":4,"muscle-tension":2})",
      " { \"anxiety\" : 1 ,\n \"tremor\":3 } ",
      R"({"a":1,"a":3})",
      R"({"caf\u00e9":2,"quote\"d":1,"":2})",
      R"({"anxiety":5})",
      R"({"anxiety":-1})",
      R"({"anxiety":2.0})",
      R"({"anxiety":1e30})",
      R"({"anxiety":18446744073709551615})",
      R"({"anxiety":"2"})",
      R"({"anxiety":null})",
      R"({"anxiety":1,"tremor":null,"panic":0})",
      R"({"a":1,"a":null})",
      R"({"a":null,"a":2})",
      R"({"":null})",
      R"({"anxiety":true})",
      R"({"anxiety":[1]})",
      R"({"anxiety":{"x":1}})",
      R"({"anxiety":1,"insomnia":9,"tremor":"x"})",
      "[]",
      "3",
      "null",
      R"({"anxiety":1)",
      R"({"anxiety":1} trailing)",
      "",
  };
  for (const auto& text : texts) {
    EXPECT_EQ(outcome([&] { return parse_symptoms_text(text, "c.symptoms"); }),
              outcome([&] { return parse_symptoms(nlohmann::json::parse(text), "c.symptoms"); }))
        << text;
  }
  EXPECT_EQ(outcome([] { return parse_symptoms_text(R"({"b":1,"a":4})"); }), "ok a=4 b=1");
  // null: not answered, left out (not 0).
  EXPECT_EQ(outcome([] { return parse_symptoms_text(R"({"b":null,"a":0})"); }), "ok a=0");
}

// Missing is not zero: a check-in holds the answered items only; null in JSON means not answered.
TEST(RecordsJson, UnansweredSymptomsStayMissingThroughJson) {
  const nlohmann::json doc = {{"date", "2026-11-23"},
                              {"symptoms", {{"anxiety", 2}, {"tremor", nullptr}, {"panic", 0}}}};
  const CheckIn c = parse_check_in(doc);
  EXPECT_EQ(c.symptoms, (std::map<std::string, int>{{"anxiety", 2}, {"panic", 0}}));
  // Written back with the answered items only (absent keys, never null and never 0), and read
  // back to the same record: the store and the export keep the difference between "none" and
  // "not answered".
  const nlohmann::json written = nlohmann::json::parse(check_in_json_text(c));
  EXPECT_EQ(written.at("symptoms"), nlohmann::json({{"anxiety", 2}, {"panic", 0}}));
  EXPECT_EQ(parse_check_in(written).symptoms, c.symptoms);
  EXPECT_EQ(parse_symptoms_text(symptoms_json_text(c.symptoms)), c.symptoms);
  // A row stored by the old form holds every item, 0 where nothing was touched: kept as 0.
  EXPECT_EQ(parse_symptoms_text(R"({"anxiety":0,"panic":0,"tremor":0})").size(), 3u);
  // All skipped reads as no symptoms at all.
  EXPECT_TRUE(parse_check_in({{"date", "2026-11-23"}, {"symptoms", {{"anxiety", nullptr}}}})
                  .symptoms.empty());
}

}  // namespace
}  // namespace taperlab
