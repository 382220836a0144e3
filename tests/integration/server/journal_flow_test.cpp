// One person's journal through the API, as the web app drives it: regimen, plan preview and save,
// today and a dose, check-ins, PHQ-9 with the crisis message, the reports, a memory test, the
// downloads, and finally "delete my data".
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "server_fixture.hpp"

namespace taperlab::server::testing {
namespace {

class ServerJournal : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    me_ = sign_up("robin@example.org");
  }

  // Asserts the status and returns the body as JSON (null for non-JSON answers).
  json expect_status(const httplib::Result& res, int status, const std::string& what) {
    if (!res) {
      ADD_FAILURE() << what << ": no answer";
      return json();
    }
    EXPECT_EQ(res->status, status) << what << ": " << res->body;
    return json::parse(res->body, nullptr, false);
  }
  json send(const std::string& method, const std::string& rest, const json& body, int status) {
    return expect_status(call(method, person_path(me_, rest), &me_, body.dump()), status,
                         method + " " + rest);
  }
  json read(const std::string& rest, int status = 200) {
    return expect_status(get(person_path(me_, rest), &me_), status, "GET " + rest);
  }

  Account me_;
};

const json kPlanOptions = {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}};

TEST_F(ServerJournal, FromRegimenToDeletingTheAccount) {
  // The regimen, then a plan previewed beside an abrupt stop and saved.
  EXPECT_TRUE(read("/regimen").at("regimen").is_null());
  const json regimen =
      send("POST", "/regimen",
           {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"}, {"weeks_on_regimen", 52}}, 201);
  EXPECT_FALSE(read("/regimen").at("regimen").is_null());

  const json preview = send("POST", "/plans/preview", kPlanOptions, 200);
  ASSERT_TRUE(preview.is_object());
  const json& series = preview.at("series");
  const json& abrupt = preview.at("abrupt");
  ASSERT_FALSE(series.at("day").empty());
  // The charts draw both courses on one axis, so every array has one value per day.
  for (const char* key : {"day", "date", "dose_mg", "withdrawal", "adaptation_remaining"}) {
    EXPECT_EQ(series.at(key).size(), series.at("day").size()) << key;
    EXPECT_EQ(abrupt.at(key).size(), series.at("day").size()) << key;
  }
  // Modelled values are rounded (shares to 5 decimals, doses to 0.001 mg); the plan's are not
  // rounded away.
  for (const auto& [key, scale] :
       {std::pair{"dose_mg", 1e3}, std::pair{"effect", 1e5}, std::pair{"adaptation_remaining", 1e5},
        std::pair{"withdrawal", 1e5}}) {
    for (const json* course : {&series, &abrupt}) {
      double largest = 0;
      for (const json& v : course->at(key)) {
        const double scaled = v.get<double>() * scale;
        ASSERT_NEAR(scaled, std::round(scaled), 1e-6) << key << " " << v;
        largest = std::max(largest, v.get<double>());
      }
      if (course == &series) {
        EXPECT_GT(largest, 0) << key;
      }
    }
  }
  EXPECT_TRUE(preview.at("findings").is_array());
  EXPECT_TRUE(preview.at("plan").is_object());
  EXPECT_TRUE(read("/plans").at("versions").empty()) << "a preview stores nothing";

  const json saved = send("POST", "/plans", kPlanOptions, 201);
  EXPECT_EQ(saved.at("version"), 1);
  EXPECT_EQ(saved.at("effective_from"), kToday);
  EXPECT_EQ(read("/plans").at("versions").size(), 1u);
  EXPECT_EQ(read("/plans/1").at("version"), 1);
  read("/plans/2", 404);

  // Today's doses and one taken.
  json today = read("/today");
  EXPECT_EQ(today.at("plan_version"), 1);
  ASSERT_EQ(today.at("doses").size(), 2u) << today.dump();
  EXPECT_TRUE(today.at("doses")[0].at("logged").is_null());
  const json dose = send("POST", "/doses", {{"planned_time", "08:00"}, {"time", "08:05"}}, 201);
  EXPECT_EQ(dose.at("date"), kToday);
  today = read("/today");
  EXPECT_FALSE(today.at("doses")[0].at("logged").is_null());
  EXPECT_EQ(read("/doses").at("doses").size(), 1u);
  send("POST", "/doses", {{"planned_time", "08:00"}}, 409);  // already logged

  // Check-ins: a bad field is named as the form knows it; one per day.
  const json bad = send("POST", "/check-ins", {{"sleep", {{"quality", 12}}}}, 422);
  ASSERT_FALSE(bad.at("errors").empty()) << bad.dump();
  EXPECT_EQ(bad.at("errors")[0].at("field"), "sleep.quality");
  const json check_in =
      send("POST", "/check-ins",
           {{"symptoms", {{"anxiety", 1}}}, {"sleep", {{"quality", 6}}}, {"mood", 6}}, 201);
  EXPECT_TRUE(check_in.at("crisis_message").is_null());
  send("POST", "/check-ins", {{"symptoms", {{"anxiety", 2}}}}, 409);
  EXPECT_EQ(read("/check-ins").at("check_ins").size(), 1u);

  // The calendars of the saved version (before any review revises the plan).
  auto ics = get(person_path(me_, "/plans/1/calendar.ics"), &me_);
  ASSERT_TRUE(ics);
  EXPECT_EQ(ics->status, 200);
  EXPECT_EQ(ics->body.rfind("BEGIN:VCALENDAR", 0), 0u) << ics->body.substr(0, 80);
  EXPECT_NE(ics->get_header_value("Content-Type").find("text/calendar"), std::string::npos);
  auto csv = get(person_path(me_, "/plans/1/calendar.csv"), &me_);
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_NE(csv->get_header_value("Content-Type").find("text/csv"), std::string::npos);

  // PHQ-9 item 9 above 0 always answers with the crisis numbers.
  const json phq9 =
      send("POST", "/questionnaires/phq9", {{"answers", {1, 1, 0, 1, 0, 0, 0, 0, 1}}}, 201);
  ASSERT_TRUE(phq9.contains("crisis_message")) << phq9.dump();
  EXPECT_TRUE(phq9.at("crisis_message").is_string()) << phq9.dump();
  EXPECT_EQ(phq9.at("total"), 4);
  // Item 9 pauses the plan until a clinician has been seen: no review date is promised.
  EXPECT_EQ(phq9.at("review").at("paused"), true) << phq9.dump();
  EXPECT_TRUE(phq9.at("review").at("next_review").is_null()) << phq9.dump();
  EXPECT_EQ(read("/questionnaires?instrument=phq9").at("responses").size(), 1u);
  // An unknown questionnaire is a wrong value, named with the known ones.
  const json unknown = send("POST", "/questionnaires/no-such-instrument", {{"answers", {0}}}, 422);
  EXPECT_EQ(unknown.at("errors")[0].at("field"), "instrument");

  // What the person reads back.
  EXPECT_TRUE(read("/decisions").at("decisions").is_array());
  EXPECT_TRUE(read("/status").is_object());
  const json progress = read("/progress");
  EXPECT_TRUE(progress.at("days").is_array());
  EXPECT_FALSE(progress.at("days").empty());
  EXPECT_TRUE(read("/insights").is_object());
  read("/status?date=2026-03-02", 422);  // not in the future

  // A memory test: the first sessions on a device are practice.
  const json cognitive = send("POST", "/cognitive-sessions",
                              {{"test_id", "digit-span-forward"},
                               {"device", "laptop"},
                               {"browser", "Firefox 128"},
                               {"result", {{"score", 6}}}},
                              201);
  EXPECT_EQ(cognitive.at("session").at("test_id"), "digit-span-forward");
  EXPECT_EQ(cognitive.at("comparison").at("practice"), true);
  EXPECT_EQ(read("/cognitive-sessions").at("sessions").size(), 1u);

  // "Download my data".
  auto exported = get(person_path(me_, "/export?format=json"), &me_);
  ASSERT_TRUE(exported);
  EXPECT_EQ(exported->status, 200);
  EXPECT_NE(exported->get_header_value("Content-Disposition").find("attachment"),
            std::string::npos);
  EXPECT_TRUE(json::parse(exported->body, nullptr, false).is_object());
  auto exported_csv = get(person_path(me_, "/export?format=csv"), &me_);
  ASSERT_TRUE(exported_csv);
  EXPECT_EQ(exported_csv->status, 200);
  EXPECT_NE(exported_csv->get_header_value("Content-Type").find("text/csv"), std::string::npos);
  read("/export?format=xml", 422);

  // "Delete my data": the person, the account and the session go.
  auto deleted = call("DELETE", person_path(me_), &me_);
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->status, 204);
  EXPECT_EQ(get("/api/v1/auth/session", &me_)->status, 401);
  auto sign_in =
      post("/api/v1/auth/signin", nullptr, {{"email", me_.email}, {"password", kPassword}});
  EXPECT_EQ(sign_in->status, 401);
}

TEST_F(ServerJournal, CatalogRoutesAnswerForASignedInUser) {
  const json drugs = expect_status(get("/api/v1/drugs", &me_), 200, "drugs");
  EXPECT_FALSE(drugs.at("drugs").empty());
  const json instruments = expect_status(get("/api/v1/instruments", &me_), 200, "instruments");
  bool has_phq9 = false;
  for (const auto& i : instruments.at("instruments")) has_phq9 |= i.at("id") == "phq9";
  EXPECT_TRUE(has_phq9);
  const json converted = expect_status(
      get("/api/v1/convert?from=clonazepam&to=diazepam&dose_mg=1", &me_), 200, "convert");
  EXPECT_GT(converted.at("amount_mg").get<double>(), 0);
  expect_status(get("/api/v1/cognitive-tests", &me_), 200, "cognitive tests");
}

// "Help now": the numbers for the person's country at any time, without a crisis answer first.
TEST_F(ServerJournal, CrisisLinesFollowThePersonsCountry) {
  const Account nowhere = sign_up("nowhere@example.org", kPassword, "");
  const json none = expect_status(get("/api/v1/crisis-lines", &nowhere), 200, "no country");
  EXPECT_EQ(none.at("country"), "default");
  EXPECT_NE(none.at("message").get<std::string>().find("your local emergency number"),
            std::string::npos);

  send("PUT", "", {{"name", "Robin"}, {"profile", {{"country", "GB"}}}}, 200);
  const json gb = expect_status(get("/api/v1/crisis-lines", &me_), 200, "GB");
  EXPECT_EQ(gb.at("country"), "GB");
  const std::string message = gb.at("message");
  EXPECT_EQ(message.rfind("If you are in danger now, call 999.", 0), 0u) << message;
  EXPECT_NE(message.find("Samaritans: call 116 123"), std::string::npos) << message;
  EXPECT_EQ(message.find("You said"), std::string::npos) << message;
  EXPECT_FALSE(gb.at("checked").get<std::string>().empty());

  // Another country on request: Portugal has no entry of its own and gets the EU's 112.
  const json pt = expect_status(get("/api/v1/crisis-lines?country=PT", &me_), 200, "PT");
  EXPECT_EQ(pt.at("country"), "EU");
  EXPECT_NE(pt.at("message").get<std::string>().find("call 112"), std::string::npos);
  // It holds no personal data, so it answers before signing in too: the default entry without a
  // country (the web app sends the browser's).
  const json anonymous = expect_status(get("/api/v1/crisis-lines", nullptr), 200, "signed out");
  EXPECT_EQ(anonymous.at("country"), "default");
}

// A plan uses one country's products: US clonazepam 0.5 mg twice a day cannot be made from the US
// products alone, and the preview brings complete alternatives instead of a refusal; one can be
// picked by number, and saved. Without a country the answer names the field.
TEST_F(ServerJournal, PreviewsBringAlternativesFromThePersonsCountry) {
  send("POST", "/regimen", {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"}}, 201);
  const json options{{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}, {"country", "US"}};
  const json first = send("POST", "/plans/preview", options, 200);
  const json& plan = first.at("plan");
  EXPECT_EQ(plan.at("country"), "US");
  ASSERT_GE(plan.at("alternatives").size(), 2u);
  EXPECT_TRUE(plan.at("alternatives").at(0).at("chosen").get<bool>());
  EXPECT_FALSE(plan.at("alternatives_reason").get<std::string>().empty());
  json second_options = options;
  second_options["alternative"] = 2;
  const json second = send("POST", "/plans/preview", second_options, 200);
  EXPECT_TRUE(second.at("plan").at("alternatives").at(1).at("chosen").get<bool>());
  EXPECT_EQ(second.at("plan").at("steps").size(),
            plan.at("alternatives").at(1).at("steps").get<std::size_t>());
  // (Before the plan is saved: afterwards a new plan may not start above the dose in force.)
  json wrong = options;
  wrong["regimen"] = "clonazepam 0.5mg@08:00, 0.5mg@20:00";
  wrong["alternative"] = 9;
  const json problem = send("POST", "/plans/preview", wrong, 422);
  EXPECT_EQ(problem.at("errors").at(0).at("field"), "alternative");

  const json saved = send("POST", "/plans", second_options, 201);
  EXPECT_TRUE(saved.dump().find("\"chosen\":true") != std::string::npos);

  const Account nowhere = sign_up("nowhere@example.org", kPassword, "");
  const auto res = call("POST", person_path(nowhere, "/plans/preview"), &nowhere,
                        json{{"strategy", "fraction"}, {"regimen", "diazepam 5mg@08:00"}}.dump());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(json::parse(res->body).at("errors").at(0).at("field"), "country") << res->body;
}

// The wizard previews one strategy after another: the abrupt stop beside each is kept between
// previews (server/abrupt_stop_memo.hpp), and the answers are the same to the byte as when it is
// simulated afresh.
TEST_F(ServerJournal, PreviewsOfOneRegimenShareTheirAbruptStop) {
  send("POST", "/regimen", {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"}}, 201);
  const auto preview_text = [&](const json& options) {
    const auto res = call("POST", person_path(me_, "/plans/preview"), &me_, options.dump());
    EXPECT_TRUE(res && res->status == 200) << options.dump();
    return res ? res->body : std::string();
  };
  const json slower = {{"strategy", "fraction"}, {"cut", "5%"}, {"every", "28d"}};
  const std::string first = preview_text(kPlanOptions);  // the abrupt stop simulated
  const std::string longer = preview_text(slower);       // simulated again, for more days
  const std::string again = preview_text(kPlanOptions);  // the first days of the longer one
  EXPECT_EQ(again, first);
  // The abrupt series' text kept from the preview before.
  EXPECT_EQ(preview_text(kPlanOptions), first);
  // Starting another day: the same stop, but its series is dated from that day.
  json later = kPlanOptions;
  later["start"] = "2027-03-01";
  const json from_later = json::parse(preview_text(later));
  EXPECT_EQ(from_later.at("abrupt").at("date").at(0), "2027-03-01");
  EXPECT_EQ(from_later.at("abrupt").at("date"), from_later.at("series").at("date"));
  EXPECT_EQ(json::parse(preview_text(kPlanOptions)).at("abrupt"), json::parse(first).at("abrupt"));

  const json a = json::parse(first);
  const json b = json::parse(longer);
  const std::size_t days = a.at("abrupt").at("day").size();
  ASSERT_GT(b.at("abrupt").at("day").size(), days);
  for (const char* key : {"effect", "adaptation_remaining", "withdrawal"}) {
    const json& short_one = a.at("abrupt").at(key);
    const json& long_one = b.at("abrupt").at(key);
    EXPECT_TRUE(std::equal(short_one.begin(), short_one.end(), long_one.begin())) << key;
  }
  EXPECT_EQ(a.at("plan").at("abrupt_stop_peak_withdrawal"),
            b.at("plan").at("abrupt_stop_peak_withdrawal"));

  // Another regimen has its own abrupt stop.
  send("POST", "/regimen", {{"regimen", "clonazepam 1mg@08:00, 1mg@20:00"}}, 201);
  const json other = json::parse(preview_text(kPlanOptions));
  EXPECT_GT(other.at("plan").at("abrupt_stop_peak_withdrawal").get<double>(),
            a.at("plan").at("abrupt_stop_peak_withdrawal").get<double>());
  EXPECT_NE(other.at("abrupt").at("effect"), a.at("abrupt").at("effect"));
}

// A bad value is answered 422 naming the field as the request's JSON names it (not the command
// line's flag), so that the web form can mark it: the dose log, the plan preview and save, and a
// check-in.
TEST_F(ServerJournal, ABadValueIsNamedByItsApiField) {
  send("POST", "/regimen", {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"}}, 201);
  const auto first_field = [](const json& problem) {
    return problem.at("errors").at(0).at("field").get<std::string>();
  };

  // Plan preview and save: options checked by the journal and by the planner.
  for (const char* route : {"/plans/preview", "/plans"}) {
    json steep = kPlanOptions;
    steep["cut"] = "40%";
    EXPECT_EQ(first_field(send("POST", route, steep, 422)), "cut") << route;
    json paced = kPlanOptions;
    paced["pace"] = "slow";
    EXPECT_EQ(first_field(send("POST", route, paced, 422)), "pace") << route;
    json uncapped = kPlanOptions;
    uncapped["max_cut"] = "30%";
    const json problem = send("POST", route, uncapped, 422);
    EXPECT_EQ(first_field(problem), "max_cut") << route;
    EXPECT_EQ(problem.at("errors").at(0).at("message"),
              "max_cut needs a clinician's override_reason");
    json unknown = kPlanOptions;
    unknown["formulations"] = "diazepan:2 tablet";
    EXPECT_EQ(first_field(send("POST", route, unknown, 422)), "formulations") << route;
  }
  send("POST", "/plans", kPlanOptions, 201);

  // The dose log.
  EXPECT_EQ(first_field(send("POST", "/doses", {{"planned_time", "08:00"}, {"dose_mg", -1}}, 422)),
            "dose_mg");
  EXPECT_EQ(
      first_field(send("POST", "/doses", {{"planned_time", "08:00"}, {"drug", "diazepan"}}, 422)),
      "drug");
  EXPECT_EQ(first_field(send("POST", "/doses", {{"planned_time", "09:30"}}, 422)), "planned_time");
  EXPECT_EQ(first_field(send("POST", "/doses", {{"status", "missed"}, {"dose_mg", 0.25}}, 422)),
            "dose_mg");

  // A check-in.
  EXPECT_EQ(first_field(send("POST", "/check-ins", {{"mood", 42}}, 422)), "mood");
  EXPECT_EQ(first_field(send("POST", "/check-ins", {{"date", "2099-01-01"}, {"mood", 5}}, 422)),
            "date");
}

}  // namespace
}  // namespace taperlab::server::testing
