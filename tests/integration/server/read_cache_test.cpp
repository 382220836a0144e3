// What the server keeps between requests (server/signed_in_cache.hpp, server/today_memo.hpp) is
// never used once the database says it changed: writes from outside the server (the CLI, another
// server process on the same file) show at once, and a kept answer is the one a cold build makes.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "auth/tokens.hpp"
#include "journal/today.hpp"
#include "server/signed_in_cache.hpp"
#include "server/today_memo.hpp"
#include "server_fixture.hpp"

namespace taperlab::server::testing {
namespace {

class ServerReadCache : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    sam = sign_up("sam@example.org");
    send("POST", "/regimen",
         {{"regimen", "clonazepam 0.5mg@08:00, 0.5mg@20:00"}, {"weeks_on_regimen", 52}});
    send("POST", "/plans", {{"strategy", "fraction"}, {"cut", "10%"}, {"every", "14d"}});
  }

  void send(const std::string& method, const std::string& rest, const json& body) {
    auto res = call(method, person_path(sam, rest), &sam, body.dump());
    ASSERT_TRUE(res);
    ASSERT_LT(res->status, 300) << res->body;
  }

  // GET today's body, checked to be 200.
  std::string today(const std::string& query = "") {
    auto res = get(person_path(sam, "/today" + query), &sam);
    if (!res || res->status != 200) {
      ADD_FAILURE() << (res ? res->body : std::string("no answer"));
      return "";
    }
    return res->body;
  }

  // What GET today answers when nothing is kept: built from the database as it is now.
  std::string cold_today(const char* date = kToday) {
    const Person person = *outside().find_person(sam.person_id);
    return journal::today_json_text(
        journal::build_today(outside(), person, parse_civil_date(date, "date")));
  }

  std::string token_hash() const {
    return auth::token_hash(sam.cookie.substr(sam.cookie.find('=') + 1));
  }

  Account sam;
};

TEST_F(ServerReadCache, KeptTodayIsWhatAColdBuildAnswers) {
  const std::string first = today();
  EXPECT_EQ(first, cold_today());
  EXPECT_EQ(today(), first);  // from memory now
  EXPECT_EQ(today(), cold_today());
  // Another date is its own answer, and today's is still right after it.
  EXPECT_EQ(today("?date=2026-02-20"), cold_today("2026-02-20"));
  EXPECT_EQ(today(), first);
}

TEST_F(ServerReadCache, TodayFollowsWritesMadeOutsideTheServer) {
  const std::string before = today();
  today();  // kept
  DoseLogEntry dose;
  dose.person_id = sam.person_id;
  dose.date = parse_civil_date(kToday, "date");
  dose.time = TimeOfDay{8 * 60 + 5};
  dose.drug_id = "clonazepam";
  dose.dose_mg = 0.5;
  dose.planned_time = TimeOfDay{8 * 60};
  dose.planned_dose_mg = 0.5;
  dose.recorded_at = kNowUtc;
  outside().add_dose(dose);
  const std::string after = today();
  EXPECT_NE(after, before);
  EXPECT_EQ(after, cold_today());

  // A profile change counts too (the person is part of what today reads).
  Person person = *outside().find_person(sam.person_id);
  person.name = "Sam Outside";
  outside().update_person(person);
  EXPECT_EQ(today(), cold_today());
  EXPECT_EQ(body_of(get(person_path(sam), &sam)).value("name", ""), "Sam Outside");
}

TEST_F(ServerReadCache, TodayFollowsWritesThroughTheApi) {
  const std::string before = today();
  send("POST", "/doses", {{"planned_time", "08:00"}, {"time", "08:10"}});
  const std::string after = today();
  EXPECT_NE(after, before);
  EXPECT_EQ(after, cold_today());
}

TEST_F(ServerReadCache, SigningOutElsewhereEndsTheKeptSessionAtOnce) {
  ASSERT_FALSE(today().empty());
  ASSERT_FALSE(today().empty());  // the session is kept now
  outside().delete_auth_session(token_hash());
  auto res = get(person_path(sam, "/today"), &sam);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
}

TEST_F(ServerReadCache, AKeptSessionStillExpires) {
  ASSERT_FALSE(today().empty());
  const auto session = outside().find_auth_session(token_hash());
  ASSERT_TRUE(session.has_value());
  set_now_utc(session->expires_at);
  auto res = get(person_path(sam, "/today"), &sam);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
}

TEST_F(ServerReadCache, AnotherPersonsCookieNeverReadsAKeptAnswer) {
  const Account alex = sign_up("alex@example.org");
  ASSERT_FALSE(today().empty());
  auto res = get(person_path(sam, "/today"), &alex);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

// --- the two memories on their own
// ----------------------------------------------------------------

std::shared_ptr<const store::SignedIn> signed_in(const std::string& name) {
  store::SignedIn s;
  s.session.token_hash = "h-" + name;
  s.person.name = name;
  return std::make_shared<const store::SignedIn>(std::move(s));
}

TEST(SignedInCache, UsesAnEntryOnlyAtItsGeneration) {
  SignedInCache cache(8);
  cache.keep("h1", 5, signed_in("one"));
  ASSERT_NE(cache.find("h1", 5), nullptr);
  EXPECT_EQ(cache.find("h1", 5)->person.name, "one");
  EXPECT_EQ(cache.find("h1", 6), nullptr);
  EXPECT_EQ(cache.find("h2", 5), nullptr);
  // A newer generation drops what the older one kept.
  cache.keep("h2", 6, signed_in("two"));
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.find("h1", 5), nullptr);
}

TEST(SignedInCache, StaysWithinItsCapacity) {
  SignedInCache cache(3);
  // The hash as one to_string: GCC 12 warns falsely (-Wrestrict) on "h" + std::to_string(i).
  for (int i = 0; i < 10; ++i) cache.keep(std::to_string(100 + i), 1, signed_in("x"));
  EXPECT_LE(cache.size(), 3u);
  EXPECT_NE(cache.find("109", 1), nullptr);
  SignedInCache none(0);
  none.keep("h", 1, signed_in("x"));
  EXPECT_EQ(none.find("h", 1), nullptr);
}

TEST(TodayMemo, UsesAnEntryOnlyForItsPersonDateAndVersion) {
  TodayMemo memo(8);
  const CivilDate d = parse_civil_date("2026-03-01", "d");
  memo.keep(1, d, 7, "one");
  ASSERT_NE(memo.find(1, d, 7), nullptr);
  EXPECT_EQ(*memo.find(1, d, 7), "one");
  EXPECT_EQ(memo.find(1, d, 8), nullptr);
  EXPECT_EQ(memo.find(1, d.plus_days(1), 7), nullptr);
  EXPECT_EQ(memo.find(2, d, 7), nullptr);
  memo.keep(1, d.plus_days(1), 7, "next day");  // replaces the person's entry
  EXPECT_EQ(memo.size(), 1u);
  EXPECT_EQ(memo.find(1, d, 7), nullptr);
  TodayMemo none(0);
  none.keep(1, d, 7, "x");
  EXPECT_EQ(none.find(1, d, 7), nullptr);
}

}  // namespace
}  // namespace taperlab::server::testing
