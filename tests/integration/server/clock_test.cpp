// The person's own clock over HTTP: "today", the confirmation time of a dose and the dose times on
// the days the clocks change follow the person's time zone, not the server's (issue 22, point 4).

#include <gtest/gtest.h>

#include <string>

#include "server_fixture.hpp"

namespace taperlab::server::testing {
namespace {

class ClockTest : public ServerFixture {
 protected:
  // Signs up with the zone the browser reports, as the web app's sign-up form sends it.
  Account sign_up_in(const std::string& email, const std::string& time_zone) {
    auto res = post(
        "/api/v1/auth/signup", nullptr,
        {{"email", email}, {"password", kPassword}, {"country", "US"}, {"time_zone", time_zone}});
    if (!res || res->status != 202) {
      ADD_FAILURE() << "sign-up failed: " << (res ? res->body : std::string("no answer"));
      return {};
    }
    res = post("/api/v1/auth/signin", nullptr, {{"email", email}, {"password", kPassword}});
    if (!res || res->status != 200) {
      ADD_FAILURE() << "sign-in failed: " << (res ? res->body : std::string("no answer"));
      return {};
    }
    const json doc = json::parse(res->body);
    return Account{email, doc.at("person_id").get<std::int64_t>(),
                   cookie_pair(res->get_header_value("Set-Cookie")),
                   doc.at("csrf_token").get<std::string>()};
  }

  json send(const Account& a, const std::string& method, const std::string& rest, const json& body,
            int expected_status) {
    auto res = call(method, person_path(a, rest), &a, body.dump());
    EXPECT_TRUE(res);
    if (!res) return json();
    EXPECT_EQ(res->status, expected_status) << method << " " << rest << ": " << res->body;
    return json::parse(res->body, nullptr, false);
  }

  json read(const Account& a, const std::string& rest) {
    auto res = get(person_path(a, rest), &a);
    EXPECT_TRUE(res && res->status == 200) << rest << ": " << (res ? res->body : "no answer");
    return body_of(res);
  }
};

TEST_F(ClockTest, LateSundayEveningInLosAngelesShowsSundaysDoses) {
  // Saturday 22:00 in Los Angeles: the account and its regimen start on Saturday 5 December.
  set_now_utc("2026-12-06T06:00:00Z");
  const Account la = sign_up_in("la@example.org", "America/Los_Angeles");
  EXPECT_EQ(read(la, "").at("time_zone"), "America/Los_Angeles");
  EXPECT_EQ(read(la, "").at("created_on"), "2026-12-05");
  send(la, "POST", "/regimen", {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"}}, 201);

  // 2026-12-07T06:35Z: Monday in UTC (the server's clock), 22:35 on Sunday in Los Angeles.
  set_now_utc("2026-12-07T06:35:00Z");
  const json today = read(la, "/today");
  EXPECT_EQ(today.at("date"), "2026-12-06");
  EXPECT_EQ(today.at("time_zone"), "America/Los_Angeles");
  ASSERT_EQ(today.at("doses").size(), 2u);
  EXPECT_EQ(today.at("doses")[1].at("time"), "20:00");
  EXPECT_EQ(today.at("doses")[1].at("due_time"), "20:00");
  EXPECT_TRUE(today.at("doses")[1].at("clock_change").is_null());

  // Confirming now, without a date or time: Sunday's 20:00 dose, taken at 22:35 by the person's
  // clock, with the confirmation stamped in their zone and recorded_at in UTC.
  const json dose = send(la, "POST", "/doses", {{"planned_time", "20:00"}}, 201);
  EXPECT_EQ(dose.at("date"), "2026-12-06");
  EXPECT_EQ(dose.at("time"), "22:35");
  EXPECT_EQ(dose.at("planned_time"), "20:00");
  EXPECT_EQ(dose.at("confirmed_at"), "2026-12-06T22:35:00-08:00");
  EXPECT_EQ(dose.at("recorded_at"), "2026-12-07T06:35:00Z");
  // Monday is still the future in Los Angeles.
  send(la, "POST", "/doses", {{"planned_time", "08:00"}, {"date", "2026-12-07"}}, 422);

  // Someone in London at the same instant is already on Monday.
  const Account london = sign_up_in("london@example.org", "Europe/London");
  EXPECT_EQ(read(london, "/today").at("date"), "2026-12-07");
}

TEST_F(ClockTest, AnEarlierDayConfirmedWithoutATimeIsTakenAsPlanned) {
  set_now_utc("2026-12-05T18:00:00Z");  // 10:00 on Saturday in Los Angeles
  const Account la = sign_up_in("late@example.org", "America/Los_Angeles");
  send(la, "POST", "/regimen", {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"}}, 201);
  set_now_utc("2026-12-06T18:00:00Z");  // Sunday 10:00: Saturday's evening dose logged late
  const json dose =
      send(la, "POST", "/doses", {{"planned_time", "20:00"}, {"date", "2026-12-05"}}, 201);
  EXPECT_EQ(dose.at("time"), "20:00");
  EXPECT_EQ(dose.at("confirmed_at"), "2026-12-06T10:00:00-08:00");
  // Today's morning dose, confirmed without a planned time, answers the nearest pending one.
  const json morning = send(la, "POST", "/doses", json::object(), 201);
  EXPECT_EQ(morning.at("planned_time"), "08:00");
  EXPECT_EQ(morning.at("time"), "10:00");
}

TEST_F(ClockTest, SettingsChangeTheZoneAndUnknownZonesAreRefused) {
  set_now_utc("2026-12-07T06:35:00Z");
  auto bad = post(
      "/api/v1/auth/signup", nullptr,
      {{"email", "mars@example.org"}, {"password", kPassword}, {"time_zone", "Mars/Olympus_Mons"}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_EQ(body_of(bad).at("errors")[0].at("field"), "time_zone");

  const Account a = sign_up_in("moves@example.org", "Europe/London");
  EXPECT_EQ(read(a, "/today").at("date"), "2026-12-07");
  const json problem = send(a, "PUT", "", {{"time_zone", "Pacific/Atlantis"}}, 422);
  EXPECT_EQ(problem.at("errors")[0].at("field"), "time_zone");
  const json moved = send(a, "PUT", "", {{"time_zone", "America/Los_Angeles"}}, 200);
  EXPECT_EQ(moved.at("time_zone"), "America/Los_Angeles");
  EXPECT_EQ(read(a, "/today").at("date"), "2026-12-06");  // no stale answer kept
  // Other fields leave the zone as it is.
  send(a, "PUT", "", {{"name", "Sam"}}, 200);
  EXPECT_EQ(read(a, "").at("time_zone"), "America/Los_Angeles");
}

TEST_F(ClockTest, WithoutAZoneTheServersOwnIsUsed) {
  // The server tests run with TZ=Europe/Kyiv (tests/integration/server/CMakeLists.txt).
  set_now_utc("2026-12-06T22:30:00Z");  // 00:30 on Monday in Kyiv
  const Account a = sign_up("nozone@example.org");
  EXPECT_EQ(read(a, "").at("time_zone"), "");
  const json today = read(a, "/today");
  EXPECT_EQ(today.at("date"), "2026-12-07");
  EXPECT_EQ(today.at("time_zone"), "Europe/Kyiv");
}

TEST_F(ClockTest, ADoseInTheSpringForwardGapIsDueAfterTheGap) {
  // Los Angeles, Sunday 2027-03-14: the clocks go from 02:00 to 03:00.
  set_now_utc("2027-03-13T18:00:00Z");
  const Account a = sign_up_in("dst@example.org", "America/Los_Angeles");
  send(a, "POST", "/regimen", {{"regimen", "zolpidem 5mg@02:30"}}, 201);
  set_now_utc("2027-03-14T18:00:00Z");  // 11:00 PDT
  const json today = read(a, "/today");
  EXPECT_EQ(today.at("date"), "2027-03-14");
  ASSERT_EQ(today.at("doses").size(), 1u);
  EXPECT_EQ(today.at("doses")[0].at("time"), "02:30");
  EXPECT_EQ(today.at("doses")[0].at("due_time"), "03:30");
  EXPECT_EQ(today.at("doses")[0].at("clock_change"), "skipped");
  // It is still the 02:30 dose, logged once.
  send(a, "POST", "/doses", {{"planned_time", "02:30"}, {"time", "03:30"}}, 201);
  send(a, "POST", "/doses", {{"planned_time", "02:30"}}, 409);
  // The day before and after: as planned.
  set_now_utc("2027-03-15T18:00:00Z");
  EXPECT_EQ(read(a, "/today").at("doses")[0].at("due_time"), "02:30");
}

TEST_F(ClockTest, TheRepeatedHourOfFallBackIsDueOnce) {
  set_now_utc("2026-10-31T18:00:00Z");
  const Account a = sign_up_in("fallback@example.org", "America/Los_Angeles");
  send(a, "POST", "/regimen", {{"regimen", "zolpidem 5mg@01:30"}}, 201);
  set_now_utc("2026-11-01T18:00:00Z");  // Sunday 1 November, 10:00 PST
  const json dose = read(a, "/today").at("doses")[0];
  EXPECT_EQ(dose.at("due_time"), "01:30");
  EXPECT_EQ(dose.at("clock_change"), "repeated");
}

TEST_F(ClockTest, AnImportedJournalBringsItsZone) {
  set_now_utc("2026-12-07T06:35:00Z");
  const Account la = sign_up_in("export@example.org", "America/Los_Angeles");
  send(la, "POST", "/regimen", {{"regimen", "clonazepam 0.5mg@08:00"}}, 201);
  auto exported = get(person_path(la, "/export?format=json"), &la);
  ASSERT_TRUE(exported && exported->status == 200);
  EXPECT_EQ(json::parse(exported->body).at("person").at("time_zone"), "America/Los_Angeles");

  // Its dates were kept on Los Angeles' clock: the new account follows it.
  const Account london = sign_up_in("import@example.org", "Europe/London");
  auto imported = call("POST", person_path(london, "/import"), &london, exported->body);
  ASSERT_TRUE(imported);
  EXPECT_EQ(imported->status, 201) << imported->body;
  EXPECT_EQ(read(london, "").at("time_zone"), "America/Los_Angeles");
  EXPECT_EQ(read(london, "/today").at("date"), "2026-12-06");

  // A zone this server does not know is refused, naming the field; nothing is stored.
  json odd = json::parse(exported->body);
  odd["person"]["time_zone"] = "Mars/Olympus_Mons";
  const Account third = sign_up_in("odd@example.org", "Europe/London");
  auto refused = call("POST", person_path(third, "/import"), &third, odd.dump());
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_EQ(body_of(refused).at("errors")[0].at("field"), "person.time_zone");
  EXPECT_EQ(read(third, "").at("time_zone"), "Europe/London");
}

}  // namespace
}  // namespace taperlab::server::testing
