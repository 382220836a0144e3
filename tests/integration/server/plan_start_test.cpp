// Changing a plan through the API (issue 22, point 1): GET /plans tells the wizard the dose in
// force today; a new plan never starts above it (422 naming the field), and going back up to the
// previous step is an explicit choice whose reason is recorded. The person is at step 5 of a
// 10%-every-14-days clonazepam taper begun 60 days ago (0.59 mg a day; step 4 was 0.66 mg).
#include <gtest/gtest.h>

#include <string>

#include "server_fixture.hpp"

namespace taperlab::server::testing {
namespace {

class ServerPlanStart : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    me_ = sign_up("step5@example.org");
    const std::string began = parse_civil_date(kToday, "today").plus_days(-60).to_string();
    send("POST", "/regimen", {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"}, {"date", began}},
         201);
    send("POST", "/plans",
         {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}, {"start", began}}, 201);
  }

  json send(const std::string& method, const std::string& rest, const json& body, int status) {
    const auto res = call(method, person_path(me_, rest), &me_, body.dump());
    if (!res) {
      ADD_FAILURE() << method << " " << rest << ": no answer";
      return json();
    }
    EXPECT_EQ(res->status, status) << method << " " << rest << ": " << res->body;
    return json::parse(res->body, nullptr, false);
  }
  json read(const std::string& rest, int status = 200) {
    const auto res = get(person_path(me_, rest), &me_);
    if (!res) return json();
    EXPECT_EQ(res->status, status) << "GET " << rest << ": " << res->body;
    return json::parse(res->body, nullptr, false);
  }
  static double daily(const json& regimen) {
    double total = 0;
    for (const auto& d : regimen.at("drugs")) {
      for (const auto& dose : d.at("doses")) total += dose.at("dose_mg").get<double>();
    }
    return total;
  }
  double today_mg() {
    const json today = read("/today");
    double total = 0;
    for (const auto& d : today.at("doses")) total += d.at("dose_mg").get<double>();
    if (total == 0) ADD_FAILURE() << "no doses today: " << today.dump();
    return total;
  }
  static std::string first_error(const json& problem, const char* what) {
    return problem.at("errors").at(0).at(what).get<std::string>();
  }

  Account me_;
};

const json kOriginal = {{"strategy", "fraction"},
                        {"cut", "10%"},
                        {"every", "14d"},
                        {"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"}};

TEST_F(ServerPlanStart, ThePlansDocumentGivesTheDoseInForceToday) {
  const json f = read("/plans").at("dose_in_force");
  EXPECT_EQ(f.at("date"), kToday);
  EXPECT_EQ(f.at("source"), "plan");
  EXPECT_EQ(f.at("plan_version"), 1);
  EXPECT_EQ(f.at("step"), 5);
  EXPECT_NEAR(daily(f.at("regimen")), 0.59, 1e-9);
  EXPECT_NEAR(f.at("regimen").at("drugs").at(0).at("daily_mg").get<double>(), 0.59, 1e-9);
  EXPECT_FALSE(f.at("regimen").at("text").get<std::string>().empty());
  EXPECT_EQ(f.at("previous_step").at("index"), 4);
  EXPECT_NEAR(daily(f.at("previous_step").at("regimen")), 0.66, 1e-9);
  EXPECT_EQ(f.at("go_back_hold_days"), 14);
  EXPECT_NEAR(today_mg(), 0.59, 1e-9);
}

TEST_F(ServerPlanStart, APlanAboveTheDoseInForceIsRefusedNamingTheField) {
  for (const char* route : {"/plans/preview", "/plans"}) {
    const json problem = send("POST", route, kOriginal, 422);
    EXPECT_EQ(first_error(problem, "field"), "regimen") << route;
    const std::string message = first_error(problem, "message");
    EXPECT_NE(message.find("above the 0.59 mg a day of clonazepam"), std::string::npos) << message;
    EXPECT_NE(message.find("go_back_to_step 4"), std::string::npos) << message;
  }
  EXPECT_EQ(read("/plans").at("versions").size(), 1u) << "nothing was saved";
}

TEST_F(ServerPlanStart, TheRateCapCountsTheCutOfThePlanBefore) {
  const json steep = {{"strategy", "fraction"}, {"cut", "25%"}, {"every", "14d"}};
  for (const char* route : {"/plans/preview", "/plans"}) {
    const json problem = send("POST", route, steep, 422);
    EXPECT_EQ(first_error(problem, "field"), "start") << route;
    EXPECT_NE(first_error(problem, "message").find("start it on"), std::string::npos);
  }
  EXPECT_EQ(read("/plans").at("versions").size(), 1u);
}

TEST_F(ServerPlanStart, WithoutARegimenTheNewPlanStartsFromTodaysDose) {
  const json options = {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}};
  const json preview = send("POST", "/plans/preview", options, 200);
  EXPECT_NEAR(daily(preview.at("plan").at("start_regimen")), 0.59, 1e-9);
  EXPECT_FALSE(preview.contains("go_back"));
  const json saved = send("POST", "/plans", options, 201);
  EXPECT_EQ(saved.at("effective_from"), kToday);
  EXPECT_LT(today_mg(), 0.59);
}

TEST_F(ServerPlanStart, GoingBackNeedsTheStepAndAReason) {
  json options = {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}};
  json no_reason = options;
  no_reason["go_back_to_step"] = 4;
  EXPECT_EQ(first_error(send("POST", "/plans", no_reason, 422), "field"), "go_back_reason");
  json no_step = options;
  no_step["go_back_reason"] = "sleep has been very poor";
  EXPECT_EQ(first_error(send("POST", "/plans", no_step, 422), "field"), "go_back_to_step");
  json too_far = no_step;
  too_far["go_back_to_step"] = 2;
  EXPECT_EQ(first_error(send("POST", "/plans", too_far, 422), "field"), "go_back_to_step");
  json higher = kOriginal;
  higher["go_back_to_step"] = 4;
  higher["go_back_reason"] = "sleep has been very poor";
  EXPECT_EQ(first_error(send("POST", "/plans", higher, 422), "field"), "regimen");
  EXPECT_EQ(read("/plans").at("versions").size(), 1u);
}

TEST_F(ServerPlanStart, GoingBackHoldsThePreviousStepAndRecordsTheReason) {
  const std::string why = "sleep has been very poor every night since the last cut";
  const json options = {{"strategy", "fraction"},
                        {"cut", "5%"},
                        {"every", "21d"},
                        {"go_back_to_step", 4},
                        {"go_back_reason", why}};
  const json preview = send("POST", "/plans/preview", options, 200);
  const std::string first_cut = parse_civil_date(kToday, "today").plus_days(14).to_string();
  EXPECT_EQ(preview.at("go_back").at("to_step"), 4);
  EXPECT_EQ(preview.at("go_back").at("from"), kToday);
  EXPECT_EQ(preview.at("go_back").at("first_cut"), first_cut);
  EXPECT_NEAR(daily(preview.at("plan").at("start_regimen")), 0.66, 1e-9);

  const json saved = send("POST", "/plans", options, 201);
  EXPECT_EQ(saved.at("version"), 2);
  EXPECT_EQ(saved.at("effective_from"), kToday);
  const std::string reason = saved.at("reason").get<std::string>();
  EXPECT_NE(reason.find("went back to step 4"), std::string::npos) << reason;
  EXPECT_NE(reason.find(why), std::string::npos) << reason;
  EXPECT_EQ(read("/plans").at("versions").at(1).at("reason"), reason);
  EXPECT_NEAR(today_mg(), 0.66, 1e-9);
  // The version is spliced into the plan before it: its calendar is not rebuilt from the request.
  EXPECT_EQ(get(person_path(me_, "/plans/2/calendar.csv"), &me_)->status, 409);
}

}  // namespace
}  // namespace taperlab::server::testing
