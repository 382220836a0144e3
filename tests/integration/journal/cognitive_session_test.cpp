// Recording memory/attention test sessions through the journal on a real SQLite file: validation
// naming every bad field, storage, and the comparison with the baseline on the same device.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "core/base/error.hpp"
#include "journal/cognitive.hpp"
#include "journal_fixture.hpp"

namespace taperlab::journal {
namespace {

using nlohmann::json;

class CognitiveSessions : public testing::JournalFixture {
 protected:
  void SetUp() override {
    JournalFixture::SetUp();
    person_.name = "Robin";
    person_.created_on = testing::kToday.plus_days(-100);
    person_.id = repo().add_person(person_);
  }

  CognitiveSession draft(int days_ago, const std::string& test, json result,
                         const std::string& device = "laptop") const {
    CognitiveSession s;
    s.date = testing::kToday.plus_days(-days_ago);
    s.test_id = test;
    s.device = device;
    s.browser = "Firefox 128";
    s.result = std::move(result);
    return s;
  }

  Person person_;
};

std::set<std::string> fields_of(const ValidationError& e) {
  std::set<std::string> out;
  for (const auto& f : e.errors()) out.insert(f.field);
  return out;
}

TEST_F(CognitiveSessions, StoresTheSessionAndComparesItWithTheSecondPracticeRun) {
  const auto first =
      record_cognitive_session(ctx(), person_, draft(60, "digit-span-forward", {{"score", 5}}));
  EXPECT_GT(first.session.id, 0);
  EXPECT_EQ(first.session.person_id, person_.id);
  EXPECT_EQ(first.session.recorded_at, "2026-03-01T09:00:00Z");
  EXPECT_TRUE(first.comparison.practice);
  EXPECT_EQ(first.comparison.session_number, 1);

  record_cognitive_session(ctx(), person_, draft(59, "digit-span-forward", {{"score", 6}}));
  // Another device starts its own practice, whatever the laptop has.
  const auto phone = record_cognitive_session(
      ctx(), person_, draft(30, "digit-span-forward", {{"score", 9}}, "phone"));
  EXPECT_TRUE(phone.comparison.practice);
  EXPECT_EQ(phone.comparison.session_number, 1);

  const auto later =
      record_cognitive_session(ctx(), person_, draft(0, "digit-span-forward", {{"score", 9}}));
  EXPECT_FALSE(later.comparison.practice);
  EXPECT_EQ(later.comparison.session_number, 3);
  ASSERT_TRUE(later.comparison.baseline_score);
  EXPECT_DOUBLE_EQ(*later.comparison.baseline_score, 6.0);
  EXPECT_NEAR(*later.comparison.rci, 3 / (1.2 * std::sqrt(2 * (1 - 0.63))), 1e-9);
  EXPECT_EQ(*later.comparison.change, assess::CognitiveChange::kImproved);

  const auto all = list_cognitive_sessions(repo(), person_.id);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[3].session.id, later.session.id);
  EXPECT_EQ(all[3].comparison.session_number, 3);
  EXPECT_EQ(all[2].session.device, "phone");
}

TEST_F(CognitiveSessions, ReportsEveryBadFieldAtOnceAndStoresNothing) {
  CognitiveSession bad = draft(-1, "pvt", {{"score", 11}, {"lapses", -2}});
  bad.device = "  ";
  bad.browser = std::string(201, 'x');
  try {
    record_cognitive_session(ctx(), person_, bad);
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(fields_of(e), (std::set<std::string>{"date", "device", "browser", "result.score",
                                                   "result.lapses"}));
  }
  EXPECT_TRUE(repo().cognitive_sessions(person_.id).empty());
}

TEST_F(CognitiveSessions, UnknownTestAndMissingScoreNameTheirFields) {
  try {
    record_cognitive_session(ctx(), person_, draft(0, "stroop", {{"score", 3}}));
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(fields_of(e), std::set<std::string>{"test_id"});
    EXPECT_NE(e.errors()[0].message.find("choice-rt"), std::string::npos);
  }
  const CognitiveSession no_score = draft(0, "pvt", {{"span", 6}});
  EXPECT_THROW(record_cognitive_session(ctx(), person_, no_score), ValidationError);
  const CognitiveSession not_an_object = draft(0, "pvt", json::array());
  EXPECT_THROW(record_cognitive_session(ctx(), person_, not_an_object), ValidationError);
  EXPECT_TRUE(repo().cognitive_sessions(person_.id).empty());
}

TEST_F(CognitiveSessions, JsonHasTheSessionTheComparisonAndTheCatalogue) {
  record_cognitive_session(ctx(), person_, draft(30, "choice-rt", {{"score", 2.65}}));
  record_cognitive_session(ctx(), person_, draft(29, "choice-rt", {{"score", 2.62}}));
  const auto third =
      record_cognitive_session(ctx(), person_, draft(1, "choice-rt", {{"score", 2.50}}));
  const json one = to_json(third);
  EXPECT_EQ(one["session"]["test_id"], "choice-rt");
  EXPECT_EQ(one["session"]["date"], "2026-02-28");
  EXPECT_EQ(one["session"]["device"], "laptop");
  EXPECT_EQ(one["session"]["browser"], "Firefox 128");
  EXPECT_EQ(one["session"]["result"]["score"], 2.50);
  EXPECT_EQ(one["session"]["id"], third.session.id);
  EXPECT_EQ(one["session"]["recorded_at"], "2026-03-01T09:00:00Z");
  EXPECT_EQ(one["comparison"]["practice"], false);
  EXPECT_EQ(one["comparison"]["session_number"], 3);
  EXPECT_EQ(one["comparison"]["baseline_score"], 2.62);
  EXPECT_EQ(one["comparison"]["change"], "improved");  // faster: 0.12 / 0.0506 = 2.37
  EXPECT_GT(one["comparison"]["rci"].get<double>(), 1.96);

  const json list = to_json(list_cognitive_sessions(repo(), person_.id));
  ASSERT_EQ(list["sessions"].size(), 3u);
  EXPECT_EQ(list["sessions"][0]["comparison"]["practice"], true);
  EXPECT_TRUE(list["sessions"][0]["comparison"]["rci"].is_null());
  EXPECT_TRUE(list["sessions"][0]["comparison"]["change"].is_null());
  EXPECT_TRUE(list["sessions"][0]["comparison"]["baseline_score"].is_null());
  ASSERT_EQ(list["tests"].size(), 8u);
  for (const auto& t : list["tests"]) {
    for (const char* key : {"id", "name", "unit", "higher_is_better", "r", "sd", "sources"}) {
      EXPECT_TRUE(t.contains(key)) << key;
    }
    EXPECT_TRUE(t["sources"]["r"].contains("evidence"));
    EXPECT_TRUE(t["sources"]["sd"].contains("source"));
  }
  EXPECT_EQ(cognitive_tests_json()[0]["id"], "pvt");
}

}  // namespace
}  // namespace taperlab::journal
