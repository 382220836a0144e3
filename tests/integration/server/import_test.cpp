// "Import my data" over HTTP: a journal exported from one account and imported into a new one
// comes back the same; an account that has a journal refuses a second one; a malformed document
// names its fields and stores nothing; the CSRF token is needed; a year of check-ins fits.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "server_fixture.hpp"

namespace taperlab::server::testing {
namespace {

// A check-in with every question answered, as the web app's form sends it.
json full_check_in(const std::string& date, int rating) {
  json symptoms = json::object();
  for (const auto& item : kChecklistSymptoms) symptoms[item] = rating;
  return {{"date", date},
          {"symptoms", symptoms},
          {"sleep",
           {{"quality", 6},
            {"minutes_to_fall_asleep", 30},
            {"awakenings", 2},
            {"bedtime", "23:00"},
            {"wake_time", "07:00"}}},
          {"mood", 6},
          {"habits",
           {{"exercise_minutes", 20},
            {"regular_meals", true},
            {"caffeine_drinks", 1},
            {"alcohol_units", 0},
            {"relaxation_minutes", 10},
            {"therapy_session", false},
            {"social_contact", true}}},
          {"notes", "A walk in the afternoon."}};
}

class ServerImport : public ServerFixture {
 protected:
  json expect_status(const httplib::Result& res, int status, const std::string& what) {
    if (!res) {
      ADD_FAILURE() << what << ": no answer";
      return json();
    }
    EXPECT_EQ(res->status, status) << what << ": " << res->body.substr(0, 500);
    return json::parse(res->body, nullptr, false);
  }
  json send(const Account& a, const std::string& rest, const json& body, int status) {
    return expect_status(post(person_path(a, rest), &a, body), status, "POST " + rest);
  }
  json export_of(const Account& a) {
    return expect_status(get(person_path(a, "/export?format=json"), &a), 200, "export");
  }
  httplib::Result import_into(const Account& a, const std::string& body, bool csrf = true) {
    return call("POST", person_path(a, "/import"), &a, body, csrf);
  }

  // An account with a bit of everything: profile, regimen, a saved plan, doses, check-ins on three
  // days, PHQ-9, GAD-7, a memory test, and the decision the reviews made.
  Account with_journal(const std::string& email) {
    Account a = sign_up(email);
    expect_status(call("PUT", person_path(a), &a,
                       json{{"name", "Robin"},
                            {"profile", {{"age", 52}, {"country", "GB"}, {"risks", {"opioids"}}}}}
                           .dump()),
                  200, "PUT person");
    send(a, "/regimen",
         {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"},
          {"date", "2026-02-20"},
          {"weeks_on_regimen", 52}},
         201);
    send(a, "/plans",
         {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}, {"date", "2026-02-20"}}, 201);
    for (const char* date : {"2026-02-27", "2026-02-28", "2026-03-01"}) {
      send(a, "/doses", {{"date", date}, {"planned_time", "08:00"}, {"time", "08:10"}}, 201);
      send(a, "/check-ins", full_check_in(date, 1), 201);
    }
    send(a, "/doses", {{"date", "2026-02-28"}, {"planned_time", "20:00"}, {"status", "missed"}},
         201);
    // Item 9 above 0 pauses the plan: a decision, which names the plan version it judged.
    send(a, "/questionnaires/phq9", {{"answers", {1, 1, 0, 1, 0, 0, 0, 0, 1}}}, 201);
    send(a, "/questionnaires/gad7", {{"answers", {1, 0, 1, 0, 0, 1, 0}}}, 201);
    send(a, "/cognitive-sessions",
         {{"test_id", "digit-span-forward"},
          {"device", "laptop"},
          {"browser", "Firefox 128"},
          {"result", {{"score", 6}}}},
         201);
    return a;
  }
};

// Every list of an export, with its size.
std::map<std::string, std::size_t> sizes(const json& doc) {
  std::map<std::string, std::size_t> out;
  for (const char* key : {"regimens", "plan_versions", "doses", "check_ins",
                          "questionnaire_responses", "cognitive_sessions", "decisions"}) {
    out[key] = doc.at(key).size();
  }
  return out;
}

TEST_F(ServerImport, ExportedJournalImportsIntoANewAccountAndExportsTheSame) {
  const Account first = with_journal("first@example.org");
  const json original = export_of(first);
  for (const auto& [key, n] : sizes(original)) EXPECT_GT(n, 0u) << key << ": nothing to compare";

  // A journal begun before the account it moves into.
  json document = original;
  document.at("person").at("created_on") = "2025-11-20";
  const Account second = sign_up("second@example.org");
  const json counts = expect_status(import_into(second, document.dump()), 201, "import");
  for (const auto& [key, n] : sizes(original)) EXPECT_EQ(counts.at(key), n) << key;

  // The person keeps their id and account (the session still works); name and profile come from
  // the document; created_on stays the account's own (the day it signed up: the store never
  // changes it).
  const json person = expect_status(get(person_path(second), &second), 200, "person");
  EXPECT_EQ(person.at("id"), second.person_id);
  EXPECT_EQ(person.at("name"), "Robin");
  EXPECT_EQ(person.at("profile"), original.at("person").at("profile"));
  EXPECT_EQ(person.at("created_on"), kToday);
  EXPECT_EQ(expect_status(get("/api/v1/auth/session", &second), 200, "session").at("person_id"),
            second.person_id);

  // Exported again, only the person's created_on differs; every record is the same, its
  // recorded_at times and the links between plan versions and decisions included.
  json again = export_of(second);
  EXPECT_EQ(again.at("person").at("created_on"), kToday);
  again.at("person").erase("created_on");
  document.at("person").erase("created_on");
  EXPECT_EQ(again, document);

  // The imported plan is the one in force.
  const json today = expect_status(get(person_path(second, "/today"), &second), 200, "today");
  EXPECT_EQ(today.at("plan_version"), original.at("plan_versions").back().at("version"));
  // And the first account is untouched.
  EXPECT_EQ(export_of(first), original);
}

TEST_F(ServerImport, AnAccountWithAJournalRefusesAnImportAndKeepsItsData) {
  const Account first = with_journal("first@example.org");
  const json original = export_of(first);

  // Into the account that already holds it.
  json refused = expect_status(import_into(first, original.dump()), 409, "import into first");
  EXPECT_EQ(refused.at("status"), 409);
  EXPECT_EQ(export_of(first), original);

  // Twice into a new account: the second import is refused and changes nothing.
  const Account second = sign_up("second@example.org");
  expect_status(import_into(second, original.dump()), 201, "first import");
  const json imported = export_of(second);
  refused = expect_status(import_into(second, original.dump()), 409, "second import");
  EXPECT_NE(refused.at("detail").get<std::string>().find("already has a journal"),
            std::string::npos)
      << refused.dump();
  EXPECT_EQ(export_of(second), imported);

  // One check-in is enough to count as a journal.
  const Account third = sign_up("third@example.org");
  send(third, "/check-ins", full_check_in(kToday, 0), 201);
  expect_status(import_into(third, original.dump()), 409, "import after a check-in");
  EXPECT_EQ(export_of(third).at("check_ins").size(), 1u);
}

TEST_F(ServerImport, AMalformedDocumentNamesTheFieldAndStoresNothing) {
  const json original = export_of(with_journal("first@example.org"));
  const Account second = sign_up("second@example.org");
  const json empty = export_of(second);
  ASSERT_EQ(empty.at("check_ins").size(), 0u);

  // The 422's fields, in order.
  const auto fields_of = [&](const json& body) {
    const json problem = expect_status(import_into(second, body.dump()), 422, "import");
    std::vector<std::string> fields;
    for (const auto& e : problem.at("errors")) fields.push_back(e.at("field").get<std::string>());
    return fields;
  };
  const auto has = [](const std::vector<std::string>& fields, const std::string& field) {
    return std::find(fields.begin(), fields.end(), field) != fields.end();
  };

  json bad = original;
  bad["check_ins"][1]["sleep"]["quality"] = 11;
  EXPECT_TRUE(has(fields_of(bad), "check_ins[1].sleep.quality"));

  bad = original;
  bad["doses"][0]["drug_id"] = "clonazepan";
  EXPECT_TRUE(has(fields_of(bad), "doses[0].drug_id"));

  // Every wrong field at once, from different lists.
  bad["check_ins"][2]["mood"] = -1;
  bad["plan_versions"][0]["plan"]["steps"][0]["doses"][0]["drug"] = "no-such-drug";
  const auto all = fields_of(bad);
  EXPECT_TRUE(has(all, "doses[0].drug_id"));
  EXPECT_TRUE(has(all, "check_ins[2].mood"));
  EXPECT_TRUE(has(all, "plan_versions[0].plan.steps[0].doses[0].drug"))
      << ::testing::PrintToString(all);

  bad = original;
  bad["format"] = "something-else";
  EXPECT_EQ(fields_of(bad), std::vector<std::string>{"format"});
  bad = original;
  bad["format_version"] = 2;
  EXPECT_EQ(fields_of(bad), std::vector<std::string>{"format_version"});
  EXPECT_EQ(fields_of(json::object()), std::vector<std::string>{"format"});

  // Not JSON at all, or not an object.
  expect_status(import_into(second, "{\"format\": "), 400, "truncated JSON");
  expect_status(import_into(second, "[1, 2]"), 400, "an array");

  // Two check-ins for one day: the store keeps one a day, so the reader names the second.
  // (A store that refuses half-way rolls back whole: import_into_test.cpp.)
  bad = original;
  bad["check_ins"][1]["date"] = bad["check_ins"][0]["date"];
  EXPECT_EQ(fields_of(bad), std::vector<std::string>{"check_ins[1].date"});

  EXPECT_EQ(export_of(second), empty);
  // And the account can still import the good document.
  expect_status(import_into(second, original.dump()), 201, "good document");
}

TEST_F(ServerImport, WithoutTheCsrfTokenTheImportIsRefused) {
  const json original = export_of(with_journal("first@example.org"));
  const Account second = sign_up("second@example.org");
  const json empty = export_of(second);
  expect_status(import_into(second, original.dump(), false), 403, "no CSRF token");
  Account wrong = second;
  wrong.csrf = "not-the-token";
  expect_status(import_into(wrong, original.dump()), 403, "wrong CSRF token");
  EXPECT_EQ(export_of(second), empty);
}

TEST_F(ServerImport, AYearOfDailyCheckInsFitsAndAnythingFarLargerIsRefused) {
  const json original = export_of(with_journal("first@example.org"));
  // A year of days before today, each with a full check-in and two doses taken, and the plan
  // revised every month (each version holds the whole plan): what a person who used taperlab
  // daily through a slow taper would bring.
  json year = original;
  year["check_ins"] = json::array();
  year["doses"] = json::array();
  year["plan_versions"] = json::array();
  year["decisions"] = json::array();
  const json check_in = original.at("check_ins").at(0);
  const json dose = original.at("doses").at(0);
  const json version = original.at("plan_versions").at(0);
  const CivilDate today = parse_civil_date(kToday, "today");
  for (int back = 365; back >= 1; --back) {
    const std::string date = today.plus_days(-back).to_string();
    json c = check_in;
    c["date"] = date;
    year["check_ins"].push_back(c);
    for (const char* time : {"08:00", "20:00"}) {
      json d = dose;
      d["date"] = date;
      d["planned_time"] = time;
      d["time"] = time;
      year["doses"].push_back(d);
    }
  }
  for (int month = 0; month < 12; ++month) {
    json v = version;
    v["version"] = month + 1;
    v["effective_from"] = today.plus_days(-365 + 30 * month).to_string();
    v["decision"] = nullptr;
    year["plan_versions"].push_back(v);
  }
  // As the web app's download writes it (indented), which is what a person uploads.
  const std::string body = year.dump(2);
  EXPECT_GT(body.size(), std::size_t{1} << 20) << "a year no longer outgrows the 1 MiB of a form";

  const Account second = sign_up("second@example.org");
  // Other routes keep the 1 MiB of a form.
  expect_status(call("POST", person_path(second, "/check-ins"), &second, body), 413, "check-in");
  const json counts = expect_status(import_into(second, body), 201, "a year");
  EXPECT_EQ(counts.at("check_ins"), 365);
  EXPECT_EQ(counts.at("doses"), 730);
  EXPECT_EQ(counts.at("plan_versions"), 12);
  EXPECT_EQ(export_of(second).at("check_ins").size(), 365u);

  // Far larger than any journal (over the import's 32 MiB): refused before it is parsed.
  const Account third = sign_up("third@example.org");
  json huge = original;
  huge["padding"] = std::string(std::size_t{32} << 20, 'x');
  const json problem = expect_status(import_into(third, huge.dump()), 413, "huge");
  EXPECT_EQ(problem.at("status"), 413);
  EXPECT_EQ(export_of(third).at("check_ins").size(), 0u);
}

}  // namespace
}  // namespace taperlab::server::testing
