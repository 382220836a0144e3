// Urgent states over HTTP (issue 22, points 2 and 8): a seizure in a check-in answers with the
// urgent screen's words and the country's emergency number; Today, while paused, says how the
// pause ends; POST /plan/resume is refused (409, in words) until a check-in on a later day without
// red flags, and validates who and why (422 naming the field); "Help now" needs no sign-in, with
// call and text links.

#include <gtest/gtest.h>

#include <algorithm>

#include "server_fixture.hpp"

namespace taperlab::server::testing {
namespace {

class ResumeTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    me_ = sign_up("sam@example.org");
  }

  json send(const std::string& method, const std::string& rest, const json& body, int status) {
    auto res = call(method, person_path(me_, rest), &me_, body.dump());
    EXPECT_TRUE(res) << method << " " << rest;
    if (!res) return json();
    EXPECT_EQ(res->status, status) << method << " " << rest << ": " << res->body;
    return json::parse(res->body, nullptr, false);
  }
  json read(const std::string& rest) {
    auto res = get(person_path(me_, rest), &me_);
    EXPECT_TRUE(res && res->status == 200) << rest << ": " << (res ? res->body : "no answer");
    return res ? json::parse(res->body, nullptr, false) : json();
  }

  Account me_;
};

bool has_href(const json& contacts, const std::string& href) {
  return std::any_of(contacts.begin(), contacts.end(),
                     [&](const json& c) { return c.at("href") == href; });
}

TEST_F(ResumeTest, ASeizurePausesThePlanUntilAResumeAfterACalmCheckIn) {
  send("POST", "/regimen",
       {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"}, {"weeks_on_regimen", 52}}, 201);
  send("POST", "/plans", {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}}, 201);

  const json urgent = send("POST", "/check-ins", {{"red_flags", {"seizure"}}}, 201);
  ASSERT_TRUE(urgent.contains("urgent_message")) << urgent.dump();
  const std::string words = urgent.at("urgent_message").get<std::string>();
  EXPECT_NE(words.find("a seizure (fit)"), std::string::npos) << words;
  EXPECT_NE(words.find("Call 999"), std::string::npos) << words;  // GB
  EXPECT_EQ(urgent.at("review").at("decision").at("kind"), "urgent");
  EXPECT_EQ(urgent.at("review").at("paused"), true);

  json today = read("/today");
  EXPECT_EQ(today.at("paused"), true);
  ASSERT_TRUE(today.at("pause").is_object()) << today.dump();
  EXPECT_EQ(today.at("pause").at("can_resume"), false);
  EXPECT_EQ(today.at("pause").at("words").size(), 4u);
  EXPECT_TRUE(today.at("next_change_date").is_null());

  // The same day: refused in words, and nothing stored.
  json refused = send("POST", "/plan/resume", {{"by", "person"}, {"reason", "I feel fine"}}, 409);
  EXPECT_NE(refused.value("detail", "").find("no check-in after"), std::string::npos)
      << refused.dump();

  // The next day, a calm check-in: still no urgent words.
  set_now_utc("2026-03-02T09:00:00Z");
  const json calm = send("POST", "/check-ins", {{"symptoms", {{"anxiety", 1}}}}, 201);
  EXPECT_FALSE(calm.contains("urgent_message")) << calm.dump();
  EXPECT_EQ(read("/today").at("pause").at("can_resume"), true);

  // Who and why are named fields.
  json bad = send("POST", "/plan/resume", {{"by", "neighbour"}, {"reason", "x"}}, 422);
  ASSERT_FALSE(bad.at("errors").empty()) << bad.dump();
  EXPECT_EQ(bad.at("errors")[0].at("field"), "by");
  bad = send("POST", "/plan/resume", {{"by", "person"}}, 422);
  ASSERT_FALSE(bad.at("errors").empty()) << bad.dump();
  EXPECT_EQ(bad.at("errors")[0].at("field"), "reason");
  // Without the CSRF token, nothing happens.
  auto forged = call("POST", person_path(me_, "/plan/resume"), &me_,
                     json{{"by", "person"}, {"reason", "x"}}.dump(), false);
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);

  const json resumed =
      send("POST", "/plan/resume", {{"by", "clinician"}, {"reason", "Seen by Dr Rao"}}, 201);
  EXPECT_EQ(resumed.at("decision").at("kind"), "continue");
  EXPECT_EQ(resumed.at("decision").at("evidence").at("resumed_by"), "clinician");
  EXPECT_EQ(resumed.at("new_plan_version"), 2) << resumed.dump();
  today = read("/today");
  EXPECT_EQ(today.at("paused"), false);
  EXPECT_TRUE(today.at("pause").is_null());
  EXPECT_EQ(today.at("plan_version"), 2);
  EXPECT_FALSE(today.at("next_change_date").is_null());
  send("POST", "/plan/resume", {{"by", "person"}, {"reason", "again"}}, 409);
}

TEST_F(ResumeTest, HelpNowNeedsNoSignInAndGivesCallAndTextLinks) {
  auto res = get("/api/v1/crisis-lines?country=US");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json doc = json::parse(res->body);
  EXPECT_EQ(doc.at("country"), "US");
  EXPECT_TRUE(has_href(doc.at("contacts"), "tel:911"));
  // 988 takes calls and texts: both links.
  EXPECT_TRUE(has_href(doc.at("contacts"), "tel:988"));
  EXPECT_TRUE(has_href(doc.at("contacts"), "sms:988"));
  EXPECT_EQ(doc.at("contacts")[0].at("kind"), "emergency");

  res = get("/api/v1/crisis-lines?country=GB");
  ASSERT_TRUE(res && res->status == 200);
  doc = json::parse(res->body);
  EXPECT_TRUE(has_href(doc.at("contacts"), "tel:999"));
  EXPECT_TRUE(has_href(doc.at("contacts"), "tel:116123"));
  EXPECT_TRUE(has_href(doc.at("contacts"), "sms:85258"));  // Shout: text only
  EXPECT_FALSE(has_href(doc.at("contacts"), "tel:85258"));

  // No country and no session: the default words, never an error.
  res = get("/api/v1/crisis-lines");
  ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "");
  EXPECT_EQ(json::parse(res->body).at("country"), "default");
  // Signed in: the person's country (GB at sign-up).
  res = get("/api/v1/crisis-lines", &me_);
  ASSERT_TRUE(res && res->status == 200);
  EXPECT_EQ(json::parse(res->body).at("country"), "GB");
}

}  // namespace
}  // namespace taperlab::server::testing
