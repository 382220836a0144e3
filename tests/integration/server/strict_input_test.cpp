// Strict input over HTTP (issue 24, point 4): what the API stores it can read back, numbers are
// checked as 64-bit integers before they become ints, dates lie in a plausible range, and a long
// journal's export fits the import. Each test is a finding of the attack on the server, at the
// level where it was seen.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server_fixture.hpp"

namespace taperlab::server::testing {
namespace {

class StrictInput : public ServerFixture {
 protected:
  json expect_status(const httplib::Result& res, int status, const std::string& what) {
    if (!res) {
      ADD_FAILURE() << what << ": no answer";
      return json();
    }
    EXPECT_EQ(res->status, status) << what << ": " << res->body.substr(0, 600);
    return json::parse(res->body, nullptr, false);
  }
  json send(const Account& a, const std::string& rest, const json& body, int status) {
    return expect_status(post(person_path(a, rest), &a, body), status, "POST " + rest);
  }
  // The fields a 422 names.
  static std::vector<std::string> fields(const json& problem) {
    std::vector<std::string> out;
    if (!problem.contains("errors")) return out;
    for (const auto& e : problem.at("errors")) out.push_back(e.at("field").get<std::string>());
    return out;
  }
  static std::string message_of(const json& problem, const std::string& field) {
    for (const auto& e : problem.value("errors", json::array())) {
      if (e.at("field") == field) return e.at("message").get<std::string>();
    }
    return "";
  }

  // A person with a regimen, a saved plan and a check-in: an export with a plan version.
  Account with_plan(const std::string& email) {
    Account a = sign_up(email);
    send(a, "/regimen",
         {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"},
          {"date", "2026-02-20"},
          {"weeks_on_regimen", 52}},
         201);
    send(a, "/plans", {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}}, 201);
    send(a, "/check-ins", {{"symptoms", {{"anxiety", 1}}}}, 201);
    return a;
  }
  json export_of(const Account& a) {
    return expect_status(get(person_path(a, "/export?format=json"), &a), 200, "export");
  }
  httplib::Result import_into(const Account& a, const json& doc) {
    return call("POST", person_path(a, "/import"), &a, doc.dump());
  }
};

// Found: a number, null or list as a start_regimen dose's time was imported (201), and then
// GET status and progress answered 500. The stored plan's reader now reads start_regimen too, so
// the import names the field and stores nothing; the same for the other members later readers
// take from the plan.
TEST_F(StrictInput, AnImportedPlanIsReadWithTheReaderThatReadsItBack) {
  const json original = export_of(with_plan("first@example.org"));
  ASSERT_EQ(original.at("plan_versions").size(), 1u);
  const Account second = sign_up("second@example.org");

  const std::string time_field = "plan_versions[0].plan.start_regimen.drugs[0].doses[0].time";
  for (const json& bad_time : {json(800), json(nullptr), json::array({1}), json("25:00")}) {
    json doc = original;
    doc["plan_versions"][0]["plan"]["start_regimen"]["drugs"][0]["doses"][0]["time"] = bad_time;
    const json problem = expect_status(import_into(second, doc), 422, bad_time.dump());
    EXPECT_EQ(fields(problem), std::vector<std::string>{time_field}) << problem.dump();
  }

  // Other members a later reader takes from the plan: each named, never a 500 later.
  const std::vector<std::pair<std::string, json>> members = {
      {"start_diazepam_equivalent_mg", "ten"},
      {"total_days", 1e300},
      {"notes", 5},
      {"findings", json::array({7})},
  };
  for (const auto& [key, value] : members) {
    json doc = original;
    doc["plan_versions"][0]["plan"][key] = value;
    const json problem = expect_status(import_into(second, doc), 422, key);
    ASSERT_FALSE(fields(problem).empty()) << key;
    EXPECT_EQ(fields(problem).front().rfind("plan_versions[0].plan." + key, 0), 0u)
        << key << ": " << problem.dump();
  }
  json doc = original;
  doc["plan_versions"][0]["plan"]["steps"][1]["index"] = 7;
  EXPECT_EQ(fields(expect_status(import_into(second, doc), 422, "index")),
            std::vector<std::string>{"plan_versions[0].plan.steps[1].index"});
  doc = original;
  doc["plan_versions"][0]["plan"]["steps"][0]["kind"] = "sideways";
  EXPECT_EQ(fields(expect_status(import_into(second, doc), 422, "kind")),
            std::vector<std::string>{"plan_versions[0].plan.steps[0].kind"});

  // Nothing was stored; the document as exported imports, and every screen reads it.
  EXPECT_EQ(export_of(second).at("plan_versions").size(), 0u);
  expect_status(import_into(second, original), 201, "the export as it was");
  for (const char* rest : {"/status", "/progress", "/today", "/insights"}) {
    expect_status(get(person_path(second, rest), &second), 200, rest);
  }
}

// Found: a non-string "format" answered 500; a format_version of 2^32 + 1 read as 1.
TEST_F(StrictInput, TheExportFormatIsCheckedWhateverItsType) {
  const json original = export_of(with_plan("first@example.org"));
  const Account second = sign_up("second@example.org");
  for (const json& format : {json(5), json(nullptr), json::object(), json::array(), json(true)}) {
    json doc = original;
    doc["format"] = format;
    EXPECT_EQ(fields(expect_status(import_into(second, doc), 422, format.dump())),
              std::vector<std::string>{"format"});
  }
  for (const json& version :
       {json(4294967297LL), json(1.5), json("1"), json(18446744073709551615ULL)}) {
    json doc = original;
    doc["format_version"] = version;
    EXPECT_EQ(fields(expect_status(import_into(second, doc), 422, version.dump())),
              std::vector<std::string>{"format_version"});
  }
  json doc = original;
  doc["plan_versions"][0]["decision"] = 4294967296LL;
  EXPECT_EQ(fields(expect_status(import_into(second, doc), 422, "decision")),
            std::vector<std::string>{"plan_versions[0].decision"});
  EXPECT_EQ(export_of(second).at("check_ins").size(), 0u);
}

// Found: PHQ-9 answers[8] = 2^32 + 1 was stored as 1 and showed the crisis message; 2^63 was
// stored as 0 with 201; messages showed the value an int made of it ("got -1").
TEST_F(StrictInput, QuestionnaireAnswersAreCheckedAs64BitIntegers) {
  const Account a = sign_up("sam@example.org");
  const auto answers_with = [](const json& ninth) {
    json answers = json::array({0, 0, 0, 0, 0, 0, 0, 0});
    answers.push_back(ninth);
    return answers;
  };
  const std::vector<std::pair<json, std::string>> cases = {
      {json(4294967297LL), "got 4294967297"},
      {json(9223372036854775808ULL), "got 9223372036854775808"},
      {json(18446744073709551615ULL), "got 18446744073709551615"},
      {json(4294967295LL), "got 4294967295"},
      {json(-1), "got -1"},
      {json(-4294967295LL), "got -4294967295"},
      {json(1.5), "got 1.5"},
      {json(1e300), "got 1e+300"},
  };
  for (const auto& [ninth, said] : cases) {
    const json problem = send(a, "/questionnaires/phq9", {{"answers", answers_with(ninth)}}, 422);
    EXPECT_EQ(fields(problem), std::vector<std::string>{"answers[8]"}) << ninth.dump();
    EXPECT_NE(message_of(problem, "answers[8]").find(said), std::string::npos)
        << ninth.dump() << ": " << problem.dump();
    EXPECT_EQ(problem.value("crisis_message", json()), json()) << ninth.dump();
  }
  const json stored = expect_status(get(person_path(a, "/questionnaires"), &a), 200, "list");
  EXPECT_EQ(stored.at("responses").size(), 0u) << stored.dump();

  // In range, the answer is the one given.
  const json ok = send(a, "/questionnaires/phq9", {{"answers", answers_with(0)}}, 201);
  EXPECT_EQ(ok.at("response").at("answers").back(), 0);
  EXPECT_TRUE(ok.at("crisis_message").is_null());
}

// Found: POST .../plans answered 201 to a date of -1, true or "2026-13-01". `date` is the day the
// plan is made (as `taperlab plan --save --date`): today unless given, never after it.
TEST_F(StrictInput, SavingAPlanChecksItsDate) {
  const Account a = sign_up("sam@example.org");
  send(a, "/regimen", {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"}, {"date", "2026-02-20"}},
       201);
  const json options = {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}};
  for (const json& date : {json(-1), json(true), json("2026-13-01"), json("2026-03-02"),
                           json("1900-01-01"), json("1969-12-31"), json::array()}) {
    json body = options;
    body["date"] = date;
    EXPECT_EQ(fields(send(a, "/plans", body, 422)), std::vector<std::string>{"date"})
        << date.dump();
  }
  EXPECT_EQ(expect_status(get(person_path(a, "/plans"), &a), 200, "plans").at("versions").size(),
            0u);
  json body = options;
  body["date"] = "2026-02-25";
  const json saved = send(a, "/plans", body, 201);
  EXPECT_EQ(saved.at("effective_from"), "2026-02-25") << saved.dump();
}

// Found: 1900-01-01 was accepted everywhere. Dates run from 1970-01-01 to 2200-12-31; a record's
// date in an imported journal lies at most a year after today; a plan's start may lie further.
TEST_F(StrictInput, DatesLieInAPlausibleRange) {
  const Account a = sign_up("sam@example.org");
  for (const char* date : {"1900-01-01", "1969-12-31", "0001-01-01", "2201-01-01"}) {
    EXPECT_EQ(fields(send(a, "/check-ins", {{"date", date}, {"symptoms", {{"anxiety", 1}}}}, 422)),
              std::vector<std::string>{"date"})
        << date;
    EXPECT_EQ(
        fields(send(a, "/regimen", {{"regimen", "clonazepam 0.5mg@08:00"}, {"date", date}}, 422)),
        std::vector<std::string>{"date"})
        << date;
  }
  EXPECT_EQ(expect_status(get(person_path(a, "/check-ins?from=1900-01-01"), &a), 422, "from")
                .at("errors")
                .at(0)
                .at("field"),
            "from");

  const json original = export_of(with_plan("first@example.org"));
  const Account second = sign_up("second@example.org");
  json doc = original;
  doc["check_ins"][0]["date"] = "2027-03-02";  // 366 days after 2026-03-01: the last day allowed
  doc["doses"] = json::array();
  json later = doc;
  later["check_ins"][0]["date"] = "2027-03-03";
  EXPECT_EQ(fields(expect_status(import_into(second, later), 422, "a year and a day")),
            std::vector<std::string>{"check_ins[0].date"});
  later = original;
  later["check_ins"][0]["date"] = "1969-12-31";
  EXPECT_EQ(fields(expect_status(import_into(second, later), 422, "before 1970")),
            std::vector<std::string>{"check_ins[0].date"});
  expect_status(import_into(second, doc), 201, "a year ahead");
}

// Found: a person with 9,500 check-ins exports 11 MB, above the import's 8 MiB. That export, as
// the web app's download writes it, imports whole.
TEST_F(StrictInput, ALongJournalsExportImports) {
  const json original = export_of(with_plan("first@example.org"));
  json doc = original;
  doc["check_ins"] = json::array();
  doc["doses"] = json::array();
  // Every question answered, as the web app's form sends a check-in.
  json check_in = original.at("check_ins").at(0);
  for (const std::string& item : kChecklistSymptoms) {
    check_in["symptoms"][item] = 1;
  }
  check_in["sleep"] = {{"quality", 6},
                       {"minutes_to_fall_asleep", 30},
                       {"awakenings", 2},
                       {"bedtime", "23:00"},
                       {"wake_time", "07:00"}};
  check_in["mood"] = 6;
  check_in["notes"] = "A walk in the afternoon.";
  const CivilDate today = parse_civil_date(kToday, "today");
  constexpr int kDays = 9500;
  for (int back = kDays; back >= 1; --back) {
    json c = check_in;
    c["date"] = today.plus_days(-back).to_string();
    doc["check_ins"].push_back(std::move(c));
  }
  const std::string body = doc.dump(2);
  EXPECT_GT(body.size(), std::size_t{8} << 20) << "longer than the limit this replaced";
  const Account second = sign_up("second@example.org");
  const json counts =
      expect_status(call("POST", person_path(second, "/import"), &second, body), 201, "long");
  EXPECT_EQ(counts.at("check_ins"), kDays);
}

}  // namespace
}  // namespace taperlab::server::testing
