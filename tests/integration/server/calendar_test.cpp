// The calendar subscription over real HTTP: made in settings, fetched by a calendar app without a
// cookie, following the plan when it changes, revoked, and guarded from other people.
#include <gtest/gtest.h>

#include <string>

#include "auth/tokens.hpp"
#include "server/log_path.hpp"
#include "server_fixture.hpp"

namespace taperlab::server::testing {
namespace {

const json kCalendarPlanOptions = {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}};

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

// The calendar's content lines joined again (RFC 5545 folds them at 75 octets).
std::string unfolded(const std::string& ics) {
  std::string out;
  for (std::size_t i = 0; i < ics.size(); ++i) {
    if (ics.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    out += ics[i];
  }
  return out;
}

class ServerCalendar : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    me_ = sign_up("robin@example.org");
    other_ = sign_up("kim@example.org");
    expect(post(person_path(me_, "/regimen"), &me_,
                {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"}, {"weeks_on_regimen", 52}}),
           201, "regimen");
    expect(post(person_path(me_, "/plans"), &me_, kCalendarPlanOptions), 201, "plan");
  }

  json expect(const httplib::Result& res, int status, const std::string& what) {
    if (!res) {
      ADD_FAILURE() << what << ": no answer";
      return json();
    }
    EXPECT_EQ(res->status, status) << what << ": " << res->body;
    return json::parse(res->body, nullptr, false);
  }

  // Makes (or replaces) the subscription and returns its path, "/cal/<token>.ics".
  std::string subscribe(const Account& who) {
    const json made = expect(post(person_path(who, "/calendar-subscription"), &who, json::object()),
                             201, "subscribe");
    return made.value("path", "");
  }

  // A calendar app's fetch: no cookie, no CSRF token.
  httplib::Result fetch(const std::string& path) const { return get(path); }

  Account me_;
  Account other_;
};

TEST_F(ServerCalendar, TheFeedServesThePlanWithAnAlarmPerDoseAndReviewDay) {
  EXPECT_TRUE(expect(get(person_path(me_, "/calendar-subscription"), &me_), 200, "none yet")
                  .at("subscription")
                  .is_null());
  const std::string path = subscribe(me_);
  ASSERT_EQ(path.rfind("/cal/", 0), 0u) << path;
  ASSERT_EQ(path.size(), std::string("/cal/").size() + 43 + std::string(".ics").size()) << path;
  const std::string token = path.substr(5, 43);

  // Only the token's hash is stored: the database alone opens no one's calendar.
  const auto stored = outside().calendar_token_of(me_.person_id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->token_hash, auth::token_hash(token));
  EXPECT_EQ(stored->token_hash.find(token), std::string::npos);
  const json shown = expect(get(person_path(me_, "/calendar-subscription"), &me_), 200, "shown");
  EXPECT_EQ(shown.at("subscription").value("created_at", ""), kNowUtc);
  EXPECT_FALSE(shown.dump().find(token) != std::string::npos);  // never shown again

  const auto res = fetch(path);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(res->get_header_value("Set-Cookie"), "");
  const std::string& ics = res->body;
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_GT(count(ics, "BEGIN:VEVENT"), 4u);
  EXPECT_EQ(count(ics, "BEGIN:VALARM"), count(ics, "BEGIN:VEVENT"));  // every event rings
  EXPECT_GT(count(ics, "SUMMARY:Review day: check in today"), 0u);
  EXPECT_NE(ics.find("SUMMARY:Take clonazepam 0.5 mg"), std::string::npos);
  EXPECT_NE(ics.find("UID:v1-step1-0800-clonazepam@"), std::string::npos);
  // The plan starts today (2026-03-01): its first dose reminder is today at 08:00 local time.
  EXPECT_NE(ics.find("DTSTART:20260301T080000\r\n"), std::string::npos);
}

TEST_F(ServerCalendar, ANewPlanReachesTheFeedAtTheNextFetch) {
  const std::string path = subscribe(me_);
  const auto before = fetch(path);
  ASSERT_TRUE(before);
  ASSERT_EQ(before->status, 200);
  EXPECT_EQ(before->body.find("UID:v2-"), std::string::npos);

  json slower = kCalendarPlanOptions;
  slower["cut"] = "5%";
  expect(post(person_path(me_, "/plans"), &me_, slower), 201, "new plan");
  const auto after = fetch(path);
  ASSERT_TRUE(after);
  ASSERT_EQ(after->status, 200);
  EXPECT_NE(after->body.find("UID:v2-step1-0800-clonazepam@"), std::string::npos);
  EXPECT_EQ(after->body.find("UID:v1-"), std::string::npos);  // the old plan is no longer shown
  EXPECT_GT(count(after->body, "BEGIN:VEVENT"), count(before->body, "BEGIN:VEVENT"));
}

TEST_F(ServerCalendar, RevokedOrUnknownAddressesAllAnswerTheSame404) {
  const std::string path = subscribe(me_);
  ASSERT_EQ(fetch(path)->status, 200);
  expect(call("DELETE", person_path(me_, "/calendar-subscription"), &me_), 204, "revoke");
  EXPECT_TRUE(expect(get(person_path(me_, "/calendar-subscription"), &me_), 200, "after revoke")
                  .at("subscription")
                  .is_null());

  const auto revoked = fetch(path);
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->status, 404);
  const std::string unknown_token = auth::random_token();
  for (const std::string& other :
       {"/cal/" + unknown_token + ".ics", std::string("/cal/abc.ics"), "/cal/" + unknown_token}) {
    const auto res = fetch(other);
    ASSERT_TRUE(res) << other;
    EXPECT_EQ(res->status, 404) << other;
    EXPECT_EQ(res->body, revoked->body) << other;  // nothing tells a revoked token from a guess
  }
  EXPECT_EQ(revoked->body.find(path.substr(5, 43)), std::string::npos);

  // A new address works; the old one stays dead.
  const std::string again = subscribe(me_);
  EXPECT_NE(again, path);
  EXPECT_EQ(fetch(again)->status, 200);
  EXPECT_EQ(fetch(path)->status, 404);
  // Making another replaces the one before.
  const std::string third = subscribe(me_);
  EXPECT_EQ(fetch(again)->status, 404);
  EXPECT_EQ(fetch(third)->status, 200);
}

TEST_F(ServerCalendar, NoOneElseCanMakeOrRevokeMySubscription) {
  const std::string mine = subscribe(me_);
  // Another signed-in person, on my person id: 404 as if I did not exist.
  expect(call("POST", person_path(me_, "/calendar-subscription"), &other_, "{}"), 404,
         "create for another");
  expect(call("DELETE", person_path(me_, "/calendar-subscription"), &other_), 404,
         "revoke for another");
  expect(get(person_path(me_, "/calendar-subscription"), &other_), 404, "read another's");
  EXPECT_EQ(fetch(mine)->status, 200);  // still mine, still working
  // Without a session, or without the CSRF token.
  expect(call("POST", person_path(me_, "/calendar-subscription"), nullptr, "{}"), 401,
         "no session");
  expect(call("DELETE", person_path(me_, "/calendar-subscription"), &me_, "", false), 403,
         "no CSRF token");
  EXPECT_EQ(fetch(mine)->status, 200);

  // Their own feed is theirs: no plan yet, so no events, and nothing of mine.
  const std::string theirs = subscribe(other_);
  const auto res = fetch(theirs);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->body.find("BEGIN:VEVENT"), std::string::npos);
  EXPECT_EQ(res->body.find("clonazepam"), std::string::npos);
}

TEST_F(ServerCalendar, APausedPlanHoldsTheDoseWithNoLaterCutsOrReviews) {
  const std::string path = subscribe(me_);
  const std::string before = unfolded(fetch(path)->body);
  EXPECT_NE(before.find("UID:v1-step2-"), std::string::npos);
  EXPECT_NE(before.find("SUMMARY:Review day"), std::string::npos);

  // A seizure reported today pauses the plan (an urgent decision).
  expect(post(person_path(me_, "/check-ins"), &me_, {{"red_flags", {"seizure"}}}), 201,
         "urgent check-in");
  const auto res = fetch(path);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const std::string paused = unfolded(res->body);
  EXPECT_NE(paused.find("Your plan is paused: keep taking this dose"), std::string::npos);
  EXPECT_EQ(paused.find("UID:v1-step2-"), std::string::npos);  // no cut while paused
  EXPECT_EQ(paused.find("SUMMARY:Review day"), std::string::npos);
  // Today's step repeats with no end.
  const std::size_t held = paused.find("UID:v1-step1-0800-clonazepam@");
  ASSERT_NE(held, std::string::npos);
  const std::size_t end = paused.find("END:VEVENT", held);
  EXPECT_NE(paused.substr(held, end - held).find("RRULE:FREQ=DAILY\r\n"), std::string::npos);
}

TEST_F(ServerCalendar, DeletingTheAccountEndsTheFeed) {
  const std::string path = subscribe(me_);
  expect(call("DELETE", person_path(me_), &me_), 204, "delete my data");
  EXPECT_EQ(fetch(path)->status, 404);
}

TEST(CalendarLog, TheAccessLogNeverWritesAFeedsToken) {
  const std::string token = auth::random_token();
  EXPECT_EQ(loggable_path("/cal/" + token + ".ics"), "/cal/{token}");
  EXPECT_EQ(loggable_path("/cal/"), "/cal/{token}");
  EXPECT_EQ(loggable_path("/cal/x/y"), "/cal/{token}");
  // Everything else is logged as it is (ids only: no query strings reach the logger).
  EXPECT_EQ(loggable_path("/api/v1/people/3/today"), "/api/v1/people/3/today");
  EXPECT_EQ(loggable_path("/calendar"), "/calendar");
  EXPECT_EQ(loggable_path("/"), "/");
}

}  // namespace
}  // namespace taperlab::server::testing
